"""Read queries behind the terminal views (``quotes``, ``positions``, ``figures``,
``timeline``): each view asks for a bounded list, filtered by a name as a user types it.

A filter by name is resolved to entity ids first (a name or alias containing the words,
ignoring case), and every list is then read with the indexes the web app's pages use, so
a view costs what it prints rather than the size of the story. Rows are JSON-ready dicts.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence

from storyline.store.queries import SPEAKER_JOIN, Row, StoryQueries, tally

# the columns a citation in the terminal needs ("outlet, date", else the source)
CITE_COLUMNS = (
    "d.id AS doc, d.outlet, d.source, d.published, d.inferred_date AS published_inferred, "
    "(SELECT rd.report_id FROM report_documents rd WHERE rd.doc_id = d.id) AS report"
)
_WHO = "coalesce(se.name, q.speaker_text, 'unattributed')"


def _casefold(value: object) -> str | None:
    return value.casefold() if isinstance(value, str) else None


def _marks(items: Sequence[object]) -> str:
    return ",".join("?" * len(items))


class ListQueries:
    """Bounded lists for the terminal over one open read-only connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.create_function("casefold", 1, _casefold, deterministic=True)
        self.story = StoryQueries(conn)

    def entities_named(self, wanted: str) -> list[str]:
        """Ids of entities whose name or an alias contains ``wanted``, ignoring case."""
        key = wanted.casefold()
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM entities WHERE instr(casefold(name), ?) > 0 UNION "
                "SELECT entity_id FROM entity_aliases WHERE instr(casefold(alias), ?) > 0 "
                "ORDER BY 1",
                (key, key),
            )
        ]

    # ------------------------------------------------------------------- quotes

    def speaker_groups(self, limit: int | None) -> tuple[list[Row], int]:
        """Speakers (a resolved name, else the speaker as written, else "unattributed") by
        number of quotes, and how many speakers there are in all."""
        grouped = (
            f"SELECT {_WHO} AS who, count(*) AS quotes FROM quotes q {SPEAKER_JOIN} GROUP BY who"
        )
        rows = [
            dict(r)
            for r in self.conn.execute(
                f"{grouped} ORDER BY quotes DESC, who LIMIT ?", (-1 if limit is None else limit,)
            )
        ]
        total = int(self.conn.execute(f"SELECT count(*) FROM ({grouped})").fetchone()[0])
        return rows, total

    def quotes_of(self, groups: Sequence[str]) -> dict[str, list[Row]]:
        """The quotes of the given speaker groups (as :meth:`speaker_groups` names them),
        oldest source first."""
        if not groups:
            return {}
        out: dict[str, list[Row]] = defaultdict(list)
        for r in self.conn.execute(
            f"SELECT {_WHO} AS who, q.text, q.direct, {CITE_COLUMNS} FROM quotes q "
            f"JOIN documents d ON d.id = q.doc_id {SPEAKER_JOIN} "
            f"WHERE {_WHO} IN ({_marks(groups)}) "
            "ORDER BY d.published IS NULL, d.published, q.doc_id, q.start",
            tuple(groups),
        ):
            row = dict(r)
            out[row.pop("who")].append(row)
        return out

    def quotes_by_speaker(self, speaker: str) -> dict[str, list[Row]]:
        """The quotes of speakers whose resolved name or alias, or whose written form,
        contains ``speaker`` (ignoring case), grouped as :meth:`speaker_groups` names them,
        oldest source first. Resolved speakers are found through the entity's mentions (an
        index), so the cost follows the quotes found, not the story's size."""
        ids = self.entities_named(speaker)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            found.update(
                r[0]
                for r in self.conn.execute(
                    "SELECT q.id FROM entity_mentions em JOIN mentions m ON m.id = em.mention_id "
                    "JOIN quotes q ON q.doc_id = m.doc_id AND q.speaker_start = m.start "
                    f"AND q.speaker_end = m.end WHERE em.entity_id IN ({_marks(chunk)})",
                    chunk,
                )
            )
        found.update(
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM quotes WHERE instr(casefold(speaker_text), ?) > 0",
                (speaker.casefold(),),
            )
        )
        rows: list[Row] = []
        wanted = sorted(found)
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            rows += [
                dict(r)
                for r in self.conn.execute(
                    f"SELECT {_WHO} AS who, q.text, q.direct, q.doc_id, q.start, {CITE_COLUMNS} "
                    f"FROM quotes q JOIN documents d ON d.id = q.doc_id {SPEAKER_JOIN} "
                    f"WHERE q.id IN ({_marks(chunk)})",
                    chunk,
                )
            ]
        rows.sort(
            key=lambda r: (r["published"] is None, r["published"] or "", r["doc_id"], r["start"])
        )
        out: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            del row["doc_id"], row["start"]
            out[row.pop("who")].append(row)
        return out

    # ---------------------------------------------------------------- positions

    def positions(self, holder: str | None, limit: int | None) -> tuple[list[Row], int]:
        """Positions (best attested first) with holders, evidence and sources, and how many
        there are in all, for holders whose name contains ``holder``."""
        clause, params = "", []
        if holder:
            ids = self.entities_named(holder)
            if not ids:
                return [], 0
            clause = (
                "WHERE p.id IN (SELECT position_id FROM position_holders "
                f"WHERE entity_id IN ({_marks(ids)}))"
            )
            params = list(ids)
        rows = [
            dict(r)
            for r in self.conn.execute(
                f"SELECT p.id, p.polarity, p.target FROM positions p {clause} ORDER BY "
                "(SELECT count(*) FROM position_stances ps WHERE ps.position_id = p.id) DESC, "
                "p.target, p.polarity, p.id LIMIT ?",
                (*params, -1 if limit is None else limit),
            )
        ]
        total = int(
            self.conn.execute(f"SELECT count(*) FROM positions p {clause}", params).fetchone()[0]
        )
        ids = [r["id"] for r in rows]
        holders: dict[str, list[str]] = defaultdict(list)
        evidence: dict[str, list[Row]] = defaultdict(list)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for r in self.conn.execute(
                "SELECT ph.position_id, e.name FROM position_holders ph "
                f"JOIN entities e ON e.id = ph.entity_id WHERE ph.position_id IN ({_marks(chunk)}) "
                "ORDER BY ph.position_id, ph.entity_id",
                chunk,
            ):
                holders[r[0]].append(r[1])
            for r in self.conn.execute(
                "SELECT ps.position_id, substr(d.text, s.start + 1, s.end - s.start) AS evidence, "
                f"{CITE_COLUMNS} FROM position_stances ps JOIN stances s ON s.id = ps.stance_id "
                f"JOIN documents d ON d.id = s.doc_id WHERE ps.position_id IN ({_marks(chunk)}) "
                "ORDER BY s.doc_id, s.start",
                chunk,
            ):
                row = dict(r)
                evidence[row.pop("position_id")].append(row)
        for r in rows:
            r["holders"] = holders[r["id"]]
            r["evidence"] = evidence[r["id"]]
            r["sources"], r["copies"] = tally(r["evidence"])
        return rows, total

    # -------------------------------------------------------------------- events

    def events(self, actor: str | None, limit: int | None) -> tuple[list[Row], int]:
        """Events in date order (undated last) with their citations and source counts, and
        how many there are in all, for participants whose name contains ``actor``."""
        clause, params = "", []
        if actor:
            ids = self.entities_named(actor)
            if not ids:
                return [], 0
            clause = (
                "AND v.id IN (SELECT event_id FROM event_participants "
                f"WHERE entity_id IN ({_marks(ids)}))"
            )
            params = list(ids)
        linked = "WHERE EXISTS (SELECT 1 FROM event_links l WHERE l.event_id = v.id)"
        rows = [
            dict(r)
            for r in self.conn.execute(
                f"SELECT v.id, v.type, v.label, v.date FROM events v {linked} {clause} "
                "ORDER BY v.date IS NULL, v.date, v.id LIMIT ?",
                (*params, -1 if limit is None else limit),
            )
        ]
        total = int(
            self.conn.execute(
                f"SELECT count(*) FROM events v {linked} {clause}", params
            ).fetchone()[0]
        )
        ids = [r["id"] for r in rows]
        cited: dict[str, list[Row]] = defaultdict(list)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for r in self.conn.execute(
                f"SELECT l.event_id, {CITE_COLUMNS} FROM event_links l "
                "JOIN event_mentions vm ON vm.id = l.event_mention_id "
                f"JOIN documents d ON d.id = vm.doc_id WHERE l.event_id IN ({_marks(chunk)})",
                chunk,
            ):
                row = dict(r)
                cited[row.pop("event_id")].append(row)
        for r in rows:
            r["cited"] = cited[r["id"]]
            r["sources"], r["copies"] = tally(r["cited"])
        return rows, total

    # ------------------------------------------------------------------- figures

    def figure_groups(self, conflicts_only: bool, limit: int | None) -> tuple[list[Row], int]:
        """Figure groups (disagreements first) with members and sources, and the total."""
        return self.story.figure_groups(
            conflicts_only, offset=0, limit=-1 if limit is None else limit
        )

    def documents(self, ids: Sequence[str]) -> dict[str, Row]:
        """Citation columns of the given documents."""
        out: dict[str, Row] = {}
        wanted = sorted(set(ids))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            for r in self.conn.execute(
                f"SELECT {CITE_COLUMNS} FROM documents d WHERE d.id IN ({_marks(chunk)})", chunk
            ):
                out[r["doc"]] = dict(r)
        return out
