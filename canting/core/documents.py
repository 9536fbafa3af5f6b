"""Documents: PDF through typst, with QR codes as SVG from segno.

Templates are ``.typ`` files kept beside an app's HTML templates (``<app>/documents/``). A template reads its data
as JSON from ``sys.inputs.data``; nothing is downloaded at run time and only typst's embedded fonts are used, so a
document looks the same on every machine.

Typst writes tagged PDFs (screen readers follow their structure), and leaves that structure as plain objects: a
33-page national report carries about 800 KB of it. ``render_pdf`` packs those objects into compressed object
streams (pikepdf, on qpdf), which makes such a report a quarter of the size with the same pages and tags.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf
import segno
import typst
from django.core.serializers.json import DjangoJSONEncoder

_lock = threading.Lock()


@cache
def _compiler(template: Path) -> typst.Compiler:
    # One compiler per template keeps its parsed fonts between documents; typst compilers are not shared across
    # threads, hence the lock below.
    return typst.Compiler(template, root=template.parent, ignore_system_fonts=True)


def _inputs(data: Mapping[str, Any]) -> dict[str, str]:
    return {"data": json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)}


def render_pdf(template: Path, data: Mapping[str, Any]) -> bytes:
    """The PDF of ``template`` filled with ``data``."""
    with _lock:
        result = _compiler(template).compile(format="pdf", sys_inputs=_inputs(data))
    assert isinstance(result, bytes)
    return _packed(result)


def _packed(pdf: bytes) -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        # Typst's streams are compressed already: they are copied as they are, not decoded and compressed again.
        document.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
        )
    return out.getvalue()


def render_png(template: Path, data: Mapping[str, Any], *, ppi: float = 144) -> list[bytes]:
    """One PNG per page: for previews, and for tests that read the printed codes back."""
    with _lock:
        result = _compiler(template).compile(format="png", ppi=ppi, sys_inputs=_inputs(data))
    return [result] if isinstance(result, bytes) else list(result or [])


def qr_svg(text: str) -> str:
    """A QR code (error correction M, no quiet zone: the template leaves the margin) as an SVG document that scales
    to the box it is given (a viewBox, no fixed size).

    Mask 0 is fixed instead of letting segno score all eight: a printed label reads as well with it, and it makes
    a 1,000-label sheet several times faster.
    """
    code = segno.make_qr(text, error="m", mask=0, boost_error=False)
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, nl=False, border=0, omitsize=True)
    return out.getvalue().decode()
