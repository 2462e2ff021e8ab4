"""Whole-story results that take long on big databases (the brief, the actor graph), kept
until the database changes.

:meth:`SlowResults.get` computes a result during the request on a small database and in a
separate worker process on a big one, so no page waits for it (and, being another process,
it does not slow the server's own threads down): until it is ready the page says that it is
being prepared. :meth:`SlowResults.cached` always computes during the request and keeps
the result.

A job is a module-level function of the database path (or a :func:`functools.partial` of
one), so it can run in the worker process.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

from storyline.store import StoreReader

INLINE_DOCUMENTS = 300
"""Up to this many documents :meth:`SlowResults.get` computes during the request."""

Job = Callable[[Path], Any]
Signature = tuple[int, ...]


def signature(db: Path) -> Signature:
    """Changes whenever a writer commits: size and mtime of the file and its WAL."""
    out: list[int] = []
    for path in (db, db.with_name(db.name + "-wal")):
        try:
            st = path.stat()
            out += [st.st_mtime_ns, st.st_size]
        except OSError:
            out += [0, 0]
    return tuple(out)


def brief_job(db: Path, length: int) -> Any:
    """The story's brief (:func:`storyline.story_views.stored.story_brief`)."""
    from storyline.story_views.stored import story_brief

    with StoreReader(db) as reader:
        return story_brief(reader, length=length)


def brief(length: int) -> Job:
    return partial(brief_job, length=length)


def story_brief(slow: SlowResults, reader: StoreReader, length: int) -> tuple[bool, Any]:
    """The whole-story brief as :meth:`SlowResults.get` gives it: read at once when the
    brief stored at resolution is current (:mod:`storyline.story_views.stored`), else
    computed as a slow result."""
    from storyline.story_views import stored

    if length <= stored.BRIEF_LINES and stored.stored_brief_ready(reader):
        return True, stored.story_brief(reader, length)
    return slow.get(reader, f"brief:{length}", brief(length))


def story_graph(slow: SlowResults, reader: StoreReader, nodes: int) -> Any:
    """The actor graph: the one stored at resolution when current, else computed and kept."""
    from storyline.story_views import stored

    return slow.cached(reader, f"graph:{nodes}", lambda r: stored.story_graph(r, nodes))


@dataclass
class SlowResults:
    """Results by name, each with the database signature it was computed for."""

    db: Path
    inline_documents: int = INLINE_DOCUMENTS
    done: dict[str, tuple[Signature, Any]] = field(default_factory=dict)
    running: dict[str, Signature] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    pool: Pool | None = None

    def _hit(self, name: str, sig: Signature) -> tuple[bool, Any]:
        with self.lock:
            hit = self.done.get(name)
            if hit is not None and hit[0] == sig:
                return True, hit[1]
        return False, None

    def get(self, reader: StoreReader, name: str, job: Job) -> tuple[bool, Any]:
        """(True, result) when ready (result None if the job failed, see ``errors``);
        (False, None) while the worker process computes it."""
        sig = signature(self.db)
        found, value = self._hit(name, sig)
        if found:
            return True, value
        if reader.counts()["documents"] <= self.inline_documents:
            value = job(self.db)
            with self.lock:
                self.done[name] = (sig, value)
            return True, value
        with self.lock:
            if self.running.get(name) != sig:
                self.running[name] = sig
                if self.pool is None:
                    self.pool = multiprocessing.get_context("spawn").Pool(1)
                self.pool.apply_async(
                    job,
                    (self.db,),
                    callback=partial(self._finished, name, sig),
                    error_callback=partial(self._failed, name, sig),
                )
        return False, None

    def cached(self, reader: StoreReader, name: str, compute: Callable[[StoreReader], Any]) -> Any:
        """Computed during the request, then kept until the database changes."""
        sig = signature(self.db)
        found, value = self._hit(name, sig)
        if found:
            return value
        value = compute(reader)
        with self.lock:
            self.done[name] = (sig, value)
        return value

    def _finished(self, name: str, sig: Signature, value: Any) -> None:
        with self.lock:
            self.done[name] = (sig, value)
            if self.running.get(name) == sig:
                self.running.pop(name)

    def _failed(self, name: str, sig: Signature, error: BaseException) -> None:
        with self.lock:  # a failed job must not take the server down: no result, say why
            self.errors[name] = f"{type(error).__name__}: {error}"
        self._finished(name, sig, None)

    def close(self) -> None:
        """Stop the worker process at once (at server shutdown), even mid-job."""
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
