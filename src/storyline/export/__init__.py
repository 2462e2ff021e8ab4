"""Exports of the story database, one module per format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storyline.errors import ExportError
from storyline.export.json_export import write_json
from storyline.store import StoreReader

Writer = Callable[[StoreReader, Path], None]

FORMATS: dict[str, Writer] = {"json": write_json}


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
