"""Per-document work in worker processes, results back in input order.

``analyze --workers N`` runs ingest (clean, metadata, language), the NLP backbone and
every stage in N processes; the calling process stays the one writer of the store.
Inputs stream: at most ``2 × N`` batches are in flight, so memory stays flat however
long the input is. Each worker loads the spaCy pipeline once, on its first document that
needs it, and opens the store read-only to skip documents stored by the same chain.

Stopping: when the writer stops early (Ctrl-C, SIGTERM, SIGHUP, an error), the batches in
the workers are not wanted any more, so the workers are terminated at once and reaped
rather than waited for. Workers ignore SIGINT and SIGHUP, which a terminal sends to the
whole process group: the writer handles them and stops the workers itself. A worker also
ends by itself when the writer process is gone (killed with SIGKILL, say), so it never
runs on as an orphan.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import multiprocessing.process
import os
import queue
import signal
import threading
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import resource_tracker
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from storyline.document import Analysis, Document, RawArticle, Skipped
from storyline.engines.loader import needs_analysis, pipeline_for
from storyline.errors import StorylineError

Prepared = Document | Skipped
Result = tuple[Prepared, Analysis | None]
# what crosses the process boundary (Analysis holds a read-only mapping, which does not
# pickle): the prepared input and, when it was analysed, its layers
_Wire = tuple[Prepared, dict[str, tuple[object, ...]] | None]


@dataclass(frozen=True, slots=True)
class _Settings:
    db: str
    sig: str
    batch_size: int


class _Worker:
    """The state of one worker process: settings, the read-only store, the stage chain."""

    def __init__(self, settings: _Settings) -> None:
        from storyline.stages import default_chain
        from storyline.store import StoreReader

        self.settings = settings
        self.specs = default_chain()
        self.reader = StoreReader(settings.db)

    def run(self, batch: list[RawArticle | Skipped]) -> list[_Wire]:
        from storyline.engines.local import analyse_documents
        from storyline.ingest import prepare

        prepared: list[Prepared] = [
            item if isinstance(item, Skipped) else prepare(item) for item in batch
        ]
        todo = [
            p
            for p in prepared
            if isinstance(p, Document)
            and needs_analysis(p, self.reader.stored_pipeline(p.id), self.settings.sig)
        ]
        layers: dict[int, dict[str, tuple[object, ...]]] = {}
        failed: dict[int, Skipped] = {}  # a stage raised on the document: it is skipped
        if todo:
            for doc, analysis in zip(
                todo,
                analyse_documents(todo, self.specs, batch_size=self.settings.batch_size),
                strict=True,
            ):
                if isinstance(analysis, Skipped):
                    failed[id(doc)] = analysis
                else:
                    layers[id(doc)] = dict(analysis.layers)
        return [(failed.get(id(p), p), layers.get(id(p))) for p in prepared]


_WORKER: _Worker | None = None


def _start(settings: _Settings) -> None:
    global _WORKER
    # Ctrl-C and a closed terminal reach the whole process group: the writer's to handle
    for name in ("SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(
            target=_end_with, args=(parent,), name="storyline-parent-watch", daemon=True
        ).start()
    _WORKER = _Worker(settings)


def _end_with(parent: multiprocessing.process.BaseProcess) -> None:
    """End this worker as soon as the writer process is gone, whatever it was doing.

    The parent's sentinel (its end of the pipe multiprocessing started this process
    with) becomes ready when the parent exits, however it exits.
    """
    multiprocessing.connection.wait([parent.sentinel])
    os._exit(1)


def _run(batch: list[RawArticle | Skipped]) -> list[_Wire]:
    assert _WORKER is not None, "worker used before its initializer ran"
    return _WORKER.run(batch)


def _batches(
    items: Iterable[RawArticle | Skipped], size: int
) -> Iterator[list[RawArticle | Skipped]]:
    batch: list[RawArticle | Skipped] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyse_in_workers(
    items: Iterable[RawArticle | Skipped],
    *,
    db: str | Path,
    sig: str,
    workers: int,
    batch_size: int,
) -> Generator[Result, None, None]:
    """Prepare and analyse ``items`` in ``workers`` processes; yield results in input order.

    A prepared document comes back with its analysis when a worker found it needs one
    (see :func:`~storyline.engines.loader.needs_analysis`), else with None.
    """
    settings = _Settings(str(db), sig, batch_size)
    context = multiprocessing.get_context("spawn")
    with _terminal_signals_blocked():
        resource_tracker.ensure_running()
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_start, initargs=(settings,)
        )
    window: deque[Future[list[_Wire]]] = deque()
    finished = False
    try:
        for batch in _batches(items, batch_size):
            with _terminal_signals_blocked():  # the first submissions start the workers
                window.append(pool.submit(_run, batch))
            if len(window) >= 2 * workers:
                yield from _unwire(window.popleft().result(), sig)
        while window:
            yield from _unwire(window.popleft().result(), sig)
        finished = True
    except BrokenProcessPool as exc:
        raise StorylineError(
            f"a worker process died ({exc}); every document stored so far is complete: "
            "run the same command again, with --workers 1 to see the error in this process"
        ) from exc
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:  # interrupted, failed, or the consumer closed this generator early
            stop_workers(pool)


@contextmanager
def _terminal_signals_blocked() -> Iterator[None]:
    """Block SIGINT and SIGHUP in this thread while it starts processes.

    A terminal sends them to the whole process group; the writer handles them for every
    process of the run. The processes started meanwhile (multiprocessing's resource
    tracker, the workers) inherit the block and so never act on them, not even before
    their own set-up runs; here a signal that arrives meanwhile is acted on once the
    block ends.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    wanted = {getattr(signal, name) for name in ("SIGINT", "SIGHUP") if hasattr(signal, name)}
    before = signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's worker processes mid-batch, cancel what is queued, reap them.

    Their results are not wanted any more, so waiting for the batches in hand (or for the
    NLP model a worker is still loading) would only delay the stop.
    """
    # ProcessPoolExecutor.terminate_workers() came with Python 3.14; before it the worker
    # processes are only reachable through the pool's table of them
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
    for process in processes:
        process.join()


def _unwire(wired: list[_Wire], sig: str) -> Iterator[Result]:
    for prepared, layers in wired:
        if layers is None or isinstance(prepared, Skipped):
            yield prepared, None
        else:
            yield (
                prepared,
                Analysis(prepared, MappingProxyType(layers), pipeline_for(prepared, sig)),
            )


T = TypeVar("T")


def prefetched(items: Iterable[T], depth: int) -> Iterator[T]:
    """Yield ``items`` while a thread produces the next ``depth`` of them.

    The one-process run prepares (reads, cleans, detects the language of) the next
    articles in this thread while the NLP backbone parses the current batch: spaCy's
    matrix products release the GIL, so ingest mostly fits into that time. An error in
    the thread is raised here; closing the generator stops the thread.
    """
    box: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=max(1, depth))
    stop = threading.Event()

    def put(entry: tuple[str, Any]) -> bool:
        while not stop.is_set():
            try:
                box.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(("item", item)):
                    return
            put(("end", None))
        except BaseException as exc:  # handed to the consumer, which raises it
            put(("error", exc))

    thread = threading.Thread(target=produce, name="storyline-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = box.get()
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()


def worker_count(requested: int | None) -> int:
    """The number of worker processes: as asked, or one per core the process may use."""
    if requested is not None:
        return max(1, requested)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, multiprocessing.cpu_count())
