"""The story database: one SQLite file. All SQL lives in this package: the writer in
:mod:`storyline.store.store`, the reader in :mod:`storyline.store.reader`, the queries of
each view beside them."""

from storyline.store.reader import StoreReader
from storyline.store.store import StoredDocument, StoreWriter

__all__ = ["StoreReader", "StoreWriter", "StoredDocument"]
