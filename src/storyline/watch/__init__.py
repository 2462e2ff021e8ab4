"""Following a story as it develops: ``storyline watch`` and ``storyline changes``.

``feeds`` reads RSS, Atom and sitemaps safely; ``canonical`` makes article URLs
canonical; ``http`` is the polite fetcher; ``poll`` polls sources into the database;
``changes`` says what a poll changed in the story. SQL lives in
:mod:`storyline.store.watch`.
"""
