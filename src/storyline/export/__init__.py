"""Exports of the story database, one module per format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storyline.errors import ExportError
from storyline.export.ftm import write_ftm
from storyline.export.gexf import write_gexf
from storyline.export.graphml import write_graphml
from storyline.export.json_export import write_json
from storyline.export.tables import write_csv, write_parquet
from storyline.export.timelinejs import write_timelinejs
from storyline.store import StoreReader

Writer = Callable[[StoreReader, Path], None]

FORMATS: dict[str, Writer] = {
    "json": write_json,
    "gexf": write_gexf,
    "graphml": write_graphml,
    "ftm": write_ftm,
    "timelinejs": write_timelinejs,
    "csv": write_csv,
    "parquet": write_parquet,
}
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


def export(reader: StoreReader, fmt: str, out: Path) -> None:
    """Write the story in format ``fmt`` to ``out``."""
    writer = FORMATS.get(fmt)
    if writer is None:
        raise ExportError(
            f"unknown export format {fmt!r}; choose one of: {', '.join(sorted(FORMATS))}"
        )
    try:
        writer(reader, out)
    except OSError as exc:
        raise ExportError(
            f"{out}: cannot write the export ({exc.strerror}); check the path"
        ) from exc
