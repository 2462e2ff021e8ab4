"""Exports of the story database, one module per format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from storyline.errors import ExportError
from storyline.export.ftm import write_ftm
from storyline.export.gexf import write_gexf
from storyline.export.graphml import write_graphml
from storyline.export.json_export import write_json
from storyline.export.tables import write_csv, write_parquet
from storyline.export.timelinejs import write_timelinejs
from storyline.outputs import database_files, output_file, output_folder
from storyline.store import StoreReader

FILE_FORMATS: dict[str, Callable[[StoreReader, BinaryIO], None]] = {
    "json": write_json,
    "gexf": write_gexf,
    "graphml": write_graphml,
    "ftm": write_ftm,
    "timelinejs": write_timelinejs,
}
"""Formats written as one file (or to standard output with ``-o -``), by name."""

FOLDER_FORMATS: dict[str, Callable[[StoreReader, Path], None]] = {
    "csv": write_csv,
    "parquet": write_parquet,
}
"""Formats written as a folder of files, by name."""

FORMATS: tuple[str, ...] = (*FILE_FORMATS, *FOLDER_FORMATS)
"""Every export format by name (``storyline export --format NAME``)."""

DEFAULT_OUTPUT: dict[str, str] = {
    "json": "story.json",
    "gexf": "story.gexf",
    "graphml": "story.graphml",
    "ftm": "story.ftm.json",
    "timelinejs": "story.timeline.json",
    "csv": "story-csv",
    "parquet": "story-parquet",
}
"""Where each format is written when no ``--output`` is given (csv and parquet: folders)."""


def export(reader: StoreReader, fmt: str, out: Path, *, force: bool = False) -> None:
    """Write the story in format ``fmt`` to ``out`` by the rules of :mod:`storyline.outputs`
    (``-`` is standard output; the database read is never written over)."""
    protect = database_files(reader.path)
    if fmt in FOLDER_FORMATS:
        with output_folder(out, what=f"the {fmt} export", force=force, protect=protect) as folder:
            FOLDER_FORMATS[fmt](reader, folder)
    elif fmt in FILE_FORMATS:
        with output_file(out, force=force, protect=protect) as fh:
            FILE_FORMATS[fmt](reader, fh)
    else:
        raise ExportError(
            f"unknown export format {fmt!r}; choose one of: {', '.join(sorted(FORMATS))}"
        )
