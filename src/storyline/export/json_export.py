"""The JSON export: the public contract in ``shared/spec/export-json.md`` (schema 1).

The export is written section by section and item by item (:func:`write_json`): documents,
entities and the per-document layers are read from the store as they are written, so
memory stays flat however big the story is. The bytes are those ``json.dump(...,
indent=1)`` writes for the whole object (:func:`build_export`, kept for tests and small
stories).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, TextIO

from storyline.outputs import text_stream
from storyline.store import StoredDocument, StoreReader
from storyline.story_views.stored import story_brief

SCHEMA = "storyline.export/1"

_COUNTED = ("figure_groups", "events", "positions")


def _document(stored: StoredDocument, report: tuple[str, float] | None) -> dict[str, Any]:
    doc = stored.document
    meta = doc.meta
    return {
        "id": doc.id,
        "source": doc.source,
        "sources": list(stored.sources),
        "url": meta.url,
        "title": meta.title,
        "outlet": meta.outlet,
        "outlet_origin": meta.outlet_origin,
        "authors": list(meta.authors),
        "published": meta.published,
        "published_origin": meta.published_origin,
        "published_inferred": meta.inferred_date,
        "published_inferred_from": meta.inferred_from,
        "dates": [
            {"value": d.value, "origin": d.origin, "evidence": d.evidence} for d in meta.dates
        ],
        "language": meta.language,
        "status": stored.status,
        "status_reason": stored.status_reason,
        "cleaning": meta.cleaning,
        "report": report[0] if report else None,
        "copy_similarity": report[1] if report else None,
        "text": doc.text,
    }


def _counted(
    items: Iterable[dict[str, Any]], counts: dict[str, tuple[int, int]]
) -> Iterator[dict[str, Any]]:
    # copies of one article count once: each figure group, event and position says how
    # many independent reports state it (``sources``) and in how many documents (``copies``)
    for item in items:
        item["sources"], item["copies"] = counts.get(item["id"], (0, 0))
        yield item


def export_sections(reader: StoreReader) -> Iterator[tuple[str, Any]]:
    """The export's top-level keys in order, each with its value; lists are iterables read
    from the store as they are consumed (consume each before the next)."""
    yield "schema", SCHEMA
    yield "documents", (_document(s, r) for s, r in reader.iter_documents())
    yield "entities", reader.iter_entities()
    for name, items in reader.sections().items():
        yield name, _counted(items, reader.source_counts(name)) if name in _COUNTED else items
    yield "reports", reader.report_export()
    # the optional summary section: most central lines first, each cited (the brief
    # stored at resolution, see storyline.story_views.stored)
    yield "brief", [line.to_export() for line in story_brief(reader).lines]


def build_export(reader: StoreReader) -> dict[str, Any]:
    """The whole story as one JSON-ready object, in a stable order."""
    return {
        name: value if isinstance(value, str) else list(value)
        for name, value in export_sections(reader)
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


def _write_list(fh: TextIO, items: Iterable[Any]) -> None:
    """A list at the second level, as ``json.dump(indent=1)`` writes it, item by item."""
    first = True
    for item in items:
        fh.write("[\n  " if first else ",\n  ")
        fh.write(_dumps(item).replace("\n", "\n  "))
        first = False
    fh.write("[]" if first else "\n ]")


def write_json(reader: StoreReader, out: BinaryIO) -> None:
    """Write the export to the stream ``out`` (see :mod:`storyline.outputs`), streamed."""
    with text_stream(out) as fh:
        for i, (name, value) in enumerate(export_sections(reader)):
            fh.write(("{\n " if i == 0 else ",\n ") + _dumps(name) + ": ")
            if isinstance(value, str):
                fh.write(_dumps(value))
            else:
                _write_list(fh, value)
        fh.write("\n}\n")
