"""SIGTERM to ``storyline analyze --engine spark`` while the executors work: the driver
cancels the jobs, stops Spark and exits with 143; the JVM and its Python workers go too."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.engine.processes import descendants, news_corpus, running, start, wait_until
from tests.spark.test_spark_engine import need_spark

pytestmark = [pytest.mark.slow, pytest.mark.spark]


def test_sigterm_stops_the_spark_driver_and_everything_it_started(tmp_path: Path) -> None:
    need_spark()
    corpus = news_corpus(tmp_path / "in", 160)
    db = tmp_path / "story.db"
    run = start(
        tmp_path, "analyze", str(corpus), "--db", str(db), "--engine", "spark",
        "--spark-master", "local[2]", "--quiet",
    )  # fmt: skip

    def executors_busy() -> bool:
        assert run.proc.poll() is None, run.output()
        return any("pyspark.daemon" in p.cmdline for p in descendants(run.proc.pid))

    try:
        wait_until(executors_busy, 300, "Spark's Python workers")
    except AssertionError:
        run.proc.kill()
        run.proc.wait()
        raise
    below = descendants(run.proc.pid)
    assert any("java" in p.cmdline for p in below), below

    run.proc.send_signal(signal.SIGTERM)
    assert run.proc.wait(timeout=120) == 143, run.output()
    assert "interrupted by SIGTERM" in run.output()[1]
    wait_until(lambda: not any(running(p) for p in below), 60, "the JVM and its workers to go")
