"""The precomputed story views: computed when resolution runs, read back in milliseconds.

What is costly over the whole story is computed once per resolution
(:func:`refresh_story_views`, called by :func:`storyline.engines.local.resolve_story`) and
stored (:mod:`storyline.store.views`; each entity's mention and document counts are stored
with the entities, :meth:`storyline.store.StoreWriter.replace_entities`): the
whole-story brief (its lines in the order they were chosen, so the brief of any length up
to :data:`BRIEF_LINES` is read from it), the whole-story framing as ``storyline framing``
prints it, and the actor graph of :data:`GRAPH_NODES` nodes.

Readers (:func:`story_brief`, :func:`story_graph`) use a stored view while it was made
for the documents stored now, and compute it otherwise (a database resolved by an older
storyline, or documents added since, while ``analyze`` is still running).
"""

from __future__ import annotations

import json
from typing import Any

from storyline.store import StoreReader, StoreWriter
from storyline.story_views.brief import (
    Brief,
    BriefLine,
    Citation,
    Disagreement,
    build_brief,
    chosen_lines,
    shorten,
)
from storyline.story_views.framing import Framing, build_framing, framing_from_facts
from storyline.story_views.present import framing_lines
from storyline.story_views.scope import story_scope

BRIEF_LINES = 30
"""Lines of the stored brief: any whole-story brief up to this length is read from it."""

GRAPH_NODES = 60
"""Nodes of the stored actor graph (the web page's default)."""

BRIEF = "brief"
FRAMING = "framing"


def graph_name(nodes: int) -> str:
    return f"graph:{nodes}"


def refresh_story_views(store: StoreWriter) -> None:
    """Compute and store every precomputed view from what ``store`` holds now (the story's
    facts are read and cut into units once, for the brief and the framing)."""
    reader = store.reader()
    facts = reader.story_facts()
    scope = story_scope(facts)
    chosen = chosen_lines(facts, None, BRIEF_LINES, scope=scope)
    framing = framing_from_facts(facts, scope=scope)
    graph = reader.queries.actor_graph(max_nodes=GRAPH_NODES)
    store.replace_story_views(
        {
            BRIEF: json.dumps(brief_to_json(chosen), ensure_ascii=False),
            FRAMING: json.dumps(_framing_lines(framing), ensure_ascii=False),
            graph_name(GRAPH_NODES): json.dumps(graph, ensure_ascii=False),
        }
    )


def _framing_lines(framing: Framing) -> list[str]:
    return framing_lines(framing) if framing.outlets else []


def story_framing_lines(reader: StoreReader) -> list[str]:
    """The whole story's framing as ``storyline framing`` prints it: stored when current,
    else computed (:func:`storyline.story_views.framing.build_framing`)."""
    raw = reader.story_view(FRAMING)
    if raw is None:
        return _framing_lines(build_framing(reader))
    return [str(line) for line in json.loads(raw)]


def story_brief(reader: StoreReader, length: int = 10) -> Brief:
    """The whole-story brief of ``length`` lines: read from the stored brief when it is
    current and long enough, else computed (:func:`storyline.story_views.brief.build_brief`)."""
    raw = reader.story_view(BRIEF) if length <= BRIEF_LINES else None
    if raw is None:
        return build_brief(reader, length=length)
    return shorten(brief_from_json(json.loads(raw)), length)


def stored_brief_ready(reader: StoreReader) -> bool:
    """Whether the whole-story brief can be read without computing it."""
    return reader.story_view(BRIEF) is not None


def story_graph(reader: StoreReader, max_nodes: int = GRAPH_NODES) -> dict[str, Any]:
    """The actor graph of ``max_nodes`` nodes: stored when current, else computed."""
    raw = reader.story_view(graph_name(max_nodes))
    if raw is None:
        return reader.queries.actor_graph(max_nodes=max_nodes)
    graph: dict[str, Any] = json.loads(raw)
    return graph


# ------------------------------------------------------------------ serialisation


def _citation(c: Citation) -> list[Any]:
    return [c.doc, c.start, c.end, c.outlet, c.published]


def _citation_from(v: list[Any]) -> Citation:
    return Citation(str(v[0]), int(v[1]), int(v[2]), str(v[3]), v[4])


def brief_to_json(brief: Brief) -> dict[str, Any]:
    """The brief as JSON, every field kept exactly (scores unrounded: they order lines)."""
    return {
        "event": brief.event,
        "label": brief.label,
        "documents": brief.documents,
        "lines": [
            {
                "text": line.text,
                "citations": [_citation(c) for c in line.citations],
                "sources": line.sources,
                "outlets": list(line.outlets),
                "score": line.score,
                "copies": line.copies,
                "disagreements": [
                    {
                        "text": d.text,
                        "says": list(d.says),
                        "instead_of": list(d.instead_of),
                        "citations": [_citation(c) for c in d.citations],
                        "sources": d.sources,
                        "copies": d.copies,
                        "outlets": list(d.outlets),
                        "versus": [_citation(c) for c in d.versus],
                    }
                    for d in line.disagreements
                ],
            }
            for line in brief.lines
        ],
    }


def brief_from_json(data: dict[str, Any]) -> Brief:
    """The brief :func:`brief_to_json` wrote."""
    lines = tuple(
        BriefLine(
            text=line["text"],
            citations=tuple(_citation_from(c) for c in line["citations"]),
            sources=int(line["sources"]),
            outlets=tuple(line["outlets"]),
            score=float(line["score"]),
            copies=int(line["copies"]),
            disagreements=tuple(
                Disagreement(
                    text=d["text"],
                    says=tuple(d["says"]),
                    instead_of=tuple(d["instead_of"]),
                    citations=tuple(_citation_from(c) for c in d["citations"]),
                    sources=int(d["sources"]),
                    copies=int(d["copies"]),
                    outlets=tuple(d["outlets"]),
                    versus=tuple(_citation_from(c) for c in d["versus"]),
                )
                for d in line["disagreements"]
            ),
        )
        for line in data["lines"]
    )
    return Brief(data["event"], data["label"], int(data["documents"]), lines)
