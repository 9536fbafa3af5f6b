"""What an uploaded file really is, told by its first bytes and never by its name or the browser's word."""

from __future__ import annotations

from collections.abc import Collection
from typing import IO

# The signatures of the kinds of file the system accepts as documents and scans.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\xff\xd8\xff", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
)
HEAD_BYTES = 12


def file_kind(upload: IO[bytes], kinds: Collection[str] = ("pdf", "jpg", "png", "webp")) -> str | None:
    """The file's type from its first bytes, 'pdf', 'jpg', 'png' or 'webp', if it is one of ``kinds``; else None.

    The file is read from its start and left where it was.
    """
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(position)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind: str | None = "webp"
    else:
        kind = next((kind for signature, kind in SIGNATURES if head.startswith(signature)), None)
    return kind if kind in kinds else None
