"""Read queries for the actor graph (web graph page, GEXF, GraphML) and for plain table
exports (CSV, Parquet). Nothing here writes."""

from __future__ import annotations

import bisect
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.store.queries import StoryQueries

Row = dict[str, Any]

GRAPH_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC")


def actor_graph(q: StoryQueries, max_nodes: int = 60, evidence: int = 3) -> Row:
    """Actors as nodes; co-mentions in one sentence, shared events and positions as edges.

    Nodes are the most mentioned people, organisations, places and groups; each edge keeps up
    to ``evidence`` citations (doc, start, end) so a user can check why it is there.
    Co-mention edges are undirected; position edges go from holder to target.
    """
    marks = ",".join("?" * len(GRAPH_TYPES))
    nodes = [
        dict(r)
        for r in q.conn.execute(  # counts stored at resolution (storyline.store.views)
            "SELECT e.id, e.name, e.type, e.kb_id, e.mentions FROM entities e "
            f"WHERE e.type IN ({marks}) AND e.mentions > 0 "
            "ORDER BY e.mentions DESC, e.name LIMIT ?",
            (*GRAPH_TYPES, max_nodes),
        )
    ]
    keep = {n["id"] for n in nodes}
    by_doc = _mention_starts(q.conn, keep)
    documents: dict[str, set[str]] = defaultdict(set)
    for doc, mentions in by_doc.items():
        for _, entity in mentions:
            documents[entity].add(doc)
    for n in nodes:
        n["documents"] = len(documents[n["id"]])
    edges: dict[tuple[str, str, str], Row] = {}

    def add(a: str, b: str, kind: str, label: str, cite: Row) -> None:
        if a == b or a not in keep or b not in keep:
            return
        if kind == "co-mention":
            first, second = sorted((a, b))
            key = (first, second, kind)
        else:
            key = (a, b, f"{kind}:{label}")
        edge = edges.setdefault(
            key,
            {
                "source": key[0],
                "target": key[1],
                "kind": kind,
                "label": label,
                "directed": kind in ("support", "oppose"),
                "weight": 0,
                "evidence": [],
            },
        )
        edge["weight"] += 1
        if len(edge["evidence"]) < evidence and cite not in edge["evidence"]:
            edge["evidence"].append(cite)

    for (a, b), (weight, cites) in _co_mentions(q.conn, by_doc, evidence).items():
        edges[(a, b, "co-mention")] = {
            "source": a,
            "target": b,
            "kind": "co-mention",
            "label": "named in one sentence",
            "directed": False,
            "weight": weight,
            "evidence": cites,
        }
    for event in q.events(limit=100_000):
        ids = [p["id"] for p in event["participants"]]
        cite = {k: event["reports"][0][k] for k in ("doc", "start", "end")}
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                add(a, b, "event", f"{event['type']}: {event['label']}", cite)
    for position in q.positions(limit=100_000):
        if not position["target_entity"] or not position["stances"]:
            continue
        s = position["stances"][0]
        cite = {"doc": s["doc"], "start": s["start"], "end": s["end"]}
        for holder in position["holders"]:
            add(
                holder["id"],
                position["target_entity"],
                position["polarity"],
                position["target"],
                cite,
            )
    return {"nodes": nodes, "edges": list(edges.values())}


def _mention_starts(conn: sqlite3.Connection, keep: set[str]) -> dict[str, list[tuple[int, str]]]:
    """Document → (start, entity) of every mention of the kept actors."""
    by_doc: dict[str, list[tuple[int, str]]] = defaultdict(list)
    wanted = sorted(keep)
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
            "SELECT m.doc_id, m.start, em.entity_id FROM entity_mentions em "
            f"JOIN mentions m ON m.id = em.mention_id WHERE em.entity_id IN ({marks})",
            chunk,
        ):
            by_doc[r[0]].append((int(r[1]), r[2]))
    return by_doc


def _co_mentions(
    conn: sqlite3.Connection, by_doc: dict[str, list[tuple[int, str]]], evidence: int
) -> dict[tuple[str, str], tuple[int, list[Row]]]:
    """(a, b) with a < b → (sentences naming both, the first ``evidence`` of them)."""
    sentences: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for r in conn.execute("SELECT doc_id, start, end FROM sentences ORDER BY doc_id, idx"):
        if r[0] in by_doc:  # one pass over the table beats a query per document
            sentences[r[0]].append((int(r[1]), int(r[2])))
    counts: dict[tuple[str, str], int] = defaultdict(int)
    cites: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for doc, mentions in sorted(by_doc.items()):
        spans = sentences[doc]
        starts = [s for s, _ in spans]
        in_sentence: dict[int, set[str]] = defaultdict(set)
        for start, entity in mentions:
            i = bisect.bisect_right(starts, start) - 1
            if i >= 0:
                in_sentence[i].add(entity)
        for i, entities in sorted(in_sentence.items()):
            if len(entities) < 2:
                continue
            ordered = sorted(entities)
            for j, a in enumerate(ordered):
                for b in ordered[j + 1 :]:
                    counts[a, b] += 1
                    if len(cites[a, b]) < evidence:
                        cites[a, b].append({"doc": doc, "start": spans[i][0], "end": spans[i][1]})
    return {pair: (count, cites[pair]) for pair, count in counts.items()}


# ------------------------------------------------------------------------ tables


def table_names(conn: sqlite3.Connection) -> list[str]:
    """The plain tables of the database (no FTS internals), plus ``quote_speakers``."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' "
            "AND name NOT LIKE 'sentences_fts_%' ORDER BY name"
        )
    ]
    return sorted([*names, "quote_speakers"])


def table(
    conn: sqlite3.Connection, name: str
) -> tuple[list[tuple[str, str]], Iterator[tuple[Any, ...]]]:
    """Columns (name, declared type) and rows of one table from :func:`table_names`."""
    from storyline.store.queries import SPEAKER_JOIN

    if name == "quote_speakers":
        columns = [("quote_id", "TEXT"), ("entity_id", "TEXT")]
        sql = f"SELECT q.id, se.id FROM quotes q {SPEAKER_JOIN} WHERE se.id IS NOT NULL ORDER BY 1"
        return columns, (tuple(r) for r in conn.execute(sql))
    if name not in table_names(conn):
        raise KeyError(name)
    columns = [
        (str(r[1]), str(r[2] or "TEXT").upper())
        for r in conn.execute(f'PRAGMA table_info("{name}")')
    ]
    order = ", ".join(f'"{c}"' for c, _ in columns)
    return columns, (tuple(r) for r in conn.execute(f'SELECT * FROM "{name}" ORDER BY {order}'))
