"""Read queries for ``storyline ask``: sentences (FTS5, BM25), resolved entities and the facts.

Each row comes back with the resolved entity ids of the names it refers to (a quote's
speaker, a stance's holders, an event's participants), so question answering never
re-resolves names. Only analysed documents are read. Obtain it with
:meth:`storyline.store.StoreReader.ask`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.store.layers import entity_index
from storyline.store.reports import report_map


@dataclass(frozen=True, slots=True)
class AskDocument:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    source: str


@dataclass(frozen=True, slots=True)
class AskEntity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AskSentence:
    doc: str
    idx: int
    start: int
    end: int
    text: str
    bm25: float = 0.0  # FTS5 rank: lower is better; 0 when not found by a search


@dataclass(frozen=True, slots=True)
class AskMention:
    doc: str
    start: int
    end: int
    text: str
    label: str
    entity: str | None  # the resolved entity id


@dataclass(frozen=True, slots=True)
class AskQuote:
    id: str
    doc: str
    start: int
    end: int
    text: str
    direct: bool
    speaker: str | None
    speaker_text: str | None


@dataclass(frozen=True, slots=True)
class AskStance:
    id: str
    doc: str
    start: int
    end: int
    holders: tuple[str, ...]
    holder_text: str
    polarity: str
    target: str
    position: str | None


@dataclass(frozen=True, slots=True)
class AskFigure:
    id: str
    doc: str
    start: int
    end: int
    text: str
    value: float
    unit: str
    subject: str | None
    kind: str | None
    period: str | None
    hedge: str | None
    duration: str | None
    rate: str | None


@dataclass(frozen=True, slots=True)
class AskTime:
    doc: str
    start: int
    end: int
    text: str
    value: str | None


@dataclass(frozen=True, slots=True)
class AskEvent:
    id: str
    type: str
    label: str
    date: str | None
    place: str | None
    participants: tuple[str, ...]
    mentions: tuple[tuple[str, int, int], ...]


def _placeholders(items: Sequence[object]) -> str:
    return ",".join("?" * len(items))


class AskQueries:
    """The queries question answering needs, over one read-only connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._index: dict[tuple[str, int, int], str] | None = None

    def _entity_of(self, doc: str, start: int | None, end: int | None) -> str | None:
        if self._index is None:
            self._index = entity_index(self.conn)
        if start is None or end is None:
            return None
        return self._index.get((doc, start, end))

    def documents(self) -> dict[str, AskDocument]:
        return {
            r["id"]: AskDocument(r["id"], r["title"], r["outlet"], r["published"], r["source"])
            for r in self.conn.execute(
                "SELECT id, title, outlet, published, source FROM documents "
                "WHERE status = 'analysed'"
            )
        }

    def document_text(self, doc: str) -> str:
        row = self.conn.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()
        return "" if row is None else str(row[0])

    def entities(self) -> list[AskEntity]:
        aliases: dict[str, list[str]] = {}
        for r in self.conn.execute("SELECT entity_id, alias FROM entity_aliases ORDER BY 1, 2"):
            aliases.setdefault(r[0], []).append(r[1])
        return [
            AskEntity(r["id"], r["name"], r["type"], tuple(aliases.get(r["id"], [])))
            for r in self.conn.execute("SELECT id, name, type FROM entities ORDER BY name, id")
        ]

    def search(self, match: str, limit: int = 200) -> list[AskSentence]:
        """Sentences matching an FTS5 query, best BM25 first."""
        if not match:
            return []
        rows = self.conn.execute(
            "SELECT s.doc_id, s.idx, s.start, s.end, s.text, bm25(sentences_fts) AS rank "
            "FROM sentences_fts f JOIN sentences s ON s.doc_id = f.doc_id AND s.idx = f.idx "
            "JOIN documents d ON d.id = s.doc_id AND d.status = 'analysed' "
            "WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        )
        return [AskSentence(r[0], r[1], r[2], r[3], r[4], float(r[5])) for r in rows]

    def sentences(self, docs: Iterable[str]) -> list[AskSentence]:
        """Every sentence of the given documents, in document and text order."""
        ids = sorted(set(docs))
        if not ids:
            return []
        rows = self.conn.execute(
            f"SELECT doc_id, idx, start, end, text FROM sentences "
            f"WHERE doc_id IN ({_placeholders(ids)}) ORDER BY doc_id, idx",
            ids,
        )
        return [AskSentence(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def mentions(self, docs: Iterable[str]) -> list[AskMention]:
        """Name mentions of the given documents with their resolved entity, in text order."""
        ids = sorted(set(docs))
        if not ids:
            return []
        rows = self.conn.execute(
            f"SELECT m.doc_id, m.start, m.end, m.text, m.label, em.entity_id FROM mentions m "
            f"LEFT JOIN entity_mentions em ON em.mention_id = m.id "
            f"WHERE m.doc_id IN ({_placeholders(ids)}) ORDER BY m.doc_id, m.start",
            ids,
        )
        return [AskMention(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]

    def quotes(self) -> list[AskQuote]:
        return [
            AskQuote(
                r["id"],
                r["doc_id"],
                r["start"],
                r["end"],
                r["text"],
                bool(r["direct"]),
                self._entity_of(r["doc_id"], r["speaker_start"], r["speaker_end"]),
                r["speaker_text"],
            )
            for r in self.conn.execute(
                "SELECT q.* FROM quotes q JOIN documents d ON d.id = q.doc_id "
                "WHERE d.status = 'analysed' ORDER BY q.doc_id, q.start"
            )
        ]

    def stances(self) -> list[AskStance]:
        holders: dict[str, list[tuple[int, int]]] = {}
        for r in self.conn.execute("SELECT stance_id, start, end FROM stance_holders ORDER BY 1"):
            holders.setdefault(r[0], []).append((r[1], r[2]))
        positions = {
            r[0]: r[1]
            for r in self.conn.execute("SELECT stance_id, position_id FROM position_stances")
        }
        out = []
        for r in self.conn.execute(
            "SELECT s.* FROM stances s JOIN documents d ON d.id = s.doc_id "
            "WHERE d.status = 'analysed' ORDER BY s.doc_id, s.start"
        ):
            resolved = (self._entity_of(r["doc_id"], a, b) for a, b in holders.get(r["id"], []))
            out.append(
                AskStance(
                    r["id"],
                    r["doc_id"],
                    r["start"],
                    r["end"],
                    tuple(sorted({h for h in resolved if h is not None})),
                    r["holder_text"],
                    r["polarity"],
                    r["target"],
                    positions.get(r["id"]),
                )
            )
        return out

    def figures(self) -> list[AskFigure]:
        return [
            AskFigure(
                *(r["id"], r["doc_id"], r["start"], r["end"], r["text"], float(r["value"])),
                *(r["unit"], r["subject"], r["kind"], r["period"], r["hedge"]),
                *(r["duration"], r["rate"]),
            )
            for r in self.conn.execute(
                "SELECT f.* FROM figures f JOIN documents d ON d.id = f.doc_id "
                "WHERE d.status = 'analysed' ORDER BY f.doc_id, f.start"
            )
        ]

    def reports(self) -> dict[str, str]:
        """doc id → the independent report it is a copy of (copies of one article share one;
        a document missing here is a report of its own)."""
        return report_map(self.conn)

    def times(self, docs: Iterable[str]) -> list[AskTime]:
        ids = sorted(set(docs))
        if not ids:
            return []
        rows = self.conn.execute(
            f"SELECT doc_id, start, end, text, value FROM times "
            f"WHERE doc_id IN ({_placeholders(ids)}) ORDER BY doc_id, start",
            ids,
        )
        return [AskTime(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def events(self) -> list[AskEvent]:
        participants: dict[str, list[str]] = {}
        for r in self.conn.execute("SELECT event_id, entity_id FROM event_participants ORDER BY 1"):
            participants.setdefault(r[0], []).append(r[1])
        mentions: dict[str, list[tuple[str, int, int]]] = {}
        for r in self.conn.execute(
            "SELECT l.event_id, m.doc_id, m.start, m.end FROM event_links l "
            "JOIN event_mentions m ON m.id = l.event_mention_id "
            "JOIN documents d ON d.id = m.doc_id AND d.status = 'analysed' ORDER BY 1, 2, 3"
        ):
            mentions.setdefault(r[0], []).append((r[1], r[2], r[3]))
        return [
            AskEvent(
                r["id"],
                r["type"],
                r["label"],
                r["date"],
                r["place"],
                tuple(participants.get(r["id"], [])),
                tuple(mentions[r["id"]]),
            )
            for r in self.conn.execute("SELECT * FROM events ORDER BY date, id")
            if r["id"] in mentions
        ]
