"""The read side of the story database: :class:`StoreReader`, a read-only connection that is
safe beside a running writer, with the reads the exports, views and resolution checks use.
All SQL lives in the store package; the writer is in :mod:`storyline.store.store`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from storyline.document import DateClaim, Sentence, Skipped, StoredMention
from storyline.store import brief_queries, layers, views
from storyline.store import reports as report_sql
from storyline.store.ask_queries import AskQueries
from storyline.store.queries import StoryQueries
from storyline.store.store import (
    StoredDocument,
    _connect,
    _document_from_row,
    iter_mentions,
    reference_dates,
)


class StoreReader:
    """A read-only view of a database file; safe beside a running writer."""

    def __init__(self, path: str | Path, conn: sqlite3.Connection | None = None) -> None:
        self.path = Path(path)
        self._owned = conn is None
        self.conn = _connect(self.path, read_only=True) if conn is None else conn

    def __enter__(self) -> StoreReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owned:
            self.conn.close()

    def story_view(self, name: str) -> str | None:
        """A stored whole-story view (JSON) made for the documents stored now, else None."""
        return views.story_view(self.conn, name)

    @property
    def queries(self) -> StoryQueries:
        """Paginated read queries for browsing (web app, report, table exports)."""
        return StoryQueries(self.conn)

    def counts(self) -> dict[str, int]:
        """How many rows each kind of stored thing has."""
        q = {
            "documents": "SELECT count(*) FROM documents",
            "analysed": "SELECT count(*) FROM documents WHERE status = 'analysed'",
            "not_analysed": "SELECT count(*) FROM documents WHERE status = 'not_analysed'",
            "sentences": "SELECT count(*) FROM sentences",
            "mentions": "SELECT count(*) FROM mentions",
            "entities": "SELECT count(*) FROM entities",
            "quotes": "SELECT count(*) FROM quotes",
            "stances": "SELECT count(*) FROM stances",
            "figures": "SELECT count(*) FROM figures",
            "times": "SELECT count(*) FROM times",
            "event_mentions": "SELECT count(*) FROM event_mentions",
            "events": "SELECT count(*) FROM events",
            "figure_groups": "SELECT count(*) FROM figure_groups",
            "positions": "SELECT count(*) FROM positions",
            "independent_reports": "SELECT count(*) FROM reports",
            "skipped": "SELECT count(*) FROM skipped",
        }
        return {k: int(self.conn.execute(sql).fetchone()[0]) for k, sql in q.items()}

    def documents(self) -> list[StoredDocument]:
        """Every stored document, ordered by source."""
        return [stored for stored, _ in self.iter_documents()]

    def iter_documents(self) -> Iterator[tuple[StoredDocument, tuple[str, float] | None]]:
        """Every stored document, ordered by source, one at a time (memory holds one text),
        with its report and resemblance to the report's lead copy (None before reports)."""
        cursor = self.conn.execute(
            "SELECT d.*, rd.report_id AS report_, rd.similarity AS similarity_ FROM documents d "
            "LEFT JOIN report_documents rd ON rd.doc_id = d.id ORDER BY d.source, d.id"
        )
        for row in cursor:
            dates = [
                DateClaim(r[0], r[1], r[2])
                for r in self.conn.execute(
                    "SELECT value, origin, evidence FROM document_dates WHERE doc_id = ? "
                    "ORDER BY value, origin",
                    (row["id"],),
                )
            ]
            sources = self.conn.execute(
                "SELECT source FROM document_sources WHERE doc_id = ? ORDER BY source",
                (row["id"],),
            )
            stored = StoredDocument(
                document=_document_from_row(row, dates),
                status=row["status"],
                status_reason=row["status_reason"],
                pipeline=row["pipeline"],
                sources=tuple(r[0] for r in sources),
            )
            report = row["report_"]
            yield stored, None if report is None else (report, float(row["similarity_"]))

    def stored_pipeline(self, doc_id: str) -> str | None:
        """The stage chain a stored document was analysed with, or None if it is not stored."""
        row = self.conn.execute("SELECT pipeline FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None else str(row["pipeline"])

    def skipped(self) -> list[Skipped]:
        return [
            Skipped(r["source"], r["reason"], r["action"])
            for r in self.conn.execute("SELECT * FROM skipped ORDER BY source")
        ]

    def entities(self) -> list[dict[str, Any]]:
        """Resolved entities with aliases and mentions, as plain dicts (for export)."""
        return list(self.iter_entities())

    def iter_entities(self) -> Iterator[dict[str, Any]]:
        """:meth:`entities` one at a time, ordered by name (memory holds one entity)."""
        for row in self.conn.execute(
            "SELECT id, name, type, kb_id FROM entities ORDER BY name, id"
        ):
            aliases = self.conn.execute(
                "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", (row[0],)
            )
            mentions = self.conn.execute(
                "SELECT m.doc_id, m.start, m.end, m.text FROM entity_mentions em "
                "JOIN mentions m ON m.id = em.mention_id WHERE em.entity_id = ? "
                "ORDER BY m.doc_id, m.start",
                (row[0],),
            )
            yield {
                "id": row[0],
                "name": row[1],
                "type": row[2],
                "aliases": [r[0] for r in aliases],
                "kb_id": row[3],
                "mentions": [
                    {"doc": r[0], "start": r[1], "end": r[2], "text": r[3]} for r in mentions
                ],
            }

    def iter_mentions(self) -> Iterator[StoredMention]:
        """Every stored mention of analysed documents, in document and offset order."""
        return iter_mentions(self.conn)

    def reference_dates(self) -> dict[str, str | None]:
        """doc id → published or inferred date, for every analysed document."""
        return reference_dates(self.conn)

    def top_entities(self, limit: int = 15) -> list[tuple[str, str, str | None, int, int]]:
        """The most mentioned entities: (name, type, kb_id, mentions, documents)."""
        rows = self.conn.execute(  # counts stored at resolution (storyline.store.views)
            "SELECT name, type, kb_id, mentions, documents FROM entities WHERE mentions > 0 "
            "ORDER BY mentions DESC, documents DESC, name LIMIT ?",
            (limit,),
        )
        return [(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in rows]

    def sections(self) -> dict[str, Iterable[dict[str, Any]]]:
        """The extraction layers and resolved views, export-shaped, entities resolved; the
        per-document layers are read as they are iterated (one pass each)."""
        return {
            "quotes": layers.export_quotes(self.conn),
            "figures": layers.export_figures(self.conn),
            "figure_groups": layers.export_figure_groups(self.conn),
            "events": layers.export_events(self.conn),
            "times": layers.export_times(self.conn),
            "stances": layers.export_stances(self.conn),
            "positions": layers.export_positions(self.conn),
        }

    def report_export(self) -> list[dict[str, Any]]:
        """Every report, export-shaped (id, origin, evidence, documents, outlets, copies)."""
        return report_sql.report_export(self.conn)

    def document_reports(self) -> dict[str, tuple[str, float]]:
        """doc id → (report id, resemblance to the report's lead copy)."""
        return report_sql.document_reports(self.conn)

    def source_count_rows(self) -> Iterator[tuple[str, str, int, int]]:
        """(kind, id, independent reports, documents) of every group, event and position."""
        return report_sql.source_count_rows(self.conn)

    def source_counts(self, kind: str) -> dict[str, tuple[int, int]]:
        """id → (independent reports, documents) of every figure group, event or position."""
        return report_sql.source_counts(self.conn, kind)

    def ask(self) -> AskQueries:
        """The read queries of question answering (``storyline ask``)."""
        return AskQueries(self.conn)

    def story_facts(self) -> brief_queries.StoryFacts:
        """Sentences, resolved mentions, quotes, figures, stances and events, for the views."""
        return brief_queries.story_facts(self.conn)

    def sentences(self, doc_id: str) -> list[Sentence]:
        return [
            Sentence(r["start"], r["end"])
            for r in self.conn.execute(
                "SELECT start, end FROM sentences WHERE doc_id = ? ORDER BY idx", (doc_id,)
            )
        ]

    def search_sentences(self, query: str, limit: int = 20) -> list[tuple[str, int, int, str]]:
        """Full-text search over sentences (FTS5, BM25 ranking): (doc, start, end, text)."""
        rows = self.conn.execute(
            "SELECT s.doc_id, s.start, s.end, s.text FROM sentences_fts f "
            "JOIN sentences s ON s.doc_id = f.doc_id AND s.idx = f.idx "
            "WHERE sentences_fts MATCH ? ORDER BY bm25(sentences_fts) LIMIT ?",
            (query, limit),
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]
