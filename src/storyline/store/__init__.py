"""The story database: one SQLite file. All SQL lives in :mod:`storyline.store.store`."""

from storyline.store.store import StoredDocument, StoreReader, StoreWriter

__all__ = ["StoreReader", "StoreWriter", "StoredDocument"]
