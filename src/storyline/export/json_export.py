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
    copies = reader.document_reports()
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
                "report": copies[doc.id][0] if doc.id in copies else None,
                "copy_similarity": copies[doc.id][1] if doc.id in copies else None,
                "text": doc.text,
            }
        )
    story: dict[str, Any] = {
        "schema": SCHEMA,
        "documents": documents,
        "entities": reader.entities(),
    }
    story.update(reader.sections())
    # copies of one article count once: each figure group, event and position says how
    # many independent reports state it (``sources``) and in how many documents (``copies``)
    story["reports"] = reader.report_export()
    for kind in ("figure_groups", "events", "positions"):
        counts = reader.source_counts(kind)
        for item in story[kind]:
            item["sources"], item["copies"] = counts.get(item["id"], (0, 0))
    # the optional summary section: most central lines first, each cited
    story["brief"] = [line.to_export() for line in build_brief(reader).lines]
    return story


def write_json(reader: StoreReader, out: BinaryIO) -> None:
    """Write the export to the stream ``out`` (see :mod:`storyline.outputs`)."""
    with text_stream(out) as fh:
        json.dump(build_export(reader), fh, ensure_ascii=False, indent=1)
        fh.write("\n")
