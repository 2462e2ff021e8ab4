"""SQL for the extraction layers: quotes, stances, figures, times and event mentions.

Per-document rows are written inside the writer's document transaction; cross-document
views (positions, figure groups, events) are replaced whole. Rows refer to name mentions
by their offsets in the same document; :func:`entity_index` maps those offsets to the
resolved entity, so a quote's speaker or an event's participants follow resolution.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, cast

from storyline.document import (
    Analysis,
    Event,
    EventMention,
    Figure,
    FigureGroup,
    FigureKind,
    Polarity,
    Position,
    Quote,
    Stance,
    TimeExpression,
    content_hash,
)

Offsets = tuple[str, int, int]  # (doc id, start, end) of a name mention
EntityIndex = Mapping[Offsets, str]


def layer_id(prefix: str, doc: str, *parts: object) -> str:
    """A stable id for an annotation: its kind, document and defining parts."""
    return prefix + content_hash(doc, *(str(p) for p in parts))


# ------------------------------------------------------------------ per document


def write_layers(conn: sqlite3.Connection, analysis: Analysis) -> None:
    """Insert every extraction layer of one analysed document (inside a transaction)."""
    doc = analysis.document.id
    quotes = [cast(Quote, q) for q in analysis.layer("quotes")]
    conn.executemany(
        "INSERT OR REPLACE INTO quotes(id, doc_id, start, end, text, direct, speaker_text, "
        "speaker_start, speaker_end, cue, speaker_via) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                layer_id("q_", doc, q.start, q.end),
                doc,
                q.start,
                q.end,
                q.text,
                int(q.direct),
                q.speaker_text,
                q.speaker_start,
                q.speaker_end,
                q.cue,
                q.speaker_via,
            )
            for q in quotes
        ],
    )
    for item in analysis.layer("stances"):
        s = cast(Stance, item)
        sid = layer_id("s_", doc, s.start, s.end, s.polarity, s.target_start, s.target_end)
        conn.execute(
            "INSERT OR REPLACE INTO stances(id, doc_id, start, end, holder_text, polarity, "
            "target, target_start, target_end, cue) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                sid,
                doc,
                s.start,
                s.end,
                s.holder_text,
                s.polarity,
                s.target,
                s.target_start,
                s.target_end,
                s.cue,
            ),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO stance_holders(stance_id, start, end) VALUES (?,?,?)",
            [(sid, a, b) for a, b in s.holders],
        )
    conn.executemany(
        "INSERT OR REPLACE INTO figures(id, doc_id, start, end, text, value, unit, subject, "
        "kind, period, hedge, duration, rate, place, measure, unit_text, low, high, qualifier, "
        "direction, counted, salient) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                *(layer_id("f_", doc, f.start, f.end), doc, f.start, f.end, f.text, f.value),
                *(f.unit, f.subject, f.kind, f.period, f.hedge, f.duration, f.rate, f.place),
                *(f.measure, f.unit_text, f.low, f.high, f.qualifier, f.direction, f.counted),
                int(f.salient),
            )
            for f in (cast(Figure, x) for x in analysis.layer("figures"))
        ],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO times(id, doc_id, start, end, text, value, anchor) "
        "VALUES (?,?,?,?,?,?,?)",
        [
            (layer_id("t_", doc, t.start, t.end), doc, t.start, t.end, t.text, t.value, t.anchor)
            for t in (cast(TimeExpression, x) for x in analysis.layer("times"))
        ],
    )
    for item in analysis.layer("events"):
        e = cast(EventMention, item)
        vid = layer_id("vm_", doc, e.start, e.end, e.type, e.trigger)
        place = e.place or (None, None)
        time = e.time or (None, None)
        conn.execute(
            "INSERT OR REPLACE INTO event_mentions(id, doc_id, start, end, type, trigger, label, "
            "date, place_start, place_end, time_start, time_end, date_inferred, date_rule) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                vid,
                doc,
                e.start,
                e.end,
                e.type,
                e.trigger,
                e.label,
                e.date,
                *place,
                *time,
                int(e.date_inferred),
                e.date_rule,
            ),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO event_mention_participants(event_mention_id, start, end) "
            "VALUES (?,?,?)",
            [(vid, a, b) for a, b in e.participants],
        )


# ---------------------------------------------------------- inputs of resolution


def entity_index(conn: sqlite3.Connection) -> dict[Offsets, str]:
    """(doc, start, end) of every resolved mention → its entity id."""
    return {
        (r[0], r[1], r[2]): r[3]
        for r in conn.execute(
            "SELECT m.doc_id, m.start, m.end, em.entity_id FROM mentions m "
            "JOIN entity_mentions em ON em.mention_id = m.id"
        )
    }


def iter_stances(conn: sqlite3.Connection) -> Iterator[tuple[str, str, Stance]]:
    holders: dict[str, list[tuple[int, int]]] = {}
    for r in conn.execute("SELECT stance_id, start, end FROM stance_holders ORDER BY 1, 2"):
        holders.setdefault(r[0], []).append((r[1], r[2]))
    for r in conn.execute("SELECT * FROM stances ORDER BY doc_id, start, id"):
        stance = Stance(
            r["start"],
            r["end"],
            tuple(holders.get(r["id"], [])),
            r["holder_text"],
            cast(Polarity, r["polarity"]),
            r["target"],
            r["target_start"],
            r["target_end"],
            r["cue"],
        )
        yield r["id"], r["doc_id"], stance


def iter_figures(conn: sqlite3.Connection) -> Iterator[tuple[str, str, Figure]]:
    for r in conn.execute("SELECT * FROM figures ORDER BY doc_id, start, id"):
        figure = Figure(
            r["start"],
            r["end"],
            r["text"],
            r["value"],
            r["unit"],
            r["subject"],
            cast(FigureKind | None, r["kind"]),
            r["period"],
            r["hedge"],
            r["duration"],
            r["rate"],
            r["place"],
            r["measure"],
            r["unit_text"],
            r["low"],
            r["high"],
            r["qualifier"],
            r["direction"],
            r["counted"],
            bool(r["salient"]),
        )
        yield r["id"], r["doc_id"], figure


def iter_event_mentions(conn: sqlite3.Connection) -> Iterator[tuple[str, str, EventMention]]:
    participants: dict[str, list[tuple[int, int]]] = {}
    for r in conn.execute(
        "SELECT event_mention_id, start, end FROM event_mention_participants ORDER BY 1, 2"
    ):
        participants.setdefault(r[0], []).append((r[1], r[2]))
    for r in conn.execute("SELECT * FROM event_mentions ORDER BY doc_id, start, id"):
        place = None
        if r["place_start"] is not None:
            place = (int(r["place_start"]), int(r["place_end"]))
        mention = EventMention(
            r["start"],
            r["end"],
            r["type"],
            r["trigger"],
            r["label"],
            tuple(participants.get(r["id"], [])),
            place,
            r["date"],
            (int(r["time_start"]), int(r["time_end"])) if r["time_start"] is not None else None,
            bool(r["date_inferred"]),
            r["date_rule"],
        )
        yield r["id"], r["doc_id"], mention


# ------------------------------------------------------------ resolved views


def replace_positions(conn: sqlite3.Connection, rows: Sequence[Position]) -> None:
    conn.execute("DELETE FROM positions")
    conn.executemany(
        "INSERT INTO positions(id, polarity, target, target_entity) VALUES (?,?,?,?)",
        [(p.id, p.polarity, p.target, p.target_entity) for p in rows],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO position_holders(position_id, entity_id) VALUES (?,?)",
        [(p.id, h) for p in rows for h in p.holders],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO position_stances(position_id, stance_id) VALUES (?,?)",
        [(p.id, s) for p in rows for s in p.stance_ids],
    )


def replace_figure_groups(conn: sqlite3.Connection, rows: Sequence[FigureGroup]) -> None:
    conn.execute("DELETE FROM figure_groups")
    conn.executemany(
        "INSERT INTO figure_groups(id, label, subject, period, kind, unit, agree, place) "
        "VALUES (?,?,?,?,?,?,?,?)",
        [(g.id, g.label, g.subject, g.period, g.kind, g.unit, int(g.agree), g.place) for g in rows],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO figure_group_members(group_id, figure_id) VALUES (?,?)",
        [(g.id, f) for g in rows for f in g.figure_ids],
    )


def replace_events(conn: sqlite3.Connection, rows: Sequence[Event]) -> None:
    conn.execute("DELETE FROM events")
    conn.executemany(
        "INSERT INTO events(id, type, label, date, place, date_inferred, date_rule) "
        "VALUES (?,?,?,?,?,?,?)",
        [(e.id, e.type, e.label, e.date, e.place, int(e.date_inferred), e.date_rule) for e in rows],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO event_participants(event_id, entity_id) VALUES (?,?)",
        [(e.id, p) for e in rows for p in e.participants],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO event_links(event_id, event_mention_id) VALUES (?,?)",
        [(e.id, m) for e in rows for m in e.mention_ids],
    )


# ------------------------------------------------------------------ export rows


class _DocEntities:
    """The resolved entity of each name mention, read one document at a time: export rows
    come in document order, so memory holds one document's mentions, not the story's."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.doc: str | None = None
        self.index: dict[tuple[int, int], str] = {}
        self.spans: list[tuple[int, int, str]] = []

    def load(self, doc: str) -> None:
        if doc == self.doc:
            return
        self.doc = doc
        self.index = {
            (r[0], r[1]): r[2]
            for r in self.conn.execute(
                "SELECT m.start, m.end, em.entity_id FROM mentions m "
                "JOIN entity_mentions em ON em.mention_id = m.id WHERE m.doc_id = ?",
                (doc,),
            )
        }
        self.spans = sorted((a, b, entity) for (a, b), entity in self.index.items())

    def at(self, doc: str, start: int | None, end: int | None) -> str | None:
        if start is None or end is None:
            return None
        self.load(doc)
        return self.index.get((start, end))

    def first_within(self, doc: str, start: int, end: int) -> str | None:
        self.load(doc)
        for m_start, m_end, entity in self.spans:
            if m_start >= start and m_end <= end:
                return entity
        return None


