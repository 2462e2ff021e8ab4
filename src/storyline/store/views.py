"""The stored views of the read model: what is costly over the whole story, computed when
resolution runs and read back by key.

* each entity's number of mentions and of documents, kept on ``entities`` (lists of actors
  are ranked by an index instead of counting every mention on each read);
* whole-story views (the brief, the actor graph) as JSON in ``story_views``, each with the
  documents state (:func:`storyline.store.state.documents_state`) it was made for, so a
  reader knows whether it still describes the stored documents.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from storyline.store.state import documents_state


def refresh_entity_counts(conn: sqlite3.Connection) -> None:
    """Count each entity's mentions and the documents they are in, from the links."""
    conn.execute("UPDATE entities SET mentions = 0, documents = 0")
    conn.execute(
        "WITH c AS (SELECT em.entity_id AS id, count(*) AS n, count(DISTINCT m.doc_id) AS d "
        "FROM entity_mentions em JOIN mentions m ON m.id = em.mention_id "
        "GROUP BY em.entity_id) "
        "UPDATE entities SET mentions = c.n, documents = c.d FROM c WHERE c.id = entities.id"
    )


def replace_story_views(conn: sqlite3.Connection, views: Mapping[str, str]) -> None:
    """Replace every stored whole-story view (name → JSON) with ``views``, marked with the
    current documents state."""
    current = documents_state(conn)
    conn.execute("DELETE FROM story_views")
    conn.executemany(
        "INSERT INTO story_views(name, state, value) VALUES (?, ?, ?)",
        [(name, current, value) for name, value in sorted(views.items())],
    )


def story_view(conn: sqlite3.Connection, name: str) -> str | None:
    """The stored view ``name`` (JSON) if it was made for the documents stored now."""
    row = conn.execute("SELECT state, value FROM story_views WHERE name = ?", (name,)).fetchone()
    if row is None or row[0] != documents_state(conn):
        return None
    return str(row[1])
