"""FollowTheMoney entities as JSON lines, for OCCRP Aleph (``ftm`` / ``alephclient``).

One entity a line: ``{"id", "schema", "properties": {name: [values]}}``.

- each document → ``Article`` (title, author, publisher, publishedAt, bodyText, …);
- each person → ``Person``, organisation → ``Organization``; countries, cities and other
  places (GPE, LOC) → ``Territory`` (FollowTheMoney has no Country schema; a country is a
  Territory), all with ``alias`` and ``wikidataId``;
- each name found in an article → ``Mention`` (``document`` → the Article, ``name``,
  ``resolved`` → the Person or Organization, ``detectedSchema``);
- each event → ``Event`` (``name``, ``date``, ``involved`` people and organisations,
  ``location``, ``proof`` → the Articles that report it, ``summary``).

Ids are storyline's with ``_`` turned into ``-`` (FollowTheMoney ids allow no underscore).
Groups (NORP) and other kinds of names have no FollowTheMoney schema and are left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from storyline.document import mention_id
from storyline.outputs import text_stream
from storyline.present import sources_label
from storyline.store import StoreReader

SCHEMAS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Territory", "LOC": "Territory"}
LEGAL = ("Person", "Organization")  # what Mention.resolved and Event.involved may point at
LANGUAGES = {"en": "eng", "de": "deu", "fr": "fra", "es": "spa", "ru": "rus", "zh": "zho"}


def ftm_id(ident: str) -> str:
    """FollowTheMoney ids allow letters, digits, dots and hyphens: ``e_12ab`` → ``e-12ab``."""
    return ident.replace("_", "-")


def _entity(ident: str, schema: str, **props: list[str]) -> dict[str, Any]:
    return {
        "id": ftm_id(ident),
        "schema": schema,
        "properties": {k: v for k, v in props.items() if v},
    }


def _values(*items: object) -> list[str]:
    return [str(i) for i in items if i not in (None, "")]


def _url(url: str | None) -> list[str]:
    return [url] if url and re.match(r"https?://", url) else []


def ftm_entities(reader: StoreReader) -> Iterator[dict[str, Any]]:
    """Every FollowTheMoney entity of the story, articles first."""
    for stored in reader.documents():
        doc, meta = stored.document, stored.document.meta
        yield _entity(
            doc.id,
            "Article",
            title=_values(meta.title),
            author=list(meta.authors),
            publisher=_values(meta.outlet),
            publishedAt=_values(meta.published),
            bodyText=[doc.text],
            sourceUrl=_url(meta.url),
            language=_values(LANGUAGES.get(meta.language)),
            fileName=_values(doc.source.rsplit("/", 1)[-1]),
        )
    schema_of: dict[str, str] = {}
    entities = reader.entities()
    for e in entities:
        schema = SCHEMAS.get(e["type"])
        if schema is None:
            continue
        schema_of[e["id"]] = schema
        yield _entity(
            e["id"],
            schema,
            name=[e["name"]],
            alias=[a for a in e["aliases"] if a != e["name"]],
            wikidataId=_values(e["kb_id"]) if e["kb_id"] and e["kb_id"][:1] == "Q" else [],
        )
    for e in entities:
        schema = schema_of.get(e["id"])
        if schema is None:
            continue
        for m in e["mentions"]:
            yield _entity(
                mention_id(m["doc"], m["start"], m["end"]),
                "Mention",
                document=[ftm_id(m["doc"])],
                name=[m["text"]],
                resolved=[ftm_id(e["id"])] if schema in LEGAL else [],
                detectedSchema=[schema],
            )
    for v in reader.queries.events(limit=1_000_000):
        involved = [ftm_id(p["id"]) for p in v["participants"] if schema_of.get(p["id"]) in LEGAL]
        others = [p["name"] for p in v["participants"] if schema_of.get(p["id"]) not in LEGAL]
        summary = (
            f"{v['type']} event reported by {len(v['reports'])} passages in {sources_label(v)}"
        )
        if others:
            summary += "; also involved: " + ", ".join(others)
        yield _entity(
            v["id"],
            "Event",
            name=[v["label"]],
            date=_values(v["date"]),
            involved=involved,
            location=_values(v["place_name"]),
            proof=sorted({ftm_id(r["doc"]) for r in v["reports"]}),
            summary=[summary],
        )


def write_ftm(reader: StoreReader, out: BinaryIO) -> None:
    with text_stream(out) as fh:
        for entity in ftm_entities(reader):
            fh.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
