"""PDFs keep their tags and come out packed."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
import typst

from canting.core.documents import render_pdf

TABLE = """#let data = json(bytes(sys.inputs.data))
#table(columns: 3, ..data.rows.map(row => (row.name, str(row.count), row.note)).flatten())
"""


def test_a_long_tagged_table_is_packed_to_a_fraction_with_its_tags(tmp_path: Path) -> None:
    template = tmp_path / "table.typ"
    template.write_text(TABLE)
    rows = [{"name": f"Sentra {n}", "count": n * 7, "note": "batik tulis"} for n in range(1500)]

    packed = render_pdf(template, {"rows": rows})
    plain = typst.compile(template, format="pdf", sys_inputs={"data": json.dumps({"rows": rows})})

    assert isinstance(plain, bytes)
    assert len(packed) < len(plain) / 2
    with pikepdf.open(io.BytesIO(packed)) as document:
        assert "/StructTreeRoot" in document.Root
        assert len(document.pages) == len(pikepdf.open(io.BytesIO(plain)).pages) > 10
