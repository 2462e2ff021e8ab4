"""SQL of ``storyline watch``: watched sources, seen article URLs, snapshots and change sets.

The watcher writes through :class:`WatchStore`, a thin layer over the one
:class:`~storyline.store.StoreWriter` of the run (same connection, same transactions and
batches). Readers (``storyline changes``, the web app, the Atom feed) use
:func:`read_changes` over a read-only connection.

A snapshot (:class:`Snapshot`) keeps only the ids and dates of the resolved events before
a poll's resolution; the rows with evidence that :mod:`storyline.watch.changes` compares
are read after resolution and limited to what involves the documents the poll added
(a temporary table names them).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from storyline.store.store import StoreWriter

MAX_ATTEMPTS = 3
"""An article URL that failed this many times is not fetched again."""

Span = tuple[str, int, int]  # (doc id, start, end): evidence, as everywhere


@dataclass(frozen=True, slots=True)
class SourceState:
    """What is known of one watched source: its HTTP validators and health."""

    url: str
    kind: str | None
    parent: str | None
    etag: str | None
    last_modified: str | None
    last_checked: str | None
    last_success: str | None
    last_status: int | None
    failures: int
    last_error: str | None


@dataclass(frozen=True, slots=True)
class Change:
    """One change a poll brought: its kind, the thing changed and its cited evidence."""

    kind: str
    subject: str
    summary: str
    evidence: tuple[Span, ...]
    before: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class StoredChange:
    """A stored change with its change set (id and time) and evidence with outlets."""

    id: int
    set_id: int
    at: str
    kind: str
    subject: str
    summary: str
    evidence: tuple[dict[str, Any], ...]


@dataclass(slots=True)
class Snapshot:
    """The resolved events before a poll's resolution (ids and dates only): what an event
    was dated before cannot be read back after. Actors, positions and figures need no
    snapshot: what older documents say is read after resolution, which also holds when an
    interrupted poll's documents are reported by the next one."""

    event_of_mention: dict[str, str] = field(default_factory=dict)
    event_dates: dict[str, str | None] = field(default_factory=dict)


_TARGET_KEY = "COALESCE('e:' || p.target_entity, 't:' || lower(p.target))"


