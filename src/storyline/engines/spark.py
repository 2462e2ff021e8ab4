"""The Spark engine: the per-document pipeline in Spark executors, the story in the driver.

    inputs ──► executors: ingest → prepare → spaCy → stages   (mapPartitions; the model is
                                                              loaded once per Python worker)
           ──► Parquet: one row per input (order keys, source, doc id, kind, result JSON)
           ──► driver: StoryLoader writes the store in input order → resolve_story

Local paths and URLs are read in the driver (as the local engine reads them) and handed
to the executors in chunks; URIs with a scheme (``s3a://``, ``hdfs://``, ``gs://``,
``file://``…) are listed and read by Spark itself, so a cluster reads its own storage.
The driver keeps the SQLite store: every engine loads through the same
:class:`~storyline.engines.loader.StoryLoader`, so the same inputs give the same story.

Run it with ``storyline analyze --engine spark PATH... --db FILE`` or with spark-submit
(see ``docs/scale.md``)::

    spark-submit --master yarn .../storyline/engines/spark.py --db story.db s3a://news/2026/
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import islice
from pathlib import Path
from types import MappingProxyType
from typing import Any

from storyline.clock import Clock
from storyline.document import Analysis, CleanMode, Document, RawArticle, Skipped
from storyline.engines.codec import decode_result, encode_result
from storyline.engines.loader import (
    ProgressCallback,
    RunReport,
    StoryLoader,
    needs_analysis,
    pipeline_for,
)
from storyline.engines.signals import exit_code, stop_on_signals
from storyline.errors import StorylineError

# one Parquet row per input; (input, path, item) orders rows as the inputs were given
RESULT_SCHEMA = (
    "input INT, path STRING, item INT, source STRING, doc_id STRING, kind STRING, result STRING"
)
CHUNK = 2000  # inputs read in the driver go to the executors this many at a time
BATCH_SIZE = 16
_URI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")

Key = tuple[int, str, int]


def is_spark_uri(path: str) -> bool:
    """A path Spark reads itself (``s3a://``, ``hdfs://``, ``file://``…), not an http(s) URL."""
    return bool(_URI.match(path)) and not path.lower().startswith(("http://", "https://"))


# ------------------------------------------------------------------- executors


def _prepare(item: RawArticle | Skipped) -> Document | Skipped:
    from storyline.ingest import prepare

    return item if isinstance(item, Skipped) else prepare(item)


def _analyse_batch(
    rows: list[tuple[Key, RawArticle | Skipped]], sig: str, stored: frozenset[str], batch_size: int
) -> Iterator[tuple[Any, ...]]:
    from storyline.engines.local import analyse_documents
    from storyline.stages import default_chain

    prepared = [(key, _prepare(item)) for key, item in rows]
    todo = [
        p
        for _, p in prepared
        if isinstance(p, Document) and needs_analysis(p, sig if p.id in stored else None, sig)
    ]
    layers: dict[int, dict[str, tuple[object, ...]]] = {}
    failed: dict[int, Skipped] = {}  # a stage raised on the document: it is skipped
    if todo:
        analyses = analyse_documents(todo, default_chain(), batch_size=batch_size)
        for doc, analysis in zip(todo, analyses, strict=True):
            if isinstance(analysis, Skipped):
                failed[id(doc)] = analysis
            else:
                layers[id(doc)] = dict(analysis.layers)
    prepared = [(key, failed.get(id(p), p)) for key, p in prepared]
    for (input_no, path, item), p in prepared:
        got = layers.get(id(p))
        kind = "skipped" if isinstance(p, Skipped) else ("analysed" if got else "prepared")
        doc_id = p.id if isinstance(p, Document) else None
        yield (input_no, path, item, p.source, doc_id, kind, encode_result(p, got))


def analyse_partition(
    rows: Iterable[tuple[Key, RawArticle | Skipped]],
    sig: str,
    stored: frozenset[str],
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple[Any, ...]]:
    """What each Spark task runs: prepare and analyse its inputs in batches.

    The spaCy pipeline is loaded on the first document that needs it and cached for the
    life of the Python worker, which Spark reuses across tasks: once per executor.
    """
    iterator = iter(rows)
    while batch := list(islice(iterator, batch_size)):
        yield from _analyse_batch(batch, sig, stored, batch_size)


def read_remote_file(
    path: str, content: bytes, clean: CleanMode | None = None
) -> list[tuple[Key, RawArticle | Skipped]]:
    """A file Spark read from its storage as articles, through the same ingest as local files.

    The bytes go to a temporary file with the same name so that type detection, size
    limits, decoding and JSONL parsing are exactly those of a local run; sources name the
    original URI.
    """
    from storyline.ingest import with_clean
    from storyline.ingest.files import read_file

    name = path.rstrip("/").rsplit("/", 1)[-1] or "input"
    with tempfile.TemporaryDirectory(prefix="storyline-") as tmp:
        local = Path(tmp) / name
        local.write_bytes(content)
        out: list[tuple[Key, RawArticle | Skipped]] = []
        for n, item in enumerate(read_file(local)):
            source = path + item.source[len(str(local)) :]
            out.append(((0, path, n), with_clean(replace(item, source=source), clean)))
    return out


# ----------------------------------------------------------------------- driver


def spark_session(master: str | None = None, app_name: str = "storyline") -> Any:
    """A Spark session (the running one under spark-submit); ``master`` e.g. ``local[2]``."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise StorylineError(
            f"the Spark engine needs PySpark ({exc}); install it with "
            "\"pip install 'storyline[spark]'\" or 'make setup'"
        ) from exc
    builder: Any = SparkSession.builder.appName(app_name)
    builder = (
        builder.config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
    )
    if master:
        builder = builder.master(master)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: no Java, or a bad master URL
        first = (str(exc).splitlines() or [""])[0]
        raise StorylineError(
            f"cannot start Spark ({type(exc).__name__}: {first}); "
            "Spark needs Java 17 or newer on PATH (Debian: apt-get install "
            "openjdk-17-jre-headless) and a valid --spark-master"
        ) from exc
    session.sparkContext.setLogLevel("ERROR")
    return session


def _local_chunks(
    paths: Sequence[tuple[int, str]], fetcher: Any, clean: CleanMode | None = None
) -> Iterator[list[tuple[Key, RawArticle | Skipped]]]:
    from storyline.ingest import iter_inputs

    chunk: list[tuple[Key, RawArticle | Skipped]] = []
    for input_no, path in paths:
        for n, item in enumerate(iter_inputs([path], fetcher, clean)):
            chunk.append(((input_no, f"{n:012d}", 0), item))
            if len(chunk) >= CHUNK:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def write_results(
    session: Any,
    paths: Sequence[str],
    out: str,
    sig: str,
    stored: frozenset[str],
    *,
    batch_size: int = BATCH_SIZE,
    fetcher: Any = None,
    clean: CleanMode | None = None,
) -> None:
    """Run the per-document pipeline on Spark and write one Parquet row per input to ``out``."""
    sc = session.sparkContext
    known = sc.broadcast(stored)
    slices = max(2, int(sc.defaultParallelism))
    mode = "overwrite"

    def run(rdd: Any) -> None:
        nonlocal mode
        rows = rdd.mapPartitions(lambda part: analyse_partition(part, sig, known.value, batch_size))
        session.createDataFrame(rows, RESULT_SCHEMA).write.mode(mode).parquet(out)
        mode = "append"

    local = [(i, p) for i, p in enumerate(paths) if not is_spark_uri(p)]
    for chunk in _local_chunks(local, fetcher, clean):
        run(sc.parallelize(chunk, max(1, min(slices * 4, len(chunk) // batch_size))))
    for input_no, uri in ((i, p) for i, p in enumerate(paths) if is_spark_uri(p)):
        files = (
            session.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .load(uri)
            .select("path", "content")
            .rdd
        )
        run(
            files.flatMap(
                lambda row, n=input_no: [
                    ((n, key[1], key[2]), item)
                    for key, item in read_remote_file(row[0], bytes(row[1]), clean)
                ]
            )
        )
    if mode == "overwrite":  # no inputs at all: an empty result set
        session.createDataFrame([], RESULT_SCHEMA).write.mode(mode).parquet(out)


def read_results(
    session: Any, out: str, sig: str
) -> Iterator[tuple[Document | Skipped, Analysis | None]]:
    """The Parquet results in input order, one partition in the driver's memory at a time."""
    rows = session.read.schema(RESULT_SCHEMA).parquet(out).orderBy("input", "path", "item")
    for row in rows.toLocalIterator():
        prepared, layers = decode_result(row["result"])
        if layers is None or isinstance(prepared, Skipped):
            yield prepared, None
        else:
            yield (
                prepared,
                Analysis(prepared, MappingProxyType(layers), pipeline_for(prepared, sig)),
            )


def analyze_spark(
    paths: Sequence[str],
    db: str | Path,
    *,
    master: str | None = "local[*]",
    parquet: str | None = None,
    clock: Clock | None = None,
    on_progress: ProgressCallback | None = None,
    batch_size: int | None = None,
    session: Any = None,
    fetcher: Any = None,
    clean: CleanMode | None = None,
) -> RunReport:
    """Analyse the inputs on Spark into the database at ``db`` (which the driver writes).

    ``parquet`` is where the per-document results go (default: ``DB.parquet`` beside the
    database; any URI Spark can write). ``session`` reuses a running Spark session;
    otherwise one is started on ``master`` and stopped at the end.
    """
    from storyline.engines.local import analyse_documents, resolve_if_changed
    from storyline.stages import default_chain
    from storyline.stages.registry import signature
    from storyline.store import StoreWriter

    began = time.perf_counter()
    specs = default_chain()
    sig = signature(specs)
    out = parquet or f"{db}.parquet"
    report = RunReport()
    own = session is None
    spark = session if session is not None else spark_session(master)
    try:
        with StoreWriter(db, clock) as store:
            stored = frozenset(d for d, p in store.pipelines().items() if p == sig)
            write_results(
                spark,
                paths,
                out,
                sig,
                stored,
                batch_size=batch_size or BATCH_SIZE,
                fetcher=fetcher,
                clean=clean,
            )
            loader = StoryLoader(store, sig, report, on_progress)
            for prepared, analysis in read_results(spark, out, sig):
                if isinstance(prepared, Skipped):
                    loader.skip(prepared)
                elif loader.decide(prepared) == "analyse":
                    # None: stored since the executors looked
                    loader.take(analysis or next(analyse_documents([prepared], specs)))
            loader.finish()
            report.entities = resolve_if_changed(store)
    except KeyboardInterrupt:  # Ctrl-C, SIGTERM, SIGHUP: what was stored is complete
        if own:
            _cancel_quietly(spark)
        raise
    finally:
        if own:
            spark.stop()
    report.seconds = time.perf_counter() - began
    return report


def _cancel_quietly(session: Any) -> None:
    """Cancel the running jobs of an interrupted run, without Spark logging each task it
    aborts as an error (the interruption is the cause, already reported)."""
    try:
        session.sparkContext.setLogLevel("OFF")
        session.sparkContext.cancelAllJobs()
    except Exception:  # the gateway may be half-way through the interrupted call
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """The spark-submit entry point: ``spark.py --db FILE [--parquet URI] [--clean MODE]
    PATH...``."""
    parser = argparse.ArgumentParser(
        prog="storyline-spark", description="Analyse articles on Spark into a story database."
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, URLs or URIs")
    parser.add_argument("--db", required=True, help="the story database (written by the driver)")
    parser.add_argument("--parquet", default=None, help="where the per-document results go")
    parser.add_argument(
        "--clean",
        choices=("auto", "full", "light", "none"),
        default="auto",
        help="how to clean article text (as `storyline analyze --clean`)",
    )
    args = parser.parse_args(argv)
    try:
        clean: CleanMode | None = None if args.clean == "auto" else args.clean
        with stop_on_signals():
            report = analyze_spark(
                args.paths, args.db, master=None, parquet=args.parquet, clean=clean
            )
    except StorylineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        print(
            "interrupted: every document stored so far is complete; run the same command "
            "again to finish",
            file=sys.stderr,
        )
        return exit_code(exc)
    print(
        f"{len(report.analysed)} analysed, {len(report.reanalysed)} re-analysed, "
        f"{len(report.unchanged)} unchanged, {len(report.duplicates)} duplicates, "
        f"{len(report.not_analysed)} not analysed, {len(report.skipped)} skipped; "
        f"{report.entities} entities; {report.seconds:.1f} s; database {args.db}"
    )
    return 0 if report.stored_anything else 1


if __name__ == "__main__":  # spark-submit runs this file
    sys.exit(main())
