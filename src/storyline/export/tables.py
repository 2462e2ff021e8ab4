"""The database's tables as a folder of CSV files or of Parquet files, for spreadsheets,
pandas, DuckDB and Datasette: one file per table, columns as in the database
(see ``store/schema.py``), plus ``quote_speakers`` (each quote's resolved speaker) and
``source_counts`` (how many independent reports and documents state each figure group,
event and position). ``document_signatures`` (copy detection's MinHash bytes) is left out:
``reports`` and ``report_documents`` hold what it found.

The writers fill a folder that :func:`storyline.outputs.output_folder` prepared."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from storyline.sanitize import csv_cell
from storyline.store import StoreReader

INTERNAL = {"document_signatures"}
SOURCE_COUNTS = [("kind", "TEXT"), ("id", "TEXT"), ("sources", "INTEGER"), ("copies", "INTEGER")]

Table = tuple[str, list[tuple[str, str]], Iterable[tuple[Any, ...]]]


def _tables(reader: StoreReader) -> Iterator[Table]:
    for name in reader.queries.table_names():
        if name not in INTERNAL:
            yield (name, *reader.queries.table(name))
    yield "source_counts", SOURCE_COUNTS, reader.source_count_rows()


def write_csv(reader: StoreReader, folder: Path) -> None:
    """One ``TABLE.csv`` per table in ``folder`` (UTF-8, header row, RFC 4180 quoting).

    Text cells that a spreadsheet would run as a formula get a leading ``'``
    (:func:`storyline.sanitize.csv_cell`); numbers are written as numbers.
    """
    for name, columns, rows in _tables(reader):
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([csv_cell(c) for c, _ in columns])
            writer.writerows([csv_cell(v) for v in row] for row in rows)


def write_parquet(reader: StoreReader, folder: Path) -> None:
    """One ``TABLE.parquet`` per table in ``folder``, typed from the declared column types."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"INTEGER": pa.int64(), "REAL": pa.float64()}
    for name, columns, rows in _tables(reader):
        schema = pa.schema([(c, types.get(t, pa.string())) for c, t in columns])
        data = list(zip(*rows, strict=True)) or [()] * len(columns)
        arrays = []
        for values, (_, declared) in zip(data, columns, strict=True):
            cast = {"INTEGER": int, "REAL": float}.get(declared, str)
            arrays.append(
                pa.array(
                    [None if v is None else cast(v) for v in values],
                    type=types.get(declared, pa.string()),
                )
            )
        table = pa.table(arrays, schema=schema)
        pq.write_table(table, folder / f"{name}.parquet")