class WatchStore:
    """The watcher's writes and reads, on the run's one writer."""

    def __init__(self, writer: StoreWriter) -> None:
        self.writer = writer
        self.conn = writer.conn

    @contextmanager
    def _write(self) -> Iterator[None]:
        with self.writer._transaction():  # the store's own layer
            yield

    # ------------------------------------------------------------------ sources

    def source(self, url: str) -> SourceState | None:
        row = self.conn.execute("SELECT * FROM watch_sources WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        return SourceState(
            row["url"],
            row["kind"],
            row["parent"],
            row["etag"],
            row["last_modified"],
            row["last_checked"],
            row["last_success"],
            row["last_status"],
            row["failures"],
            row["last_error"],
        )

    def source_ok(
        self,
        url: str,
        *,
        kind: str | None,
        parent: str | None,
        etag: str | None,
        last_modified: str | None,
        status: int,
        now: str,
    ) -> None:
        """A source answered (200 or 304): keep its validators, reset its failures."""
        with self._write():
            self.conn.execute(
                """INSERT INTO watch_sources(url, kind, parent, etag, last_modified,
                   last_checked, last_success, last_status, failures, last_error)
                   VALUES (?,?,?,?,?,?,?,?,0,NULL)
                   ON CONFLICT(url) DO UPDATE SET
                     kind = COALESCE(excluded.kind, kind), parent = excluded.parent,
                     etag = excluded.etag, last_modified = excluded.last_modified,
                     last_checked = excluded.last_checked,
                     last_success = excluded.last_success, last_status = excluded.last_status,
                     failures = 0, last_error = NULL""",
                (url, kind, parent, etag, last_modified, now, now, status),
            )

    def source_failed(
        self, url: str, *, parent: str | None, status: int | None, error: str, now: str
    ) -> int:
        """A source failed this poll; returns how many polls in a row it has failed."""
        with self._write():
            self.conn.execute(
                """INSERT INTO watch_sources(url, parent, last_checked, last_status, failures,
                   last_error) VALUES (?,?,?,?,1,?)
                   ON CONFLICT(url) DO UPDATE SET parent = excluded.parent,
                     last_checked = excluded.last_checked, last_status = excluded.last_status,
                     failures = failures + 1, last_error = excluded.last_error""",
                (url, parent, now, status, error),
            )
        row = self.conn.execute("SELECT failures FROM watch_sources WHERE url = ?", (url,))
        return int(row.fetchone()[0])

    def children(self, url: str) -> list[str]:
        """The sitemaps a sitemap index listed when it was last read."""
        rows = self.conn.execute(
            "SELECT url FROM watch_sources WHERE parent = ? ORDER BY rowid", (url,)
        )
        return [r[0] for r in rows]

    def drop_children(self, url: str, keep: Sequence[str]) -> None:
        """Forget the sitemaps an index no longer lists (their articles stay seen)."""
        with self._write():
            for child in self.children(url):
                if child not in keep:
                    self.conn.execute("DELETE FROM watch_sources WHERE url = ?", (child,))

    def sources(self) -> list[SourceState]:
        urls = [r[0] for r in self.conn.execute("SELECT url FROM watch_sources ORDER BY url")]
        return [s for u in urls if (s := self.source(u)) is not None]

    # ----------------------------------------------------------------- articles

    def known(self, url: str) -> bool:
        """True when the (canonical) URL was stored, or failed too often to try again."""
        row = self.conn.execute(
            "SELECT status, attempts FROM watch_articles WHERE url = ?", (url,)
        ).fetchone()
        if row is None:
            return False
        if row["status"] == "pending":  # known once its document is stored
            return (
                self.conn.execute(
                    "SELECT 1 FROM watch_articles a JOIN documents d ON d.id = a.doc_id "
                    "WHERE a.url = ?",
                    (url,),
                ).fetchone()
                is not None
            )
        return bool(row["status"] != "failed" or row["attempts"] >= MAX_ATTEMPTS)

    def known_document_url(self, url: str) -> bool:
        """True when a stored document has this URL or source (given to ``analyze`` too)."""
        row = self.conn.execute(
            "SELECT 1 FROM documents WHERE url = ? UNION ALL "
            "SELECT 1 FROM document_sources WHERE source = ? LIMIT 1",
            (url, url),
        ).fetchone()
        return row is not None

    def article(
        self, url: str, feed: str, *, status: str, doc_id: str | None, reason: str | None, now: str
    ) -> None:
        """Record what a canonical article URL gave (``pending``: a new document not yet in a
        change set; ``done``: a document stored before; ``failed``: not fetched or read)."""
        with self._write():
            self.conn.execute(
                """INSERT INTO watch_articles(url, feed, doc_id, status, attempts, reason, seen_at)
                   VALUES (?,?,?,?,?,?,?)
                   ON CONFLICT(url) DO UPDATE SET doc_id = excluded.doc_id,
                     status = excluded.status, reason = excluded.reason,
                     attempts = attempts + excluded.attempts""",
                (url, feed, doc_id, status, int(status == "failed"), reason, now),
            )

    def pending_documents(self) -> list[str]:
        """Documents stored by polls whose change set is not written yet (interrupted)."""
        rows = self.conn.execute(
            "SELECT DISTINCT a.doc_id FROM watch_articles a JOIN documents d ON d.id = a.doc_id "
            "WHERE a.status = 'pending' ORDER BY a.doc_id"
        )
        return [r[0] for r in rows]

    def feed_sources(self, feed: str) -> tuple[list[str], list[str]]:
        """The watched sources under ``feed`` (it and the sitemaps an index listed) and the
        document sources (article URLs as stored) they brought."""
        feeds = [feed]
        for parent in feeds:
            feeds.extend(
                r[0]
                for r in self.conn.execute(
                    "SELECT url FROM watch_sources WHERE parent = ?", (parent,)
                )
                if r[0] not in feeds
            )
        marks = ",".join("?" * len(feeds))
        docs = [
            r[0]
            for r in self.conn.execute(
                f"SELECT DISTINCT doc_id FROM watch_articles WHERE feed IN ({marks}) "
                "AND doc_id IS NOT NULL",
                feeds,
            )
        ]
        sources = sorted(
            {
                r[0]
                for d in docs
                for r in self.conn.execute(
                    "SELECT source FROM document_sources WHERE doc_id = ?", (d,)
                )
            }
        )
        known = [f for f in feeds if self.source(f) is not None]
        return known, sources

    def forget_feed(self, feeds: Sequence[str]) -> None:
        """Forget watched sources and the article URLs they listed."""
        marks = ",".join("?" * len(feeds))
        with self._write():
            self.conn.execute(f"DELETE FROM watch_articles WHERE feed IN ({marks})", feeds)
            self.conn.execute(f"DELETE FROM watch_sources WHERE url IN ({marks})", feeds)

    # ---------------------------------------------------------------- snapshots

    def snapshot(self) -> Snapshot:
        """The resolved events as they are now."""
        snap = Snapshot()
        snap.event_of_mention = {
            r[0]: r[1]
            for r in self.conn.execute("SELECT event_mention_id, event_id FROM event_links")
        }
        snap.event_dates = {r[0]: r[1] for r in self.conn.execute("SELECT id, date FROM events")}
        return snap

    def mark_new(self, docs: Iterable[str]) -> None:
        """Name the documents a poll added (a temporary table the evidence reads join)."""
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS watch_new(doc_id TEXT PRIMARY KEY)")
        self.conn.execute("DELETE FROM temp.watch_new")
        self.conn.executemany(
            "INSERT OR IGNORE INTO temp.watch_new(doc_id) VALUES (?)", [(d,) for d in docs]
        )

    def new_actor_rows(self) -> list[sqlite3.Row]:
        """Entities whose every mention is in the new documents, with the first mention."""
        return self.conn.execute(
            """SELECT e.id, e.name, e.type, m.doc_id, MIN(m.start) AS start, m.end
               FROM entities e JOIN entity_mentions em ON em.entity_id = e.id
               JOIN mentions m ON m.id = em.mention_id
               GROUP BY e.id
               HAVING SUM(m.doc_id NOT IN (SELECT doc_id FROM temp.watch_new)) = 0
               ORDER BY e.name"""
        ).fetchall()

    def new_stance_rows(self) -> list[sqlite3.Row]:
        """Each holder of a position with a stance in the new documents, with that stance."""
        return self.conn.execute(
            f"""SELECT p.id AS position, p.polarity, {_TARGET_KEY} AS target_key, p.target,
                  h.entity_id AS holder, e.name AS holder_name, s.doc_id, s.start, s.end
               FROM positions p JOIN position_holders h ON h.position_id = p.id
               JOIN entities e ON e.id = h.entity_id
               JOIN position_stances ps ON ps.position_id = p.id
               JOIN stances s ON s.id = ps.stance_id
               WHERE s.doc_id IN (SELECT doc_id FROM temp.watch_new)
               ORDER BY e.name, p.target, s.doc_id, s.start"""
        ).fetchall()

    def held_before(self) -> dict[tuple[str, str], set[str]]:
        """(holder entity, target key) → the polarities older documents give it."""
        held: dict[tuple[str, str], set[str]] = {}
        for r in self.conn.execute(
            f"""SELECT DISTINCT h.entity_id, {_TARGET_KEY}, p.polarity FROM positions p
               JOIN position_holders h ON h.position_id = p.id
               JOIN position_stances ps ON ps.position_id = p.id
               JOIN stances s ON s.id = ps.stance_id
               WHERE s.doc_id NOT IN (SELECT doc_id FROM temp.watch_new)"""
        ):
            held.setdefault((r[0], r[1]), set()).add(r[2])
        return held

    def old_stance(self, holder: str, target_key: str, polarity: str) -> Span | None:
        """A stance of an older document by which ``holder`` took ``polarity`` on the target."""
        row = self.conn.execute(
            f"""SELECT s.doc_id, s.start, s.end FROM positions p
               JOIN position_holders h ON h.position_id = p.id
               JOIN position_stances ps ON ps.position_id = p.id
               JOIN stances s ON s.id = ps.stance_id
               WHERE h.entity_id = ? AND {_TARGET_KEY} = ? AND p.polarity = ?
                 AND s.doc_id NOT IN (SELECT doc_id FROM temp.watch_new)
               ORDER BY s.doc_id, s.start LIMIT 1""",
            (holder, target_key, polarity),
        ).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def disputed_group_rows(self) -> list[sqlite3.Row]:
        """Members of figure groups that disagree and hold a figure of a new document."""
        return self.conn.execute(
            """SELECT g.id AS grp, g.label, f.id, f.doc_id, f.start, f.end, f.text, f.value,
                  f.unit, f.hedge, d.outlet,
                  f.doc_id IN (SELECT doc_id FROM temp.watch_new) AS new
               FROM figure_groups g JOIN figure_group_members gm ON gm.group_id = g.id
               JOIN figures f ON f.id = gm.figure_id JOIN documents d ON d.id = f.doc_id
               WHERE g.agree = 0 AND g.id IN (
                 SELECT gm2.group_id FROM figure_group_members gm2
                 JOIN figures f2 ON f2.id = gm2.figure_id
                 WHERE f2.doc_id IN (SELECT doc_id FROM temp.watch_new))
               ORDER BY g.label, f.doc_id, f.start"""
        ).fetchall()

    def touched_event_rows(self) -> list[sqlite3.Row]:
        """Mentions of events that a new document reports, with each mention's report."""
        return self.conn.execute(
            """SELECT v.id AS event, v.label, v.date, em.id AS mention, em.doc_id, em.start,
                  em.end, COALESCE(rd.report_id, em.doc_id) AS report,
                  em.doc_id IN (SELECT doc_id FROM temp.watch_new) AS new
               FROM events v JOIN event_links l ON l.event_id = v.id
               JOIN event_mentions em ON em.id = l.event_mention_id
               LEFT JOIN report_documents rd ON rd.doc_id = em.doc_id
               WHERE v.id IN (
                 SELECT l2.event_id FROM event_links l2
                 JOIN event_mentions em2 ON em2.id = l2.event_mention_id
                 WHERE em2.doc_id IN (SELECT doc_id FROM temp.watch_new))
               ORDER BY v.date, v.label, em.doc_id, em.start"""
        ).fetchall()

    # -------------------------------------------------------------- change sets

    def store_changes(self, at: str, docs: Sequence[str], changes: Sequence[Change]) -> int:
        """Store a poll's change set and mark its documents as reported; returns its id."""
        with self._write():
            cur = self.conn.execute(
                "INSERT INTO change_sets(at, articles) VALUES (?, ?)", (at, len(docs))
            )
            set_id = int(cur.lastrowid or 0)
            for change in changes:
                cur = self.conn.execute(
                    "INSERT INTO changes(set_id, kind, subject, summary) VALUES (?,?,?,?)",
                    (set_id, change.kind, change.subject, change.summary),
                )
                change_id = cur.lastrowid
                self.conn.executemany(
                    "INSERT INTO change_evidence(change_id, doc_id, start, end, role) "
                    "VALUES (?,?,?,?,?)",
                    [(change_id, *span, "new") for span in change.evidence]
                    + [(change_id, *span, "before") for span in change.before],
                )
            marks = ",".join("?" * len(docs))
            self.conn.execute(
                f"UPDATE watch_articles SET status = 'stored' WHERE status = 'pending' "
                f"AND doc_id IN ({marks})",
                list(docs),
            )
        return set_id


