"""All SQL of storyline: one writer, any number of read-only readers.

The writer stores each document with all its annotations atomically (a transaction, or
a savepoint inside a batch of them, see :meth:`StoreWriter.batched`), so a crash or
Ctrl-C mid-run leaves every stored document complete. Cross-document views
(entities) are rebuilt in one transaction of their own. Readers open the file
read-only, so a web server or an export can run while ``analyze`` writes (WAL mode).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from storyline.clock import Clock, SystemClock
from storyline.document import (
    Analysis,
    DateClaim,
    Document,
    Entity,
    EntityType,
    Event,
    FigureGroup,
    Fingerprint,
    Mention,
    Metadata,
    Position,
    Report,
    Sentence,
    Skipped,
    StoredMention,
    mention_id,
)
from storyline.errors import StoreError
from storyline.store import layers, state, views
from storyline.store import reports as report_sql
from storyline.store.schema import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from storyline.store.reader import StoreReader


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    try:
        if read_only:
            if not path.exists():
                raise StoreError(
                    f"{path}: no such database; create it with 'storyline analyze PATH --db {path}'"
                )
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=10000")
        conn.row_factory = sqlite3.Row
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path}: cannot open as a storyline database ({exc}); "
            "check the path or start a new database file"
        ) from exc
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: database schema {version} is newer than this storyline "
            f"(schema {SCHEMA_VERSION}); upgrade storyline"
        )
    if read_only and version < SCHEMA_VERSION:
        raise StoreError(
            f"{path}: database schema {version} is older than this storyline "
            f"(schema {SCHEMA_VERSION}); run 'storyline analyze' on it once to upgrade it"
        )
    return conn


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document row as readers see it."""

    document: Document
    status: str
    status_reason: str | None
    pipeline: str
    sources: tuple[str, ...]


def _document_from_row(row: sqlite3.Row, dates: Sequence[DateClaim]) -> Document:
    meta = Metadata(
        title=row["title"],
        outlet=row["outlet"],
        outlet_origin=row["outlet_origin"],
        authors=tuple(json.loads(row["authors"])),
        published=row["published"],
        published_origin=row["published_origin"],
        dates=tuple(dates),
        language=row["language"],
        url=row["url"],
        inferred_date=row["inferred_date"],
        inferred_from=row["inferred_from"],
        cleaning=row["cleaning"],
    )
    return Document(id=row["id"], source=row["source"], text=row["text"], meta=meta)


def _mention_from_row(row: sqlite3.Row) -> Mention:
    return Mention(
        start=row["start"],
        end=row["end"],
        text=row["text"],
        label=cast(EntityType, row["label"]),
        name=row["name"],
        kb_id=row["kb_id"],
        canonical=row["canonical"],
        origin=row["origin"],
        role=row["role"],
    )


# ------------------------------------------------------------------------- writer


def iter_mentions(conn: sqlite3.Connection) -> Iterator[StoredMention]:
    """Every stored mention of analysed documents, in document and offset order."""
    for row in conn.execute(
        "SELECT m.* FROM mentions m JOIN documents d ON d.id = m.doc_id "
        "WHERE d.status = 'analysed' ORDER BY m.doc_id, m.start, m.end"
    ):
        yield StoredMention(row["id"], row["doc_id"], _mention_from_row(row))


def reference_dates(conn: sqlite3.Connection) -> dict[str, str | None]:
    """doc id → the date its relative expressions resolve against: published or inferred."""
    return {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT id, coalesce(published, inferred_date) FROM documents WHERE status = 'analysed'"
        )
    }


