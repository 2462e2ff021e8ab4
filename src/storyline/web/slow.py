"""Whole-story results that take long on big databases (the brief), kept until the database
changes. On a small database they are computed during the request; on a big one in a
background thread, so a page never waits for them: until the result is ready the page
shows that it is being prepared.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.store import StoreReader

INLINE_DOCUMENTS = 300
"""Up to this many documents a result is computed during the request."""

Compute = Callable[[StoreReader], Any]


def signature(db: Path) -> tuple[int, ...]:
    """Changes whenever a writer commits: size and mtime of the file and its WAL."""
    out: list[int] = []
    for path in (db, db.with_name(db.name + "-wal")):
        try:
            st = path.stat()
            out += [st.st_mtime_ns, st.st_size]
        except OSError:
            out += [0, 0]
    return tuple(out)


@dataclass
class SlowResults:
    """Results by name, each with the database signature it was computed for."""

    db: Path
    inline_documents: int = INLINE_DOCUMENTS
    done: dict[str, tuple[tuple[int, ...], Any]] = field(default_factory=dict)
    running: dict[str, tuple[int, ...]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, reader: StoreReader, name: str, compute: Compute) -> tuple[bool, Any]:
        """(True, result) when ready (result None if computing it failed, see ``errors``);
        (False, None) while a background thread computes it."""
        sig = signature(self.db)
        with self.lock:
            hit = self.done.get(name)
            if hit is not None and hit[0] == sig:
                return True, hit[1]
        if reader.counts()["documents"] <= self.inline_documents:
            value = compute(reader)
            with self.lock:
                self.done[name] = (sig, value)
            return True, value
        with self.lock:
            if self.running.get(name) != sig:
                self.running[name] = sig
                threading.Thread(
                    target=self._background, args=(name, sig, compute), daemon=True
                ).start()
        return False, None

    def _background(self, name: str, sig: tuple[int, ...], compute: Compute) -> None:
        try:
            with StoreReader(self.db) as reader:
                value = compute(reader)
        except Exception as exc:  # a failed brief must not take the server down
            with self.lock:
                self.errors[name] = f"{type(exc).__name__}: {exc}"
                self.done[name] = (sig, None)  # shown as no result, not retried until a change
                self.running.pop(name, None)
            return
        with self.lock:
            self.done[name] = (sig, value)
            if self.running.get(name) == sig:
                self.running.pop(name)
