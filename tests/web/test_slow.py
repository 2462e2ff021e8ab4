"""Whole-story results: inline on small databases, in a worker process on big ones, and
computed again after the database changes."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from storyline.document import Skipped
from storyline.store import StoreReader, StoreWriter
from storyline.web.slow import SlowResults
from tests.web.storydb import build_empty_db


def skipped_count(db: Path) -> int:
    with StoreReader(db) as reader:
        return reader.counts()["skipped"]


def fail(db: Path) -> None:
    raise ValueError("boom")


def wait_ready(slow: SlowResults, reader: StoreReader, name: str, job: Any) -> object:
    for _ in range(600):  # bounded: about 30 s at most
        ready, value = slow.get(reader, name, job)
        if ready:
            return value
        time.sleep(0.05)
    raise AssertionError("the background result never came")


def test_small_databases_compute_inline_and_keep_the_result(tmp_path: Path) -> None:
    db = build_empty_db(tmp_path)
    slow = SlowResults(db)
    calls: list[Path] = []

    def job(path: Path) -> int:
        calls.append(path)
        return len(calls)

    with StoreReader(db) as reader:
        assert slow.get(reader, "x", job) == (True, 1)
        assert slow.get(reader, "x", job) == (True, 1)
        assert slow.cached(reader, "y", lambda r: r.counts()["documents"]) == 0
    assert calls == [db]


def test_big_databases_compute_in_the_background_and_again_after_a_change(
    tmp_path: Path,
) -> None:
    db = build_empty_db(tmp_path)
    slow = SlowResults(db, inline_documents=-1)
    try:
        with StoreReader(db) as reader:
            assert slow.get(reader, "n", skipped_count) == (False, None)
            assert wait_ready(slow, reader, "n", skipped_count) == 0
            with StoreWriter(db) as writer:
                writer.record_skipped(Skipped("x.txt", "empty file", "skipped"))
            assert wait_ready(slow, reader, "n", skipped_count) == 1
    finally:
        slow.close()


def test_a_failing_result_does_not_break_the_page(tmp_path: Path) -> None:
    db = build_empty_db(tmp_path)
    slow = SlowResults(db, inline_documents=-1)
    try:
        with StoreReader(db) as reader:
            assert wait_ready(slow, reader, "bad", fail) is None
        assert "boom" in slow.errors["bad"]
    finally:
        slow.close()