def export_quotes(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    entities = _DocEntities(conn)
    for r in conn.execute("SELECT * FROM quotes ORDER BY doc_id, start, id"):
        yield {
            "id": r["id"],
            "doc": r["doc_id"],
            "start": r["start"],
            "end": r["end"],
            "text": r["text"],
            "speaker": entities.at(r["doc_id"], r["speaker_start"], r["speaker_end"]),
            "speaker_text": r["speaker_text"],
            "direct": bool(r["direct"]),
            "cue": r["cue"],
            "speaker_via": r["speaker_via"],
        }


def export_stances(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    entities = _DocEntities(conn)
    for sid, doc, s in iter_stances(conn):
        holders = [entities.at(doc, a, b) for a, b in s.holders]
        yield {
            "id": sid,
            "doc": doc,
            "start": s.start,
            "end": s.end,
            "holders": sorted({h for h in holders if h is not None}),
            "holder_text": s.holder_text,
            "polarity": s.polarity,
            "target": s.target,
            "target_entity": entities.first_within(doc, s.target_start, s.target_end),
            "target_start": s.target_start,
            "target_end": s.target_end,
            "cue": s.cue,
        }


def export_figures(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    for fid, doc, f in iter_figures(conn):
        value: float | int = int(f.value) if float(f.value).is_integer() else f.value
        yield (
            {
                "id": fid,
                "doc": doc,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "value": value,
                "unit": f.unit,
                "subject": f.subject,
                "kind": f.kind,
                "period": f.period,
                "hedge": f.hedge,
                "duration": f.duration,
                "rate": f.rate,
                "place": f.place,
                "measure": f.measure,
                "unit_text": f.unit_text,
                "low": _number(f.low),
                "high": _number(f.high),
                "qualifier": f.qualifier,
                "direction": f.direction,
                "counted": f.counted,
                "salient": f.salient,
            }
        )


def _number(value: float | None) -> float | int | None:
    """A value as the export writes it: whole numbers as integers."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def export_figure_groups(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    members: dict[str, list[str]] = {}
    for r in conn.execute("SELECT group_id, figure_id FROM figure_group_members ORDER BY 1, 2"):
        members.setdefault(r[0], []).append(r[1])
    return [
        {
            "id": r["id"],
            "label": r["label"],
            "subject": r["subject"],
            "period": r["period"],
            "kind": r["kind"],
            "unit": r["unit"],
            "place": r["place"],
            "figures": members.get(r["id"], []),
            "agree": bool(r["agree"]),
        }
        for r in conn.execute("SELECT * FROM figure_groups ORDER BY subject, period, id")
    ]


def export_times(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    return (
        {
            "id": r["id"],
            "doc": r["doc_id"],
            "start": r["start"],
            "end": r["end"],
            "text": r["text"],
            "value": r["value"],
            "anchor": r["anchor"],
        }
        for r in conn.execute("SELECT * FROM times ORDER BY doc_id, start, id")
    )


def export_events(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    participants: dict[str, list[str]] = {}
    for r in conn.execute("SELECT event_id, entity_id FROM event_participants ORDER BY 1, 2"):
        participants.setdefault(r[0], []).append(r[1])
    mentions: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(
        "SELECT l.event_id, m.doc_id, m.start, m.end, m.date, m.date_inferred, m.date_rule "
        "FROM event_links l JOIN event_mentions m ON m.id = l.event_mention_id ORDER BY 1, 2, 3"
    ):
        mentions.setdefault(r[0], []).append(
            {
                "doc": r[1],
                "start": r[2],
                "end": r[3],
                "date": r[4],
                "date_inferred": bool(r[5]),
                "date_rule": r[6],
            }
        )
    return [
        {
            "id": r["id"],
            "type": r["type"],
            "label": r["label"],
            "participants": participants.get(r["id"], []),
            "place": r["place"],
            "date": r["date"],
            "date_inferred": bool(r["date_inferred"]),
            "date_rule": r["date_rule"],
            "mentions": mentions.get(r["id"], []),
        }
        for r in conn.execute("SELECT * FROM events ORDER BY date IS NULL, date, label, id")
        if mentions.get(r["id"])
    ]


def export_positions(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    holders: dict[str, list[str]] = {}
    for r in conn.execute("SELECT position_id, entity_id FROM position_holders ORDER BY 1, 2"):
        holders.setdefault(r[0], []).append(r[1])
    stances: dict[str, list[str]] = {}
    for r in conn.execute("SELECT position_id, stance_id FROM position_stances ORDER BY 1, 2"):
        stances.setdefault(r[0], []).append(r[1])
    return [
        {
            "id": r["id"],
            "holders": holders.get(r["id"], []),
            "polarity": r["polarity"],
            "target": r["target"],
            "target_entity": r["target_entity"],
            "stances": stances.get(r["id"], []),
        }
        for r in conn.execute("SELECT * FROM positions ORDER BY target, polarity, id")
    ]