class StoreWriter:
    """The one writer of a database file. Use as a context manager."""

    def __init__(self, path: str | Path, clock: Clock | None = None) -> None:
        self.path = Path(path)
        self.clock = clock or SystemClock()
        self.conn = _connect(self.path, read_only=False)
        self._batch: _Batch | None = None
        self._migrate()

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def _now(self) -> str:
        return self.clock.now().isoformat(timespec="seconds")

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            try:
                self.conn.executescript(
                    f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version={number};\nCOMMIT;"
                )
            except sqlite3.DatabaseError as exc:
                self.conn.execute("ROLLBACK") if self.conn.in_transaction else None
                raise StoreError(
                    f"{self.path}: cannot upgrade the database to schema {number} ({exc}); "
                    "is it a storyline database? use a new file"
                ) from exc

    # ------------------------------------------------------------- documents

    def stored_pipeline(self, doc_id: str) -> str | None:
        """The stage chain a stored document was analysed with, or None if it is not stored."""
        row = self.conn.execute("SELECT pipeline FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None else str(row["pipeline"])

    def source_of(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT source FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None else str(row["source"])

    def add_source(self, doc_id: str, source: str) -> None:
        """Record another input that gave an already stored document."""
        with self._transaction():
            self._give_sources(doc_id, [source])
            self.conn.execute("DELETE FROM skipped WHERE source = ?", (source,))

    def _give_sources(self, doc_id: str, sources: Iterable[str]) -> None:
        """These inputs now give ``doc_id``. An input whose text changed gave an older
        document: that one goes, with its facts, once no input gives it any more, so an
        edited article is never stored twice (another input giving it keeps it)."""
        given = list(sources)
        older = {
            r[0]
            for source in given
            for r in self.conn.execute(
                "SELECT doc_id FROM document_sources WHERE source = ? AND doc_id != ?",
                (source, doc_id),
            )
        }
        self.conn.executemany(
            "INSERT OR REPLACE INTO document_sources(source, doc_id) VALUES (?, ?)",
            [(source, doc_id) for source in given],
        )
        for old in sorted(older):
            left = self.conn.execute(
                "SELECT source FROM document_sources WHERE doc_id = ? ORDER BY rowid", (old,)
            ).fetchone()
            if left is None:
                self._delete_document_rows(old)
            else:
                self.conn.execute("UPDATE documents SET source = ? WHERE id = ?", (left[0], old))

    def write_analysis(self, analysis: Analysis, *, status_reason: str | None = None) -> None:
        """Store a document with all its annotations, atomically, replacing an older version."""
        doc = analysis.document
        meta = doc.meta
        status = "analysed" if status_reason is None else "not_analysed"
        with self._transaction():
            old = self.conn.execute(
                "SELECT added_at, source FROM documents WHERE id = ?", (doc.id,)
            ).fetchone()
            added_at = old["added_at"] if old else self._now()
            first_source = old["source"] if old else doc.source
            sources = [
                r["source"]
                for r in self.conn.execute(
                    "SELECT source FROM document_sources WHERE doc_id = ?", (doc.id,)
                )
            ]
            if old:  # a new document has no rows to delete (and FTS5 deletes scan)
                self._delete_document_rows(doc.id)
            self.conn.execute(
                """INSERT INTO documents(id, source, url, title, outlet, outlet_origin, authors,
                   published, published_origin, language, status, status_reason, pipeline, text,
                   added_at, inferred_date, inferred_from, cleaning)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                (
                    doc.id,
                    first_source,
                    meta.url,
                    meta.title,
                    meta.outlet,
                    meta.outlet_origin,
                    json.dumps(list(meta.authors), ensure_ascii=False),
                    meta.published,
                    meta.published_origin,
                    meta.language,
                    status,
                    status_reason,
                    analysis.pipeline,
                    doc.text,
                    added_at,
                    meta.inferred_date,
                    meta.inferred_from,
                    meta.cleaning,
                ),
            )
            self._give_sources(doc.id, dict.fromkeys([doc.source, *sources]))
            self.conn.execute("DELETE FROM skipped WHERE source = ?", (doc.source,))
            self.conn.executemany(
                "INSERT OR IGNORE INTO document_dates(doc_id, value, origin, evidence) "
                "VALUES (?,?,?,?)",
                [(doc.id, d.value, d.origin, d.evidence) for d in meta.dates],
            )
            self._write_sentences(doc, analysis.layer("sentences"))
            self._write_mentions(doc, analysis.layer("mentions"))
            layers.write_layers(self.conn, analysis)

    def _delete_document_rows(self, doc_id: str) -> None:
        self.conn.execute("DELETE FROM sentences_fts WHERE doc_id = ?", (doc_id,))
        # ON DELETE CASCADE removes sentences, mentions, dates, sources and entity links
        self.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def _write_sentences(self, doc: Document, items: Sequence[object]) -> None:
        rows = []
        for idx, item in enumerate(items):
            s = cast(Sentence, item)
            rows.append((doc.id, idx, s.start, s.end, doc.text[s.start : s.end]))
        self.conn.executemany(
            "INSERT INTO sentences(doc_id, idx, start, end, text) VALUES (?,?,?,?,?)", rows
        )
        self.conn.executemany(
            "INSERT INTO sentences_fts(text, doc_id, idx) VALUES (?,?,?)",
            [(r[4], r[0], r[1]) for r in rows],
        )

    def _write_mentions(self, doc: Document, items: Sequence[object]) -> None:
        rows = []
        for item in items:
            m = cast(Mention, item)
            rows.append(
                (
                    mention_id(doc.id, m.start, m.end),
                    doc.id,
                    m.start,
                    m.end,
                    m.text,
                    m.label,
                    m.name,
                    m.kb_id,
                    m.canonical,
                    m.origin,
                    m.role,
                )
            )
        self.conn.executemany(
            """INSERT OR REPLACE INTO mentions(id, doc_id, start, end, text, label, name, kb_id,
               canonical, origin, role) VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
            rows,
        )

    def pipelines(self) -> dict[str, str]:
        """doc id → the stage chain it was analysed with, for every stored document."""
        return {r[0]: r[1] for r in self.conn.execute("SELECT id, pipeline FROM documents")}

    def remove_source(self, source: str) -> tuple[list[str], list[str]]:
        """Forget an input: ``source`` itself, every source under it (a folder) and every
        line of it (a JSONL file), and the skipped inputs among them.

        A document that no other source holds is deleted with all its annotations; one
        that another source also gave keeps them and only loses the source (its first
        source becomes the earliest remaining one). Returns (the sources removed, the ids
        of the documents deleted). The caller rebuilds the cross-document views.
        """
        key = source.rstrip("/") or source
        where = "source = ? OR substr(source, 1, ?) = ? OR substr(source, 1, ?) = ?"
        args = (key, len(key) + 1, key + "/", len(key) + 1, key + ":")
        with self._transaction():
            rows = self.conn.execute(
                f"SELECT source, doc_id FROM document_sources WHERE {where}", args
            ).fetchall()
            gone = {r["source"] for r in rows}
            skipped = self.conn.execute(f"SELECT source FROM skipped WHERE {where}", args)
            removed = sorted(gone | {r[0] for r in skipped})
            deleted: list[str] = []
            for doc_id in sorted({r["doc_id"] for r in rows}):
                left = [
                    r[0]
                    for r in self.conn.execute(
                        "SELECT source FROM document_sources WHERE doc_id = ? ORDER BY rowid",
                        (doc_id,),
                    )
                    if r[0] not in gone
                ]
                if not left:
                    self._delete_document_rows(doc_id)
                    deleted.append(doc_id)
                    continue
                self.conn.executemany(
                    "DELETE FROM document_sources WHERE source = ?",
                    [(s,) for s in sorted(gone)],
                )
                self.conn.execute(
                    "UPDATE documents SET source = ? WHERE id = ? AND source NOT IN "
                    "(SELECT source FROM document_sources WHERE doc_id = ?)",
                    (left[0], doc_id, doc_id),
                )
            self.conn.execute(f"DELETE FROM skipped WHERE {where}", args)
        return removed, deleted

    # --------------------------------------------------------------- skipped

    def record_skipped(self, skipped: Skipped) -> None:
        with self._transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO skipped(source, reason, action, seen_at) VALUES (?,?,?,?)",
                (skipped.source, skipped.reason, skipped.action, self._now()),
            )

    # --------------------------------------------------------- cross-document

    def iter_mentions(self) -> Iterator[StoredMention]:
        """Every stored mention of analysed documents, in document and offset order."""
        return iter_mentions(self.conn)

    def replace_entities(self, entities: Sequence[Entity]) -> None:
        """Replace the resolved entities and their links to mentions, atomically."""
        with self._transaction():
            self.conn.execute("DELETE FROM entity_mentions")
            self.conn.execute("DELETE FROM entity_aliases")
            self.conn.execute("DELETE FROM entities")
            self.conn.executemany(
                "INSERT INTO entities(id, name, type, kb_id) VALUES (?,?,?,?)",
                [(e.id, e.name, e.type, e.kb_id) for e in entities],
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO entity_aliases(entity_id, alias) VALUES (?,?)",
                [(e.id, a) for e in entities for a in e.aliases],
            )
            self.conn.executemany(
                "INSERT OR REPLACE INTO entity_mentions(mention_id, entity_id) VALUES (?,?)",
                [(m, e.id) for e in entities for m in e.mention_ids],
            )
            views.refresh_entity_counts(self.conn)  # stored, so lists need not count

    def entity_index(self) -> dict[tuple[str, int, int], str]:
        """(doc, start, end) of every resolved mention → its entity id."""
        return layers.entity_index(self.conn)

    def iter_stances(self) -> Iterator[tuple[str, str, Any]]:
        return layers.iter_stances(self.conn)

    def iter_figures(self) -> Iterator[tuple[str, str, Any]]:
        return layers.iter_figures(self.conn)

    def iter_event_mentions(self) -> Iterator[tuple[str, str, Any]]:
        return layers.iter_event_mentions(self.conn)

    def document_fields(self) -> dict[str, tuple[str | None, str | None]]:
        """doc id → (published, outlet) for every analysed document."""
        return {
            r[0]: (r[1], r[2])
            for r in self.conn.execute(
                "SELECT id, published, outlet FROM documents WHERE status = 'analysed'"
            )
        }

    def reference_dates(self) -> dict[str, str | None]:
        """doc id → the date its relative expressions resolve against: published or inferred."""
        return reference_dates(self.conn)

    def time_index(self) -> dict[tuple[str, int, int], tuple[str, str | None, str | None]]:
        """(doc, start, end) of every time expression → (text, value, anchor)."""
        return {
            (r[0], r[1], r[2]): (r[3], r[4], r[5])
            for r in self.conn.execute("SELECT doc_id, start, end, text, value, anchor FROM times")
        }

    def page_dates(self) -> dict[str, tuple[str, str]]:
        """doc → (date, line) of the first date shown in its page header, if any."""
        out: dict[str, tuple[str, str]] = {}
        for r in self.conn.execute(
            "SELECT doc_id, value, evidence FROM document_dates WHERE origin = 'page-header' "
            "ORDER BY doc_id, value"
        ):
            out.setdefault(r[0], (r[1], r[2]))
        return out

    def set_inferred_dates(self, inferred: Mapping[str, tuple[str, str]]) -> list[str]:
        """Store ``doc → (date, evidence)`` for undated documents (clearing the rest); the
        ids of the documents whose inferred date changed, in order."""
        changed = []
        with self.conn:
            for row in self.conn.execute(
                "SELECT id, inferred_date, inferred_from FROM documents "
                "WHERE status = 'analysed' ORDER BY id"
            ).fetchall():
                new = inferred.get(row["id"], (None, None))
                if (row["inferred_date"], row["inferred_from"]) != new:
                    self.conn.execute(
                        "UPDATE documents SET inferred_date = ?, inferred_from = ? WHERE id = ?",
                        (*new, row["id"]),
                    )
                    if row["inferred_date"] != new[0]:
                        changed.append(row["id"])
        return changed

    def load_documents(self, ids: Sequence[str]) -> list[Document]:
        """The stored documents with these ids (text and metadata), in the order given."""
        out = []
        for doc_id in ids:
            row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                continue
            dates = [
                DateClaim(r["value"], r["origin"], r["evidence"])
                for r in self.conn.execute(
                    "SELECT value, origin, evidence FROM document_dates WHERE doc_id = ? "
                    "ORDER BY value",
                    (doc_id,),
                )
            ]
            out.append(_document_from_row(row, dates))
        return out

    def replace_views(
        self,
        positions: Sequence[Position],
        groups: Sequence[FigureGroup],
        events: Sequence[Event],
    ) -> None:
        """Replace the cross-document views built from the extraction layers, atomically."""
        with self._transaction():
            layers.replace_positions(self.conn, positions)
            layers.replace_figure_groups(self.conn, groups)
            layers.replace_events(self.conn, events)

    def unchanged_input(self, source: str, digest: str) -> str | None:
        """The id of the document ``source`` gave when it was last read with this digest."""
        row = self.conn.execute(
            "SELECT doc_id FROM document_sources WHERE source = ? AND input_digest = ?",
            (source, digest),
        ).fetchone()
        return None if row is None else str(row[0])

    def set_input_digests(self, digests: Mapping[str, str]) -> None:
        """Record the digest each stored source was read with this run."""
        with self._transaction():
            self.conn.executemany(
                "UPDATE document_sources SET input_digest = ? WHERE source = ?",
                [(d, s) for s, d in digests.items()],
            )

    def replace_story_views(self, values: Mapping[str, str]) -> None:
        """Replace the stored whole-story views (name → JSON), atomically."""
        with self._transaction():
            views.replace_story_views(self.conn, values)

    def reader(self) -> StoreReader:
        """A reader over this writer's own connection (it sees what was just written);
        closing it leaves the connection open."""
        from storyline.store.reader import StoreReader

        return StoreReader(self.path, conn=self.conn)

    def resolution_current(self, key: str) -> bool:
        """Whether the last finished resolution, by the code ``key`` names, saw exactly the
        documents stored now (see :mod:`storyline.store.state`)."""
        return state.resolved_for(self.conn) == f"{key}/{state.documents_state(self.conn)}"

    def mark_resolved(self, key: str) -> int:
        """Record that the story is resolved for the stored documents; returns entities."""
        with self._transaction():
            state.mark_resolved(self.conn, f"{key}/{state.documents_state(self.conn)}")
        return state.entity_count(self.conn)

    def add_missing_fingerprints(self, make: report_sql.MakeFingerprint, size: int) -> int:
        """Fingerprint (for copy detection) the analysed documents that have none yet, or
        one whose signature is not ``size`` bytes long (an older layout)."""
        with self._transaction():
            return report_sql.add_missing_fingerprints(self.conn, make, size)

    def iter_fingerprints(self) -> Iterator[tuple[str, str | None, str | None, Fingerprint]]:
        """(doc id, publication date, outlet, fingerprint) of every analysed document."""
        return report_sql.iter_fingerprints(self.conn)

    def replace_reports(self, reports: Sequence[Report], similarity: Mapping[str, float]) -> None:
        """Replace the independent reports (copies grouped), atomically."""
        with self._transaction():
            report_sql.replace_reports(self.conn, reports, similarity)

    # ----------------------------------------------------------------- helpers

    @contextmanager
    def batched(self, documents: int = 16, seconds: float = 1.0) -> Iterator[None]:
        """Commit the writes made inside in groups rather than one by one.

        Each write (a document with all its annotations, a skipped input, a source) stays
        all or nothing: it runs in a savepoint, and a failure or Ctrl-C inside it rolls
        back that write alone. The group is committed once it holds ``documents`` writes
        or is ``seconds`` old, and on leaving, however that happens, so every completed
        write is kept. Fewer commits write each shared page (indexes, the full-text
        index) once per group instead of once per document.
        """
        if self._batch is not None:  # already batched by a caller
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._batch = _Batch(documents, seconds, time.monotonic())
        try:
            yield
        finally:
            self._batch = None
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    def _transaction(self) -> _Transaction | _Savepoint:
        if self._batch is None:
            return _Transaction(self.conn)
        return _Savepoint(self.conn, self._batch)


@dataclass(slots=True)
class _Batch:
    """The open group of :meth:`StoreWriter.batched`: when to commit it."""

    documents: int
    seconds: float
    began: float
    writes: int = 0

    def due(self) -> bool:
        return self.writes >= self.documents or time.monotonic() - self.began >= self.seconds


class _Savepoint:
    """One write inside a batch: SAVEPOINT … RELEASE, or ROLLBACK TO it on any error; the
    batch is committed (and a new one begun) when it is due."""

    def __init__(self, conn: sqlite3.Connection, batch: _Batch) -> None:
        self.conn = conn
        self.batch = batch

    def __enter__(self) -> None:
        self.conn.execute("SAVEPOINT write")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            self.conn.execute("ROLLBACK TO write")
            self.conn.execute("RELEASE write")
            return
        self.conn.execute("RELEASE write")
        self.batch.writes += 1
        if self.batch.due():
            self.conn.execute("COMMIT")
            self.conn.execute("BEGIN IMMEDIATE")
            self.batch.writes, self.batch.began = 0, time.monotonic()


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error (including KeyboardInterrupt)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


# ------------------------------------------------------------------------- reader
