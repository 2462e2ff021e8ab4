"""The JSON export: the public contract in ``shared/spec/export-json.md`` (schema 1)."""

from __future__ import annotations

import json
from typing import Any, BinaryIO

from storyline.outputs import text_stream
from storyline.store import StoreReader
from storyline.story_views.brief import build_brief

SCHEMA = "storyline.export/1"


def build_export(reader: StoreReader) -> dict[str, Any]:
    """The whole story as one JSON-ready object, in a stable order."""
    documents = []
    for stored in reader.documents():
        doc = stored.document
        meta = doc.meta
        documents.append(
            {
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
                    {"value": d.value, "origin": d.origin, "evidence": d.evidence}
                    for d in meta.dates
                ],
                "language": meta.language,
                "status": stored.status,
                "status_reason": stored.status_reason,
                "cleaning": meta.cleaning,
                "text": doc.text,
            }
        )
    story: dict[str, Any] = {
        "schema": SCHEMA,
        "documents": documents,
        "entities": reader.entities(),
    }
    story.update(reader.sections())
    # the optional summary section: most central lines first, each cited
    story["brief"] = [line.to_export() for line in build_brief(reader).lines]
    return story


def write_json(reader: StoreReader, out: BinaryIO) -> None:
    """Write the export to the stream ``out`` (see :mod:`storyline.outputs`)."""
    with text_stream(out) as fh:
        json.dump(build_export(reader), fh, ensure_ascii=False, indent=1)
        fh.write("\n")
