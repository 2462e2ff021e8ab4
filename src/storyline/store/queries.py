"""Read queries for browsing a story: pages of documents, entities, quotes, figures, events,
the actor graph and search. Used by the web app, the HTML report and the table exports.

Every list is paginated (``offset``/``limit``) or bounded, so a page stays fast on a
database of thousands of documents; rows are plain JSON-ready dicts. Nothing here writes.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storyline.store.reports import document_report

Row = dict[str, Any]

_FIGURE_WORDS = "(f.text || ' ' || coalesce(f.subject, ''))"

# ``language``: the web app and report set ``lang`` on text quoted from the document
_DOC_COLUMNS = "d.id AS doc, d.title, d.outlet, d.published, d.url, d.language"
# the independent report a cited document belongs to (itself until reports are built)
_REPORT_COLUMN = "(SELECT rd.report_id FROM report_documents rd WHERE rd.doc_id = d.id) AS report"
SPEAKER_JOIN = (
    "LEFT JOIN mentions sm ON sm.doc_id = q.doc_id AND sm.start = q.speaker_start "
    "AND sm.end = q.speaker_end "
    "LEFT JOIN entity_mentions sem ON sem.mention_id = sm.id "
    "LEFT JOIN entities se ON se.id = sem.entity_id"
)


_FACT_KINDS = {
    "quotes": "quote",
    "stances": "stance",
    "figures": "figure",
    "times": "time",
    "event_mentions": "event mention",
}


def _rows(cursor: Iterable[sqlite3.Row]) -> list[Row]:
    return [dict(r) for r in cursor]


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def tally(rows: Iterable[Row]) -> tuple[int, int]:
    """(independent reports, documents) among cited rows with ``doc`` and ``report``: copies
    of one syndicated or republished article count once."""
    rows = list(rows)
    return len({r.get("report") or r["doc"] for r in rows}), len({r["doc"] for r in rows})


def fts_query(text: str) -> str | None:
    """A safe FTS5 query from what a user typed: every word must occur (as a phrase)."""
    words = re.findall(r"\w+", text)
    if not words:
        return None
    return " ".join('"' + w.replace('"', "") + '"' for w in words[:12])


class StoryQueries:
    """Read queries over one open (read-only) connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _one(self, sql: str, params: Sequence[object] = ()) -> Row | None:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else dict(row)

    def _count(self, sql: str, params: Sequence[object] = ()) -> int:
        return int(self.conn.execute(sql, params).fetchone()[0])

    # ------------------------------------------------------------------ sources

    def outlets(self) -> list[Row]:
        """Each outlet (None for unknown) with how many documents it has."""
        return _rows(
            self.conn.execute(
                "SELECT d.outlet, count(*) AS documents, "
                "count(DISTINCT coalesce(rd.report_id, d.id)) AS reports, "
                "sum(rd.report_id IS NOT NULL AND p.lead != d.id) AS copies, "
                "min(d.published) AS first, max(d.published) AS last FROM documents d "
                "LEFT JOIN report_documents rd ON rd.doc_id = d.id "
                "LEFT JOIN reports p ON p.id = rd.report_id GROUP BY d.outlet "
                "ORDER BY documents DESC, d.outlet IS NULL, d.outlet"
            )
        )

    def document_page(self, offset: int = 0, limit: int = 50) -> tuple[list[Row], int]:
        """Documents newest first with their counts of facts, and the total."""
        rows = _rows(
            self.conn.execute(
                "SELECT d.id, d.title, d.outlet, d.published, d.status, d.source, d.url, "
                "d.language, length(d.text) AS chars, "
                "(SELECT count(*) FROM quotes q WHERE q.doc_id = d.id) AS quotes, "
                "(SELECT count(*) FROM figures f WHERE f.doc_id = d.id) AS figures, "
                "(SELECT count(*) FROM event_mentions v WHERE v.doc_id = d.id) AS events, "
                "(SELECT p.copies FROM report_documents rd JOIN reports p ON p.id = rd.report_id "
                "WHERE rd.doc_id = d.id) AS copies "
                "FROM documents d ORDER BY d.published IS NULL, d.published DESC, d.title, d.id "
                "LIMIT ? OFFSET ?",
                (limit, offset),
            )
        )
        return rows, self._count("SELECT count(*) FROM documents")

    def document(self, doc_id: str) -> Row | None:
        """One document with its metadata, text and every annotation (entities resolved)."""
        doc = self._one("SELECT * FROM documents WHERE id = ?", (doc_id,))
        if doc is None:
            return None
        doc["authors"] = json.loads(doc["authors"] or "[]")
        doc["report"] = document_report(self.conn, doc_id)
        doc["dates"] = _rows(
            self.conn.execute(
                "SELECT value, origin, evidence FROM document_dates WHERE doc_id = ? "
                "ORDER BY value",
                (doc_id,),
            )
        )
        doc["sources"] = [
            r[0]
            for r in self.conn.execute(
                "SELECT source FROM document_sources WHERE doc_id = ? ORDER BY source", (doc_id,)
            )
        ]
        doc["sentences"] = _rows(
            self.conn.execute(
                "SELECT idx, start, end FROM sentences WHERE doc_id = ? ORDER BY idx", (doc_id,)
            )
        )
        doc["mentions"] = _rows(
            self.conn.execute(
                "SELECT m.id, m.start, m.end, m.text, m.label, em.entity_id AS entity, "
                "e.name AS entity_name FROM mentions m "
                "LEFT JOIN entity_mentions em ON em.mention_id = m.id "
                "LEFT JOIN entities e ON e.id = em.entity_id "
                "WHERE m.doc_id = ? ORDER BY m.start",
                (doc_id,),
            )
        )
        doc["quotes"] = _rows(
            self.conn.execute(
                "SELECT q.id, q.start, q.end, q.text, q.direct, q.speaker_text, q.cue, "
                f"se.id AS speaker, se.name AS speaker_name FROM quotes q {SPEAKER_JOIN} "
                "WHERE q.doc_id = ? ORDER BY q.start",
                (doc_id,),
            )
        )
        doc["stances"] = _rows(
            self.conn.execute(
                "SELECT id, start, end, holder_text, polarity, target, cue FROM stances "
                "WHERE doc_id = ? ORDER BY start",
                (doc_id,),
            )
        )
        doc["figures"] = [
            {**r, "value": _number(r["value"])}
            for r in _rows(
                self.conn.execute(
                    "SELECT f.id, f.start, f.end, f.text, f.value, f.unit, f.subject, f.kind, "
                    "f.period, f.hedge, gm.group_id AS figure_group FROM figures f "
                    "LEFT JOIN figure_group_members gm ON gm.figure_id = f.id "
                    "WHERE f.doc_id = ? ORDER BY f.start",
                    (doc_id,),
                )
            )
        ]
        doc["times"] = _rows(
            self.conn.execute(
                "SELECT id, start, end, text, value FROM times WHERE doc_id = ? ORDER BY start",
                (doc_id,),
            )
        )
        doc["events"] = _rows(
            self.conn.execute(
                "SELECT vm.id, vm.start, vm.end, vm.type, vm.label, vm.date, vm.date_inferred, "
                "vm.date_rule, l.event_id AS event FROM event_mentions vm "
                "LEFT JOIN event_links l ON l.event_mention_id = vm.id "
                "WHERE vm.doc_id = ? ORDER BY vm.start",
                (doc_id,),
            )
        )
        return doc

    def sentence_at(self, doc_id: str, start: int, end: int) -> Row | None:
        """The sentence(s) around a span: their offsets and exact text."""
        row = self._one(
            "SELECT min(start) AS start, max(end) AS end FROM sentences "
            "WHERE doc_id = ? AND end > ? AND start < ?",
            (doc_id, start, max(end, start + 1)),
        )
        if row is None or row["start"] is None:
            return None
        row["text"] = self.conn.execute(
            "SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?",
            (row["start"], row["end"], row["start"], doc_id),
        ).fetchone()[0]
        return row

    # ----------------------------------------------------------------- entities

    def entity_page(
        self,
        offset: int = 0,
        limit: int = 50,
        type_: str | None = None,
        name: str | None = None,
    ) -> tuple[list[Row], int]:
        """Entities by number of mentions, optionally of one type or matching a name.

        The counts are stored on each entity when resolution runs
        (:mod:`storyline.store.views`) and an index keeps them in order, so a page reads
        ``limit`` rows however many mentions the story has."""
        where, params = self._entity_filter(type_, name)
        rows = _rows(
            self.conn.execute(
                "SELECT e.id, e.name, e.type, e.kb_id, e.mentions, e.documents FROM entities e "
                f"{where} ORDER BY e.mentions DESC, e.name, e.id LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )
        )
        total = self._count(f"SELECT count(*) FROM entities e {where}", params)
        return rows, total

    @staticmethod
    def _entity_filter(type_: str | None, name: str | None) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if type_:
            clauses.append("e.type = ?")
            params.append(type_)
        if name:
            clauses.append(
                "(e.name LIKE ? ESCAPE '\\' OR e.id IN (SELECT entity_id FROM entity_aliases "
                "WHERE alias LIKE ? ESCAPE '\\'))"
            )
            like = "%" + re.sub(r"([%_\\])", r"\\\1", name) + "%"
            params += [like, like]
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def entity_types(self) -> list[Row]:
        return _rows(
            self.conn.execute(
                "SELECT type, count(*) AS entities FROM entities GROUP BY type ORDER BY 2 DESC"
            )
        )

    def entity(self, entity_id: str, limit: int = 200) -> Row | None:
        """One entity: aliases, mentions by outlet, quotes, positions, stances, events, figures."""
        entity = self._one("SELECT * FROM entities WHERE id = ?", (entity_id,))
        if entity is None:
            return None
        entity["aliases"] = [
            r[0]
            for r in self.conn.execute(
                "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", (entity_id,)
            )
        ]
        entity["by_outlet"] = _rows(
            self.conn.execute(
                "SELECT d.outlet, count(*) AS mentions, count(DISTINCT d.id) AS documents "
                "FROM entity_mentions em JOIN mentions m ON m.id = em.mention_id "
                "JOIN documents d ON d.id = m.doc_id WHERE em.entity_id = ? "
                "GROUP BY d.outlet ORDER BY mentions DESC, d.outlet",
                (entity_id,),
            )
        )
        entity["sources"], entity["copies"] = (
            int(x)
            for x in self.conn.execute(
                "SELECT count(DISTINCT coalesce(rd.report_id, x.doc_id)), count(*) FROM "
                "(SELECT DISTINCT m.doc_id FROM entity_mentions em JOIN mentions m "
                "ON m.id = em.mention_id WHERE em.entity_id = ?) x "
                "LEFT JOIN report_documents rd ON rd.doc_id = x.doc_id",
                (entity_id,),
            ).fetchone()
        )
        entity["documents"] = _rows(
            self.conn.execute(
                f"SELECT {_DOC_COLUMNS}, count(*) AS mentions, min(m.start) AS first "
                "FROM entity_mentions em JOIN mentions m ON m.id = em.mention_id "
                "JOIN documents d ON d.id = m.doc_id WHERE em.entity_id = ? "
                "GROUP BY d.id ORDER BY d.published IS NULL, d.published DESC, d.id LIMIT ?",
                (entity_id, limit),
            )
        )
        entity["quotes"], entity["quote_total"] = self.quote_page(speaker=entity_id, limit=limit)
        entity["positions"] = self.positions(holder=entity_id, limit=limit)
        entity["targeted_by"] = self.positions(target=entity_id, limit=limit)
        entity["events"] = self.events(participant=entity_id, limit=limit)
        entity["figures"] = [
            {**r, "value": _number(r["value"])}
            for r in _rows(
                self.conn.execute(
                    f"SELECT DISTINCT f.id, f.start, f.end, f.text, f.value, f.unit, f.subject, "
                    f"f.kind, f.period, {_DOC_COLUMNS} FROM entity_mentions em "
                    "JOIN mentions m ON m.id = em.mention_id "
                    "JOIN sentences s ON s.doc_id = m.doc_id AND s.start <= m.start "
                    "AND s.end >= m.end "
                    "JOIN figures f ON f.doc_id = s.doc_id AND f.start >= s.start "
                    "AND f.end <= s.end JOIN documents d ON d.id = f.doc_id "
                    "WHERE em.entity_id = ? ORDER BY d.published, f.doc_id, f.start LIMIT ?",
                    (entity_id, limit),
                )
            )
        ]
        return entity

    def entity_names(self, ids: Iterable[str]) -> dict[str, Row]:
        """id → {id, name, type} for the given entity ids."""
        wanted = sorted(set(ids))
        out: dict[str, Row] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                f"SELECT id, name, type FROM entities WHERE id IN ({marks})", chunk
            ):
                out[r["id"]] = dict(r)
        return out

    # ------------------------------------------------------------------- quotes

    def quote_page(
        self,
        speaker: str | None = None,
        outlet: str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> tuple[list[Row], int]:
        """Quotes with speaker (resolved entity) and source, filtered by speaker and outlet.

        The page is chosen first (quotes and documents only), then its speakers are joined,
        so a page costs the same on a big database as on a small one.
        """
        clauses, params = [], []
        if speaker:
            clauses.append(
                "q.id IN (SELECT q2.id FROM entity_mentions em "
                "JOIN mentions m ON m.id = em.mention_id JOIN quotes q2 ON q2.doc_id = m.doc_id "
                "AND q2.speaker_start = m.start AND q2.speaker_end = m.end "
                "WHERE em.entity_id = ?)"
            )
            params.append(speaker)
        if outlet:
            clauses.append("d.outlet = ?")
            params.append(outlet)
        where = "WHERE " + " AND ".join(clauses) if clauses else ""
        base = f"FROM quotes q JOIN documents d ON d.id = q.doc_id {where}"
        page = [
            r[0]
            for r in self.conn.execute(
                f"SELECT q.id {base} ORDER BY d.published IS NULL, d.published DESC, q.doc_id, "
                "q.start LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )
        ]
        rows: dict[str, Row] = {}
        if page:
            marks = ",".join("?" * len(page))
            for r in self.conn.execute(
                "SELECT q.id, q.start, q.end, q.text, q.direct, q.speaker_text, q.cue, "
                f"se.id AS speaker, se.name AS speaker_name, {_DOC_COLUMNS} FROM quotes q "
                f"JOIN documents d ON d.id = q.doc_id {SPEAKER_JOIN} WHERE q.id IN ({marks})",
                page,
            ):
                rows[r["id"]] = dict(r)
        return [rows[i] for i in page], self._count(f"SELECT count(*) {base}", params)

    def speakers(self, limit: int = 300) -> list[Row]:
        """Resolved speakers by number of quotes."""
        return _rows(
            self.conn.execute(
                f"SELECT se.id, se.name, count(*) AS quotes FROM quotes q {SPEAKER_JOIN} "
                "WHERE se.id IS NOT NULL GROUP BY se.id ORDER BY quotes DESC, se.name LIMIT ?",
                (limit,),
            )
        )

    # ---------------------------------------------------------------- positions

    def positions(
        self, holder: str | None = None, target: str | None = None, limit: int = 200
    ) -> list[Row]:
        """Positions with holders' names and every stance that states them (with sources)."""
        clauses, params = [], []
        if holder:
            clauses.append("p.id IN (SELECT position_id FROM position_holders WHERE entity_id = ?)")
            params.append(holder)
        if target:
            clauses.append("p.target_entity = ?")
            params.append(target)
        where = "WHERE " + " AND ".join(clauses) if clauses else ""
        rows = _rows(
            self.conn.execute(
                f"SELECT p.* FROM positions p {where} ORDER BY "
                "(SELECT count(*) FROM position_stances ps WHERE ps.position_id = p.id) DESC, "
                "p.target, p.polarity, p.id LIMIT ?",
                (*params, limit),
            )
        )
        ids = [r["id"] for r in rows]
        holders: dict[str, list[str]] = defaultdict(list)
        stances: dict[str, list[Row]] = defaultdict(list)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                f"SELECT position_id, entity_id FROM position_holders WHERE position_id IN "
                f"({marks}) ORDER BY 1, 2",
                chunk,
            ):
                holders[r[0]].append(r[1])
            for r in self.conn.execute(
                f"SELECT ps.position_id, s.id, s.start, s.end, s.holder_text, s.cue, "
                f"substr(d.text, s.start + 1, s.end - s.start) AS evidence, {_DOC_COLUMNS}, "
                f"{_REPORT_COLUMN} FROM position_stances ps JOIN stances s ON s.id = ps.stance_id "
                f"JOIN documents d ON d.id = s.doc_id WHERE ps.position_id IN ({marks}) "
                "ORDER BY d.published, s.doc_id, s.start",
                chunk,
            ):
                row = dict(r)
                stances[row.pop("position_id")].append(row)
        names = self.entity_names(
            [h for hs in holders.values() for h in hs]
            + [r["target_entity"] for r in rows if r["target_entity"]]
        )
        for r in rows:
            r["holders"] = [names.get(h, {"id": h, "name": h}) for h in holders[r["id"]]]
            r["target_name"] = names.get(r["target_entity"] or "", {}).get("name")
            r["stances"] = stances[r["id"]]
            r["sources"], r["copies"] = tally(r["stances"])
        return rows

    # ------------------------------------------------------------------ figures

    def figure_groups(
        self, conflicts_only: bool = False, offset: int = 0, limit: int = 100
    ) -> tuple[list[Row], int]:
        """Figure groups, disagreements first, each with its members and their sources."""
        where = "WHERE agree = 0" if conflicts_only else ""
        groups = _rows(
            self.conn.execute(
                f"SELECT * FROM figure_groups {where} ORDER BY agree, subject, period, id "
                "LIMIT ? OFFSET ?",
                (limit, offset),
            )
        )
        members: dict[str, list[Row]] = defaultdict(list)
        ids = [g["id"] for g in groups]
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                "SELECT gm.group_id, f.id, f.start, f.end, f.text, f.value, f.unit, f.hedge, "
                f"f.kind, f.period, {_DOC_COLUMNS}, {_REPORT_COLUMN} FROM figure_group_members gm "
                "JOIN figures f ON f.id = gm.figure_id JOIN documents d ON d.id = f.doc_id "
                f"WHERE gm.group_id IN ({marks}) ORDER BY f.value, d.outlet, f.id",
                chunk,
            ):
                row = dict(r)
                row["value"] = _number(row["value"])
                members[row.pop("group_id")].append(row)
        for g in groups:
            g["agree"] = bool(g["agree"])
            g["figures"] = members[g["id"]]
            g["sources"], g["copies"] = tally(g["figures"])
        total = self._count(f"SELECT count(*) FROM figure_groups {where}")
        return groups, total

    def figure_page(self, offset: int = 0, limit: int = 50) -> tuple[list[Row], int]:
        """Every salient figure (money, shares, counts, goods, energy, distances) with its
        source, grouped ones first."""
        rows = [
            {**r, "value": _number(r["value"])}
            for r in _rows(
                self.conn.execute(
                    "SELECT f.id, f.start, f.end, f.text, f.value, f.unit, f.subject, f.kind, "
                    f"f.period, f.hedge, gm.group_id AS figure_group, {_DOC_COLUMNS} "
                    "FROM figures f JOIN documents d ON d.id = f.doc_id "
                    "LEFT JOIN figure_group_members gm ON gm.figure_id = f.id WHERE f.salient "
                    "ORDER BY gm.group_id IS NULL, f.subject IS NULL, f.subject, f.period, f.id "
                    "LIMIT ? OFFSET ?",
                    (limit, offset),
                )
            )
        ]
        return rows, self._count("SELECT count(*) FROM figures WHERE salient")

    # ------------------------------------------------------------------- events

    def events(
        self,
        participant: str | None = None,
        offset: int = 0,
        limit: int = 200,
        newest_first: bool = False,
    ) -> list[Row]:
        """Resolved events in date order (undated last) with participants and their reports."""
        where = (
            "WHERE v.id IN (SELECT event_id FROM event_participants WHERE entity_id = ?)"
            if participant
            else ""
        )
        order = "v.date DESC" if newest_first else "v.date"
        rows = _rows(
            self.conn.execute(
                f"SELECT v.* FROM events v {where} ORDER BY v.date IS NULL, {order}, v.label, "
                "v.id LIMIT ? OFFSET ?",
                (*([participant] if participant else []), limit, offset),
            )
        )
        ids = [r["id"] for r in rows]
        participants: dict[str, list[str]] = defaultdict(list)
        reports: dict[str, list[Row]] = defaultdict(list)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                f"SELECT event_id, entity_id FROM event_participants WHERE event_id IN ({marks}) "
                "ORDER BY 1, 2",
                chunk,
            ):
                participants[r[0]].append(r[1])
            for r in self.conn.execute(
                "SELECT l.event_id, vm.id, vm.start, vm.end, vm.trigger, "
                f"substr(d.text, vm.start + 1, vm.end - vm.start) AS evidence, {_DOC_COLUMNS}, "
                f"{_REPORT_COLUMN} FROM event_links l "
                "JOIN event_mentions vm ON vm.id = l.event_mention_id "
                f"JOIN documents d ON d.id = vm.doc_id WHERE l.event_id IN ({marks}) "
                "ORDER BY d.published, vm.doc_id, vm.start",
                chunk,
            ):
                row = dict(r)
                reports[row.pop("event_id")].append(row)
        names = self.entity_names(
            [p for ps in participants.values() for p in ps]
            + [r["place"] for r in rows if r["place"]]
        )
        out = []
        for r in rows:
            if not reports[r["id"]]:
                continue
            r["participants"] = [names.get(p, {"id": p, "name": p}) for p in participants[r["id"]]]
            r["place_name"] = names.get(r["place"] or "", {}).get("name")
            r["reports"] = reports[r["id"]]
            r["outlets"] = sorted({m["outlet"] or "unknown outlet" for m in r["reports"]})
            r["sources"], r["copies"] = tally(r["reports"])
            out.append(r)
        return out

    def event_count(self) -> int:
        return self._count("SELECT count(*) FROM events")

    # -------------------------------------------------------------------- graph

    def actor_graph(self, max_nodes: int = 60, evidence: int = 3) -> Row:
        """Actors as nodes; co-mentions in one sentence, shared events and positions as edges
        (see :func:`storyline.store.queries_graph.actor_graph`)."""
        from storyline.store.queries_graph import actor_graph

        return actor_graph(self, max_nodes, evidence)

    def table_names(self) -> list[str]:
        """The plain tables of the database (no FTS internals), for table exports."""
        from storyline.store.queries_graph import table_names

        return table_names(self.conn)

    def table(self, name: str) -> tuple[list[tuple[str, str]], Iterator[tuple[Any, ...]]]:
        """Columns (name, declared type) and rows of a table from :meth:`table_names`, or of
        ``quote_speakers`` (each quote's resolved speaker entity)."""
        from storyline.store.queries_graph import table

        return table(self.conn, name)

    # ------------------------------------------------------------------- search

    def search(self, text: str, limit: int = 30) -> Row:
        """Sentences (full text, ranked) and facts (quotes, figures, entities, events) matching."""
        query = fts_query(text)
        result: Row = {"sentences": [], "quotes": [], "figures": [], "entities": [], "events": []}
        if query is None:
            return result
        result["sentences"] = _rows(
            self.conn.execute(
                f"SELECT s.doc_id AS doc_, s.start, s.end, s.text AS sentence, {_DOC_COLUMNS} "
                "FROM sentences_fts f JOIN sentences s ON s.doc_id = f.doc_id AND s.idx = f.idx "
                "JOIN documents d ON d.id = s.doc_id "
                "WHERE sentences_fts MATCH ? ORDER BY bm25(sentences_fts) LIMIT ?",
                (query, limit),
            )
        )
        for r in result["sentences"]:
            r.pop("doc_")
        words = re.findall(r"\w+", text)[:6]
        like_clause = " AND ".join(["{col} LIKE ? ESCAPE '\\'"] * len(words))
        likes = ["%" + re.sub(r"([%_\\])", r"\\\1", w) + "%" for w in words]

        def where(col: str) -> str:
            return like_clause.format(col=col)

        result["quotes"] = _rows(
            self.conn.execute(
                f"SELECT q.id, q.start, q.end, q.text, q.direct, q.speaker_text, se.id AS speaker, "
                f"se.name AS speaker_name, {_DOC_COLUMNS} FROM quotes q "
                f"JOIN documents d ON d.id = q.doc_id {SPEAKER_JOIN} "
                f"WHERE {where('q.text')} ORDER BY d.published, q.doc_id, q.start LIMIT ?",
                (*likes, limit),
            )
        )
        result["figures"] = [
            {**r, "value": _number(r["value"])}
            for r in _rows(
                self.conn.execute(
                    "SELECT f.id, f.start, f.end, f.text, f.value, f.unit, f.subject, f.kind, "
                    f"f.period, {_DOC_COLUMNS} FROM figures f JOIN documents d ON d.id = f.doc_id "
                    f"WHERE {where(_FIGURE_WORDS)}"
                    " ORDER BY f.subject, f.id LIMIT ?",
                    (*likes, limit),
                )
            )
        ]
        result["entities"], _ = self.entity_page(limit=limit, name=" ".join(words))
        result["events"] = _rows(
            self.conn.execute(
                f"SELECT id, type, label, date FROM events WHERE {where('label')} "
                "ORDER BY date IS NULL, date, id LIMIT ?",
                (*likes, limit),
            )
        )
        return result

    # -------------------------------------------------------------------- facts

    def fact(self, fact_id: str) -> Row | None:
        """Any stored fact by id (quote, stance, figure, time, event mention) with its source."""
        tables = {
            "q_": "quotes",
            "s_": "stances",
            "f_": "figures",
            "t_": "times",
            "vm_": "event_mentions",
        }
        for prefix, table in sorted(tables.items(), key=lambda kv: -len(kv[0])):
            if fact_id.startswith(prefix):
                row = self._one(
                    f"SELECT x.*, {_DOC_COLUMNS} FROM {table} x JOIN documents d "
                    "ON d.id = x.doc_id WHERE x.id = ?",
                    (fact_id,),
                )
                if row is None:
                    return None
                row.pop("doc_id", None)
                if table == "figures":
                    row["figure_kind"] = row["kind"]
                    row["value"] = _number(row["value"])
                    group = self._one(
                        "SELECT group_id FROM figure_group_members WHERE figure_id = ?", (fact_id,)
                    )
                    row["figure_group"] = group["group_id"] if group else None
                if table == "quotes":
                    speaker = self._one(
                        f"SELECT se.id, se.name FROM quotes q {SPEAKER_JOIN} WHERE q.id = ?",
                        (fact_id,),
                    )
                    row["speaker"] = speaker["id"] if speaker else None
                    row["speaker_name"] = speaker["name"] if speaker else None
                if table == "event_mentions":
                    link = self._one(
                        "SELECT event_id FROM event_links WHERE event_mention_id = ?", (fact_id,)
                    )
                    row["event"] = link["event_id"] if link else None
                row["kind"] = _FACT_KINDS[table]
                row["sentence"] = self.sentence_at(row["doc"], row["start"], row["end"])
                return row
        return None

    # ----------------------------------------------------------------- overview

    def overview(self, actors: int = 12, figures: int = 8, events: int = 8) -> Row:
        """What the front page shows: counts, sources, main actors, key figures, latest events."""
        counts = {
            name: self._count(f"SELECT count(*) FROM {name}")
            for name in (
                "documents",
                "entities",
                "quotes",
                "stances",
                "positions",
                "figures",
                "figure_groups",
                "events",
            )
        }
        counts["independent_reports"] = self._count("SELECT count(*) FROM reports")
        groups, _ = self.figure_groups(limit=figures)
        type_counts = Counter(
            {r["type"]: r["entities"] for r in self.entity_types()}  # for the legend
        )
        return {
            "counts": counts,
            "outlets": self.outlets(),
            "actors": self.entity_page(limit=actors)[0],
            "entity_types": dict(type_counts),
            "figure_groups": groups,
            "conflicts": self._count("SELECT count(*) FROM figure_groups WHERE agree = 0"),
            "events": self.events(limit=events, newest_first=True),
        }