# ------------------------------------------------------------------ readers


def read_changes(
    conn: sqlite3.Connection, since: str | None = None, limit: int = 500
) -> list[StoredChange]:
    """Stored changes, newest change set first, those after ``since`` (an ISO time) only.

    A change whose every cited document was removed since is left out."""
    rows = conn.execute(
        """SELECT c.id, c.set_id, s.at, c.kind, c.subject, c.summary FROM changes c
           JOIN change_sets s ON s.id = c.set_id
           WHERE (? IS NULL OR s.at > ?)
             AND EXISTS (SELECT 1 FROM change_evidence x WHERE x.change_id = c.id
                         AND x.role = 'new')
           ORDER BY s.id DESC, c.id LIMIT ?""",
        (since, since, limit),
    ).fetchall()
    found: list[StoredChange] = []
    for r in rows:
        evidence = tuple(
            {
                "doc_id": e["doc_id"],
                "start": e["start"],
                "end": e["end"],
                "role": e["role"],
                "text": e["snippet"],
                "outlet": e["outlet"],
                "title": e["title"],
                "url": e["url"],
                "published": e["published"],
            }
            for e in conn.execute(
                """SELECT x.doc_id, x.start, x.end, x.role,
                      substr(d.text, x.start + 1, x.end - x.start) AS snippet,
                      d.outlet, d.title, d.url, d.published
                   FROM change_evidence x JOIN documents d ON d.id = x.doc_id
                   WHERE x.change_id = ? ORDER BY x.role DESC, x.rowid""",
                (r["id"],),
            )
        )
        found.append(StoredChange(r[0], r[1], r[2], r[3], r[4], r[5], evidence))
    return found


def change_count(conn: sqlite3.Connection, since: str | None = None) -> int:
    """How many changes were stored after ``since`` (all when None)."""
    row = conn.execute(
        "SELECT COUNT(*) FROM changes c JOIN change_sets s ON s.id = c.set_id "
        "WHERE (? IS NULL OR s.at > ?)",
        (since, since),
    ).fetchone()
    return int(row[0])


def latest_change(conn: sqlite3.Connection) -> str | None:
    """When the newest change set was stored, or None."""
    row = conn.execute("SELECT MAX(at) FROM change_sets").fetchone()
    return None if row is None else row[0]


def change_json(change: StoredChange) -> dict[str, Any]:
    """A stored change as a JSON-ready dict."""
    return {
        "id": change.id,
        "change_set": change.set_id,
        "at": change.at,
        "kind": change.kind,
        "subject": change.subject,
        "summary": change.summary,
        "evidence": list(change.evidence),
    }
