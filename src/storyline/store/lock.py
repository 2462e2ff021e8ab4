"""One long-running writer per database: an advisory lock on the database file itself.

SQLite serialises single transactions, but ``storyline watch`` holds the database for
hours and keeps state between polls (validators, pending documents): two watchers on one
file would fetch the same articles twice and split one change set in two. The lock is an
``flock`` on the database file (SQLite's own locks are POSIX byte-range locks, which
``flock`` does not touch on Linux), taken without waiting; the operating system releases
it when the process ends, however it ends, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storyline.errors import WatchLocked

try:  # not on Windows, where the lock is not taken
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]


@contextmanager
def writer_lock(path: Path, command: str) -> Iterator[None]:
    """Hold the long-running writer's lock on ``path`` for the block, or raise WatchLocked."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise WatchLocked(
                    f"{path}: another '{command}' is already writing to this database (one "
                    "writer at a time); stop it first, or give this one another --db"
                ) from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
