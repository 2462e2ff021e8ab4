"""The versioned SQLite schema. Each migration brings the database one version up.

Tables are meant to be read by people too (sqlite3, Datasette): one row per thing,
plain column names, offsets as ``start``/``end`` into ``documents.text``.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # version 1: documents, their sources and dates, sentences (+ FTS5), mentions, entities
    """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );

    -- one row per article, keyed by a hash of its clean text
    CREATE TABLE documents (
        id               TEXT PRIMARY KEY,
        source           TEXT NOT NULL,   -- where it was first read from
        url              TEXT,
        title            TEXT,
        outlet           TEXT,
        outlet_origin    TEXT,            -- given, html, url, byline, site-suffix
        authors          TEXT NOT NULL DEFAULT '[]',  -- JSON list of names
        published        TEXT,            -- ISO 8601 prefix
        published_origin TEXT,            -- given, html-metadata, text-cue, url, page-header
        language         TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('analysed', 'not_analysed')),
        status_reason    TEXT,
        pipeline         TEXT NOT NULL,   -- the stage chain that analysed it, e.g. sentences@1,...
        text             TEXT NOT NULL,   -- clean text; every offset points into it
        added_at         TEXT NOT NULL
    );

    -- every input that gave this document (the same article from two files is one document)
    CREATE TABLE document_sources (
        source TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
    );
    CREATE INDEX document_sources_doc ON document_sources(doc_id);

    -- every date the article claims, with where it was read, so a user can judge it
    CREATE TABLE document_dates (
        doc_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        value    TEXT NOT NULL,
        origin   TEXT NOT NULL,
        evidence TEXT NOT NULL,
        PRIMARY KEY (doc_id, value, origin)
    );

    CREATE TABLE sentences (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx    INTEGER NOT NULL,
        start  INTEGER NOT NULL,
        end    INTEGER NOT NULL,
        text   TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE VIRTUAL TABLE sentences_fts USING fts5(
        text, doc_id UNINDEXED, idx UNINDEXED, tokenize = 'porter unicode61'
    );

    -- names of actors as found in each document (per-document work)
    CREATE TABLE mentions (
        id        TEXT PRIMARY KEY,
        doc_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start     INTEGER NOT NULL,
        end       INTEGER NOT NULL,
        text      TEXT NOT NULL,
        label     TEXT NOT NULL,
        name      TEXT NOT NULL,
        kb_id     TEXT,
        canonical TEXT,
        origin    TEXT NOT NULL,
        role      TEXT
    );
    CREATE INDEX mentions_doc ON mentions(doc_id, start);

    -- actors resolved across all documents (cross-document work, rebuilt after each run)
    CREATE TABLE entities (
        id    TEXT PRIMARY KEY,
        name  TEXT NOT NULL,
        type  TEXT NOT NULL,
        kb_id TEXT
    );
    CREATE TABLE entity_aliases (
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        alias     TEXT NOT NULL,
        PRIMARY KEY (entity_id, alias)
    );
    CREATE TABLE entity_mentions (
        mention_id TEXT PRIMARY KEY REFERENCES mentions(id) ON DELETE CASCADE,
        entity_id  TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE
    );
    CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);

    -- inputs that were not analysed, with the reason and what was done
    CREATE TABLE skipped (
        source  TEXT PRIMARY KEY,
        reason  TEXT NOT NULL,
        action  TEXT NOT NULL,
        seen_at TEXT NOT NULL
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
