"""Whole-story results: inline on small databases, in the background on big ones, and
computed again after the database changes."""

from __future__ import annotations

import time
from pathlib import Path

from storyline.store import StoreReader, StoreWriter
from storyline.web.slow import SlowResults
from tests.web.storydb import build_empty_db


def wait_ready(slow: SlowResults, reader: StoreReader, name: str, compute: object) -> object:
    for _ in range(400):  # bounded: about 20 s at most
        ready, value = slow.get(reader, name, compute)  # type: ignore[arg-type]
        if ready:
            return value
        time.sleep(0.05)
    raise AssertionError("the background result never came")


def test_small_databases_compute_inline_and_keep_the_result(tmp_path: Path) -> None:
    db = build_empty_db(tmp_path)
    slow = SlowResults(db)
    calls: list[int] = []
    with StoreReader(db) as reader:
        assert slow.get(reader, "x", lambda r: calls.append(1) or len(calls)) == (True, 1)
        assert slow.get(reader, "x", lambda r: calls.append(1) or len(calls)) == (True, 1)
    assert calls == [1]


def test_big_databases_compute_in_the_background_and_again_after_a_change(
    tmp_path: Path,
) -> None:
    db = build_empty_db(tmp_path)
    slow = SlowResults(db, inline_documents=-1)
    with StoreReader(db) as reader:
        ready, value = slow.get(reader, "n", lambda r: r.counts()["skipped"])
        assert (ready, value) == (False, None) or ready
        assert wait_ready(slow, reader, "n", lambda r: r.counts()["skipped"]) == 0
        with StoreWriter(db) as writer:
            from storyline.document import Skipped

            writer.record_skipped(Skipped("x.txt", "empty file", "skipped"))
        assert wait_ready(slow, reader, "n", lambda r: r.counts()["skipped"]) == 1


def test_a_failing_result_does_not_break_the_page(tmp_path: Path) -> None:
    db = build_empty_db(tmp_path)
    slow = SlowResults(db, inline_documents=-1)

    def fail(reader: StoreReader) -> None:
        raise ValueError("boom")

    with StoreReader(db) as reader:
        assert wait_ready(slow, reader, "bad", fail) is None
    assert "boom" in slow.errors["bad"]
