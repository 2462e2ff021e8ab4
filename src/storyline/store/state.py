"""Whether the resolved story is up to date with the stored documents.

The cross-document views are rebuilt by resolution from everything stored. A run that
stores nothing new (every input unchanged) need not rebuild them, provided the last
resolution finished and was made by the same resolution code. The stored *state* says
which documents there are: their number and the sum of their row ids (a new or
re-analysed document gets a new row id, a removed one lowers the number), which SQLite
reads from the table's b-tree without touching the texts. After each finished resolution
the engine records that state with a key naming the resolution code.
"""

from __future__ import annotations

import sqlite3

_KEY = "resolved_for"


def documents_state(conn: sqlite3.Connection) -> str:
    """A short string that changes whenever a document is added, re-analysed or removed."""
    count, rowids = conn.execute("SELECT count(*), total(rowid) FROM documents").fetchone()
    return f"{int(count)}:{int(rowids)}"


def resolved_for(conn: sqlite3.Connection) -> str | None:
    """What the last finished resolution recorded (None before the first)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (_KEY,)).fetchone()
    return None if row is None else str(row[0])


def mark_resolved(conn: sqlite3.Connection, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (_KEY, value))


def entity_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM entities").fetchone()[0])
