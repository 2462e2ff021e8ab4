"""The Spark engine in local mode (``local[2]``) against the local engine, on one small corpus.

One test function on purpose: it starts one JVM and one Spark session (seconds of
start-up, and the executors load spaCy), then checks everything on it in order.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from storyline.engines import local
from storyline.engines.spark import analyze_spark, spark_session
from storyline.export.json_export import build_export
from storyline.store import StoreReader
from tests.e2e.conftest import run_cli
from tests.engine.articles import FJORD_POST, NORTH_WIRE, corpus, write

pytestmark = [pytest.mark.slow, pytest.mark.spark]


def story(db: Path) -> dict[str, Any]:
    with StoreReader(db) as reader:
        return build_export(reader)


def need_spark() -> None:
    missing = [
        what
        for what, ok in (
            ("PySpark (make setup installs it)", importlib.util.find_spec("pyspark") is not None),
            ("Java 17+ (make setup installs openjdk-17-jre-headless)", bool(shutil.which("java"))),
        )
        if not ok
    ]
    if missing:
        message = "the Spark engine tests need " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def test_spark_engine_builds_the_story_the_local_engine_builds(tmp_path: Path) -> None:
    need_spark()
    folder = corpus(tmp_path / "in")
    session = spark_session("local[2]", "storyline-tests")
    try:
        results = str(tmp_path / "results.parquet")
        spark_db, local_db = tmp_path / "spark.db", tmp_path / "local.db"

        on_spark = analyze_spark(
            [str(folder)], spark_db, session=session, parquet=results, batch_size=2
        )
        on_local = local.analyze([str(folder)], local_db)

        for field in ("analysed", "unchanged", "duplicates", "not_analysed", "skipped"):
            assert getattr(on_spark, field) == getattr(on_local, field), field
        assert len(on_spark.analysed) == 4 and on_spark.entities == on_local.entities
        exported_spark, exported_local = story(spark_db), story(local_db)
        for section in exported_local:
            assert exported_spark[section] == exported_local[section], section

        # one Parquet row per input, the analysed ones with their layers
        rows = session.read.parquet(results).collect()
        kinds = sorted(r["kind"] for r in rows)
        assert kinds.count("analysed") == 5  # four articles and the duplicate copy
        assert {r["doc_id"] for r in rows if r["kind"] == "analysed"} == {
            d["id"] for d in exported_local["documents"] if d["status"] == "analysed"
        }

        # again on the same database: executors skip what is stored, nothing changes
        again = analyze_spark([str(folder)], spark_db, session=session, parquet=results)
        assert not again.analysed and len(again.unchanged) == 5
        assert "analysed" not in {r["kind"] for r in session.read.parquet(results).collect()}
        assert story(spark_db) == exported_spark

        # a URI that Spark lists and reads itself, as on a cluster with S3 or HDFS
        remote = tmp_path / "remote"
        write(remote / "a" / "fjord.txt", FJORD_POST)
        write(remote / "north.txt", NORTH_WIRE)
        uri_db = tmp_path / "uri.db"
        # (cleaned light, as text already extracted: the mode reaches the executors)
        by_uri = analyze_spark(
            [remote.as_uri()], uri_db, session=session, parquet=results, clean="light"
        )
        assert len(by_uri.analysed) == 2
        assert all(s.startswith("file:") for s in by_uri.analysed)
        expected = tmp_path / "expected.db"
        local.analyze([str(remote)], expected, clean="light")
        got, want = story(uri_db), story(expected)
        assert {d["cleaning"] for d in got["documents"]} == {"light"}
        assert {d["id"] for d in got["documents"]} == {d["id"] for d in want["documents"]}
        assert got["entities"] == want["entities"] and got["events"] == want["events"]
    finally:
        session.stop()

    # the command line, which starts and stops a session of its own
    cli_db = tmp_path / "cli.db"
    result = run_cli(
        "analyze", str(remote), "--db", str(cli_db), "-q", "--engine", "spark",
        "--spark-master", "local[2]", "--parquet", str(tmp_path / "cli.parquet"),
        "--clean", "light",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "2 analysed" in result.output
    assert story(cli_db) == story(expected)
