"""Stopping ``storyline analyze --workers 2`` with signals, as a real process on a real
corpus: SIGTERM (``kill``), SIGHUP and SIGINT (a terminal, to the whole process group)
stop it the same way, keep every completed document whole, leave no process behind and
exit with 128 + the signal; killing it outright (SIGKILL) takes the workers down too."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.engine.processes import (
    Run,
    alive,
    descendants,
    news_corpus,
    per_document_rows,
    running,
    send,
    start,
    stored_documents,
    wait_until,
    workers_of,
)

pytestmark = pytest.mark.slow

ARTICLES = 160  # enough that a run is still going when its first documents are stored
STARTUP = 300.0  # seconds a run may take to store its first documents (2 loaded cores)
STOPPING = 30.0  # seconds a signalled run may take to exit and its processes to go


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return news_corpus(tmp_path_factory.mktemp("corpus"), ARTICLES)


@pytest.fixture(scope="module")
def full_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database of one uninterrupted run over the corpus."""
    tmp = tmp_path_factory.mktemp("full")
    db = tmp / "full.db"
    run = start(tmp, "analyze", str(corpus), "--db", str(db), "--workers", "2", "--quiet")
    assert run.proc.wait(timeout=600) == 0, run.output()
    assert f"{ARTICLES} analysed" in run.output()[0]
    return db


def start_and_wait_for_documents(corpus: Path, db: Path, tmp: Path, workers: int = 2) -> Run:
    run = start(tmp, "analyze", str(corpus), "--db", str(db), "--workers", str(workers), "-q")
    try:
        wait_until(
            lambda: stored_documents(db) > 0 or run.proc.poll() is not None,
            STARTUP,
            "the first stored documents",
        )
    except AssertionError:
        run.proc.kill()
        run.proc.wait()
        raise
    assert run.proc.poll() is None, f"the run ended before it could be stopped: {run.output()}"
    return run


def assert_complete_documents(db: Path, full: Path) -> int:
    """Every document the stopped run stored has exactly the rows the full run gave it."""
    stopped, whole = per_document_rows(db), per_document_rows(full)
    assert 0 < len(stopped) < ARTICLES
    for doc, rows in stopped.items():
        assert rows == whole[doc], doc
        assert rows.get("sentences", 0) > 0 and rows.get("mentions", 0) > 0, rows
    return len(stopped)


def stop(
    run: Run, db: Path, full: Path, sig: signal.Signals, *, group: bool, workers: int = 2
) -> int:
    """Send ``sig`` to a run storing documents; check that it stops as Ctrl-C stops it:
    exit code, message, no process left (workers reaped), every stored document whole.
    Returns how many documents it kept."""
    below = descendants(run.proc.pid)
    assert len(workers_of(run.proc.pid)) == workers, below

    send(run, sig, group=group)
    code = run.proc.wait(timeout=STOPPING)
    assert code == 128 + sig, run.output()
    err = run.output()[1]
    named = "interrupted:" if sig == signal.SIGINT else f"interrupted by {sig.name}:"
    assert named in err and "run the same command again to finish" in err, err
    assert "Traceback" not in err and "Error" not in err, err
    wait_until(lambda: not any(running(p) for p in below), STOPPING, "every child to go")
    return assert_complete_documents(db, full)


def test_sigterm_stops_the_run_and_the_same_command_finishes_it(
    corpus: Path, full_run: Path, tmp_path: Path
) -> None:
    db = tmp_path / "story.db"
    run = start_and_wait_for_documents(corpus, db, tmp_path)
    kept = stop(run, db, full_run, signal.SIGTERM, group=False)  # kill PID

    again = start(tmp_path, "analyze", str(corpus), "--db", str(db), "--workers", "2", "-q")
    assert again.proc.wait(timeout=600) == 0, again.output()
    summary = again.output()[0]
    assert f"{ARTICLES - kept} analysed" in summary and f"{kept} unchanged" in summary, summary
    assert per_document_rows(db) == per_document_rows(full_run)
    assert stored_documents(db) == stored_documents(full_run) == ARTICLES


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGINT], ids=["SIGHUP", "SIGINT"])
def test_a_terminal_signal_to_the_process_group_stops_the_run_the_same_way(
    corpus: Path, full_run: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    # a closed terminal (SIGHUP) and Ctrl-C (SIGINT) reach the writer and its workers
    db = tmp_path / "story.db"
    run = start_and_wait_for_documents(corpus, db, tmp_path)
    stop(run, db, full_run, sig, group=True)


def test_sigterm_stops_a_run_in_one_process_the_same_way(
    corpus: Path, full_run: Path, tmp_path: Path
) -> None:
    db = tmp_path / "story.db"
    run = start_and_wait_for_documents(corpus, db, tmp_path, workers=1)
    stop(run, db, full_run, signal.SIGTERM, group=False, workers=0)


def test_workers_end_when_the_writer_is_killed(
    corpus: Path, full_run: Path, tmp_path: Path
) -> None:
    db = tmp_path / "story.db"
    run = start_and_wait_for_documents(corpus, db, tmp_path)
    workers = workers_of(run.proc.pid)
    assert len(workers) == 2

    run.proc.kill()  # SIGKILL: no handler runs, nothing is cleaned up by the writer
    assert run.proc.wait(timeout=STOPPING) == -signal.SIGKILL
    # orphaned, each worker notices that its parent is gone and exits (init reaps it)
    wait_until(lambda: not any(alive(w) for w in workers), STOPPING, "the orphaned workers to exit")
    # the open group of writes is lost, never half a document
    if stored_documents(db):
        assert_complete_documents(db, full_run)
