"""CSV cells a spreadsheet would run as formulas are written as text (OWASP's CSV-injection
guidance): checked on the rule itself and on the csv export of a hostile article, read back
with the csv module and compared with the database cell by cell."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from storyline.export import export
from storyline.export.tables import INTERNAL
from storyline.sanitize import CSV_FORMULA_STARTS, csv_cell
from storyline.store import StoreReader

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("http://evil.example","x")', "+SUM(1,2)", "-2+3", "@cmd", "\tx", "\rx", "\0x"],
)
def test_every_dangerous_start_gets_a_quote(cell: str) -> None:
    assert csv_cell(cell) == "'" + cell


@pytest.mark.parametrize("value", [-2, -2.5, 0, 3.0, None, "", "plain text", "'quoted", "a=b"])
def test_numbers_and_harmless_text_stay_as_they_are(value: object) -> None:
    assert csv_cell(value) == value


def test_a_negative_number_stays_a_number_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow([csv_cell(v) for v in (-2, -2.5, "-2+3")])
    assert path.read_bytes() == b"-2,-2.5,'-2+3\r\n"


def read_tables(folder: Path) -> dict[str, list[list[str]]]:
    tables = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            tables[path.stem] = list(csv.reader(fh))
    return tables


def expected(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(CSV_FORMULA_STARTS) else value
    return str(value)


def test_the_hostile_export_has_no_formula_and_keeps_every_value(
    hostile_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "tables"
    with StoreReader(hostile_db) as reader:
        export(reader, "csv", out)
        tables = read_tables(out)
        for name in reader.queries.table_names():
            if name in INTERNAL:  # copy detection's MinHash bytes are not exported
                assert name not in tables
                continue
            columns, rows = reader.queries.table(name)
            header, *cells = tables[name]
            assert header == [c for c, _ in columns]
            assert cells == [[expected(v) for v in row] for row in rows], name
    for _, *rows in tables.values():
        for row in rows:
            for cell in row:
                if cell.startswith(CSV_FORMULA_STARTS):  # only a number may start so
                    float(cell)
    documents = {r[0]: r for r in tables["documents"][1:]}
    (doc,) = documents.values()
    header = tables["documents"][0]
    assert doc[header.index("title")].startswith("'=HYPERLINK(")
    assert doc[header.index("outlet")].startswith("'@Tromso")
    quotes = [r[tables["quotes"][0].index("text")] for r in tables["quotes"][1:]]
    assert any(q.startswith("'-2+3 is what the tally") for q in quotes), quotes
    assert any(q.startswith("'=HYPERLINK(1)") for q in quotes), quotes
    assert any(q.startswith("'@SUM(1,2)") for q in quotes), quotes
