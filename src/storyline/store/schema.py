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
    # version 2: quotes, stances, figures, times, event mentions (per document) and the
    # cross-document views built from them: positions, figure groups, events
    """
    CREATE TABLE quotes (
        id            TEXT PRIMARY KEY,
        doc_id        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start         INTEGER NOT NULL,
        end           INTEGER NOT NULL,
        text          TEXT NOT NULL,     -- the quoted words, without quote marks
        direct        INTEGER NOT NULL,  -- 1: in quote marks; 0: reported speech
        speaker_text  TEXT,              -- the speaker as written next to the quote
        speaker_start INTEGER,           -- offsets of the mention naming the speaker
        speaker_end   INTEGER,
        cue           TEXT
    );
    CREATE INDEX quotes_doc ON quotes(doc_id, start);

    CREATE TABLE stances (
        id           TEXT PRIMARY KEY,
        doc_id       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start        INTEGER NOT NULL,   -- the evidence
        end          INTEGER NOT NULL,
        holder_text  TEXT NOT NULL,
        polarity     TEXT NOT NULL CHECK (polarity IN ('support', 'oppose')),
        target       TEXT NOT NULL,
        target_start INTEGER NOT NULL,
        target_end   INTEGER NOT NULL,
        cue          TEXT NOT NULL
    );
    CREATE INDEX stances_doc ON stances(doc_id, start);
    CREATE TABLE stance_holders (
        stance_id TEXT NOT NULL REFERENCES stances(id) ON DELETE CASCADE,
        start     INTEGER NOT NULL,      -- offsets of the holder's mention
        end       INTEGER NOT NULL,
        PRIMARY KEY (stance_id, start, end)
    );

    CREATE TABLE figures (
        id       TEXT PRIMARY KEY,
        doc_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start    INTEGER NOT NULL,
        end      INTEGER NOT NULL,
        text     TEXT NOT NULL,
        value    REAL NOT NULL,          -- in base units of unit
        unit     TEXT NOT NULL,
        subject  TEXT,
        kind     TEXT,                   -- actual, target, forecast, estimate
        period   TEXT,                   -- ISO 8601 prefix
        hedge    TEXT,                   -- around, more than, nearly…
        duration TEXT,                   -- over the next 10 years…
        rate     TEXT                    -- annually, per day…
    );
    CREATE INDEX figures_doc ON figures(doc_id, start);

    CREATE TABLE times (
        id     TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start  INTEGER NOT NULL,
        end    INTEGER NOT NULL,
        text   TEXT NOT NULL,
        value  TEXT,                     -- ISO 8601 prefix, or NULL when unresolved
        anchor TEXT                      -- the date a relative expression was resolved against
    );
    CREATE INDEX times_doc ON times(doc_id, start);

    CREATE TABLE event_mentions (
        id          TEXT PRIMARY KEY,
        doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        type        TEXT NOT NULL,       -- PLOVER category
        trigger     TEXT NOT NULL,
        label       TEXT NOT NULL,
        date        TEXT,
        place_start INTEGER,
        place_end   INTEGER
    );
    CREATE INDEX event_mentions_doc ON event_mentions(doc_id, start);
    CREATE TABLE event_mention_participants (
        event_mention_id TEXT NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
        start            INTEGER NOT NULL,
        end              INTEGER NOT NULL,
        PRIMARY KEY (event_mention_id, start, end)
    );

    -- cross-document views, rebuilt after each run
    CREATE TABLE positions (
        id            TEXT PRIMARY KEY,
        polarity      TEXT NOT NULL,
        target        TEXT NOT NULL,
        target_entity TEXT
    );
    CREATE TABLE position_holders (
        position_id TEXT NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
        entity_id   TEXT NOT NULL,
        PRIMARY KEY (position_id, entity_id)
    );
    CREATE TABLE position_stances (
        position_id TEXT NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
        stance_id   TEXT NOT NULL REFERENCES stances(id) ON DELETE CASCADE,
        PRIMARY KEY (position_id, stance_id)
    );
    CREATE TABLE figure_groups (
        id      TEXT PRIMARY KEY,
        label   TEXT NOT NULL,
        subject TEXT NOT NULL,
        period  TEXT,
        kind    TEXT,
        unit    TEXT NOT NULL,
        agree   INTEGER NOT NULL
    );
    CREATE TABLE figure_group_members (
        group_id  TEXT NOT NULL REFERENCES figure_groups(id) ON DELETE CASCADE,
        figure_id TEXT NOT NULL REFERENCES figures(id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, figure_id)
    );
    CREATE TABLE events (
        id    TEXT PRIMARY KEY,
        type  TEXT NOT NULL,
        label TEXT NOT NULL,
        date  TEXT,
        place TEXT                       -- entity id
    );
    CREATE TABLE event_participants (
        event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL,
        PRIMARY KEY (event_id, entity_id)
    );
    CREATE TABLE event_links (
        event_id         TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        event_mention_id TEXT NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
        PRIMARY KEY (event_id, event_mention_id)
    );
    """,
    # version 3: a date inferred for an undated document from other articles about the
    # same event (relative expressions are resolved against it), and the time expression
    # that dates an event mention
    """
    ALTER TABLE documents ADD COLUMN inferred_date TEXT;
    ALTER TABLE documents ADD COLUMN inferred_from TEXT;
    ALTER TABLE event_mentions ADD COLUMN time_start INTEGER;
    ALTER TABLE event_mentions ADD COLUMN time_end INTEGER;
    """,
    # version 4: independent reports — copies of one syndicated or republished article
    # (cross-document, rebuilt after each run) and each document's MinHash signature, kept
    # so a run compares new documents without reading every stored text again
    """
    CREATE TABLE document_signatures (
        doc_id    TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        shingles  INTEGER NOT NULL,      -- how many distinct word 5-grams the text has
        signature BLOB NOT NULL,         -- MinHash: little-endian uint32 values
        credit    TEXT,                  -- the news agency the text credits (AP, Reuters…)
        credit_evidence TEXT             -- the words that credit it: "(AP)", "/TASS/"
    );
    CREATE TABLE reports (
        id              TEXT PRIMARY KEY,
        lead            TEXT NOT NULL,   -- the document that stands for the report
        origin          TEXT,            -- the wire or first publisher
        origin_evidence TEXT,            -- the words or field that say so
        copies          INTEGER NOT NULL -- how many documents carry it
    );
    CREATE TABLE report_documents (
        doc_id     TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        report_id  TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        similarity REAL NOT NULL         -- word 5-gram overlap with the lead (1 for the lead)
    );
    CREATE INDEX report_documents_report ON report_documents(report_id);
    """,
    # version 5: cleaning mode — how ingest cleaned each document's text: full (scraped
    # page or text), light (already extracted text), none (as given); NULL before
    """
    ALTER TABLE documents ADD COLUMN cleaning TEXT;
    """,
    # version 6: figure place — the places a figure's clause names, and the place its group
    # measures (figures for different places never share a group)
    """
    ALTER TABLE figures ADD COLUMN place TEXT;
    ALTER TABLE figure_groups ADD COLUMN place TEXT;
    """,
    # version 7: watching feeds and sitemaps (storyline watch) — each watched source's HTTP
    # validators and health, every article URL seen (canonical, tracking parameters
    # stripped), and the change sets each poll that added articles stored, with evidence
    """
    CREATE TABLE watch_sources (
        url           TEXT PRIMARY KEY,  -- a feed, sitemap or sitemap index URL
        kind          TEXT,              -- rss, atom, sitemap, sitemapindex (NULL: not read yet)
        parent        TEXT,              -- the sitemap index that listed it, or NULL
        etag          TEXT,
        last_modified TEXT,
        last_checked  TEXT,
        last_success  TEXT,
        last_status   INTEGER,           -- HTTP status of the last answer (304: not modified)
        failures      INTEGER NOT NULL DEFAULT 0,  -- failed polls in a row
        last_error    TEXT
    );
    CREATE TABLE watch_articles (
        url        TEXT PRIMARY KEY,     -- canonical URL (tracking parameters stripped)
        feed       TEXT NOT NULL,        -- the watched source that first listed it
        doc_id     TEXT,                 -- the document it gave (NULL while not stored)
        status     TEXT NOT NULL CHECK (status IN ('pending', 'stored', 'failed', 'done')),
        attempts   INTEGER NOT NULL DEFAULT 0,
        reason     TEXT,                 -- why it failed or was not stored
        seen_at    TEXT NOT NULL
    );
    CREATE INDEX watch_articles_feed ON watch_articles(feed);
    CREATE INDEX watch_articles_doc ON watch_articles(doc_id);
    CREATE TABLE change_sets (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL,         -- when the poll finished
        articles  INTEGER NOT NULL       -- articles the poll added
    );
    CREATE TABLE changes (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        set_id    INTEGER NOT NULL REFERENCES change_sets(id) ON DELETE CASCADE,
        kind      TEXT NOT NULL,         -- new_actor, new_position, changed_position,
                                         -- contradicting_figure, new_event, event_dated,
                                         -- event_redated, new_report
        subject   TEXT NOT NULL,         -- the entity, position, figure group or event id
        summary   TEXT NOT NULL
    );
    CREATE INDEX changes_set ON changes(set_id);
    CREATE TABLE change_evidence (
        change_id INTEGER NOT NULL REFERENCES changes(id) ON DELETE CASCADE,
        doc_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start     INTEGER NOT NULL,
        end       INTEGER NOT NULL,
        role      TEXT NOT NULL DEFAULT 'new'  -- new: what this poll brought; before: what it
                                                -- changes or contradicts
    );
    CREATE INDEX change_evidence_change ON change_evidence(change_id);
    CREATE INDEX change_evidence_doc ON change_evidence(doc_id);
    """,
    # version 8: a digest of each input as read (content, given metadata, and the ingest
    # code and stage chain), so a re-run skips cleaning and analysing unchanged inputs
    """
    ALTER TABLE document_sources ADD COLUMN input_digest TEXT;
    """,
    # version 9: every quantity — what a figure measures (money, length, age…), its unit as
    # written, range bounds, normalised hedge, stated change, counted noun, and whether the
    # story views keep to it (figures stored before: NULL, salient)
    """
    ALTER TABLE figures ADD COLUMN measure TEXT;
    ALTER TABLE figures ADD COLUMN unit_text TEXT;
    ALTER TABLE figures ADD COLUMN low REAL;
    ALTER TABLE figures ADD COLUMN high REAL;
    ALTER TABLE figures ADD COLUMN qualifier TEXT;
    ALTER TABLE figures ADD COLUMN direction TEXT;
    ALTER TABLE figures ADD COLUMN counted TEXT;
    ALTER TABLE figures ADD COLUMN salient INTEGER NOT NULL DEFAULT 1;
    """,
    # version 10: inferred event dates — an event mention dated from its report's
    # publication day or placed by a weekday and the clause's tense, and an event no
    # report dates, say so (date_inferred 1) and by which rule (date_rule)
    """
    ALTER TABLE event_mentions ADD COLUMN date_inferred INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE event_mentions ADD COLUMN date_rule TEXT;
    ALTER TABLE events ADD COLUMN date_inferred INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE events ADD COLUMN date_rule TEXT;
    """,
    # version 11: the read model's stored views — what is costly over the whole story is
    # computed when resolution runs and read back in milliseconds: each entity's number of
    # mentions and of documents (lists ranked by an index), and whole-story views (the
    # brief, the actor graph) as JSON, each with the documents state it was made for
    """
    ALTER TABLE entities ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE entities ADD COLUMN documents INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX entities_rank ON entities(mentions DESC, name, id);
    CREATE INDEX entities_type_rank ON entities(type, mentions DESC, name, id);
    WITH c AS (SELECT em.entity_id AS id, count(*) AS n, count(DISTINCT m.doc_id) AS d
               FROM entity_mentions em JOIN mentions m ON m.id = em.mention_id
               GROUP BY em.entity_id)
    UPDATE entities SET mentions = c.n, documents = c.d FROM c WHERE c.id = entities.id;
    CREATE TABLE story_views (
        name  TEXT PRIMARY KEY,          -- brief, graph:60, …
        state TEXT NOT NULL,             -- the documents state it was computed for
        value TEXT NOT NULL              -- JSON
    );
    """,
    # version 12: how each quote's speaker was found (name, apposition, title, description,
    # pronoun, turn, office_holder, collective; NULL without a speaker or before)
    """
    ALTER TABLE quotes ADD COLUMN speaker_via TEXT;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
