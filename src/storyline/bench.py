"""``make bench``: throughput of ``storyline analyze`` against the bare NLP backbone.

    python -m storyline.bench CORPUS [--limit N] [--workers N]

Three runs over the same articles, each in a fresh child process of this one (so each
peak memory is its own):

1. **bare**: :func:`storyline.nlp.load_pipeline` and ``nlp.pipe`` over the documents'
   clean texts (the texts analysis parses), with spaCy's default batch size and with
   ours; the faster of the two is the reference;
2. **analyze, 1 worker**: the whole run — read files, clean, metadata, parse, every stage,
   store, cross-document resolution — into a new database, in one process;
3. **analyze, N workers** (default: one per core): the same with N worker processes.

The model is loaded before the clock starts for 1 and 2; in 3 the workers load theirs
while the clock runs (that is what a user waits for). A benchmark, never a test: the
numbers depend on the machine and on what else runs on it (the load average is printed;
``--repeat R`` keeps each run's best of R interleaved rounds). CPU seconds (this process
and its workers) are printed too: on a shared machine they vary less than wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from storyline.ingest.files import FORMATS, JSONL_SUFFIXES


def corpus_files(corpus: str, limit: int | None) -> list[str]:
    """The article files under ``corpus``, sorted, at most ``limit``."""
    root = Path(corpus)
    suffixes = set(FORMATS) | set(JSONL_SUFFIXES)
    files = sorted(
        str(p)
        for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith(".")
    )
    return files[:limit] if limit else files


def _peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def _cpu_seconds(*who: int) -> float:
    return sum(resource.getrusage(w).ru_utime + resource.getrusage(w).ru_stime for w in who)


def measure_bare(files: list[str], batch_size: int | None) -> dict[str, Any]:
    from storyline.document import Document, Skipped
    from storyline.ingest import iter_inputs, prepare
    from storyline.nlp import load_pipeline

    texts = []
    for item in iter_inputs(files):
        prepared = item if isinstance(item, Skipped) else prepare(item)
        if isinstance(prepared, Document) and prepared.analysable:
            texts.append(prepared.text)
    nlp = load_pipeline()
    nlp("Warm up the pipeline once.")
    cpu = _cpu_seconds(resource.RUSAGE_SELF)
    began = time.perf_counter()
    tokens = sum(len(parsed) for parsed in nlp.pipe(texts, batch_size=batch_size))
    seconds = time.perf_counter() - began
    return {
        "docs": len(texts),
        "tokens": tokens,
        "seconds": seconds,
        "cpu": _cpu_seconds(resource.RUSAGE_SELF) - cpu,
        "rss_mib": _peak_mib(resource.RUSAGE_SELF),
    }


def measure_analyze(files: list[str], workers: int) -> dict[str, Any]:
    from storyline.document import Skipped
    from storyline.engines.local import analyze
    from storyline.ingest import iter_inputs, prepare
    from storyline.nlp import load_pipeline

    if workers == 1:
        load_pipeline()("Warm up the pipeline once.")
        for item in iter_inputs(files[:1]):  # import and warm the ingest modules too
            if not isinstance(item, Skipped):
                prepare(item)
    who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp:
        cpu = _cpu_seconds(*who)
        began = time.perf_counter()
        report = analyze(files, Path(tmp) / "bench.db", workers=workers)
        seconds = time.perf_counter() - began
        cpu = _cpu_seconds(*who) - cpu
    return {
        "docs": len(report.analysed),
        "seconds": seconds,
        "cpu": cpu,
        "rss_mib": _peak_mib(resource.RUSAGE_SELF),
        "worker_rss_mib": _peak_mib(resource.RUSAGE_CHILDREN) if workers > 1 else 0.0,
        "workers": workers,
    }


def _child(
    kind: str, files_json: str, workers: int, batch_size: int | None = None
) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "storyline.bench", "--measure", kind, "--files", files_json]
    cmd += ["--workers", str(workers)]
    if batch_size:
        cmd += ["--batch-size", str(batch_size)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the {kind} run failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _row(name: str, r: dict[str, Any], tokens: int, bare: dict[str, Any], extra: str) -> str:
    rss = f"{r['rss_mib']:.0f} MiB"
    if r.get("worker_rss_mib"):
        rss += f" + {r['workers']} × {r['worker_rss_mib']:.0f} MiB"
    return (
        f"| {name} | {r['seconds']:.1f} | {r['docs'] / r['seconds']:.2f} | "
        f"{tokens / r['seconds']:,.0f} | {rss} | {r['cpu']:.1f} | "
        f"{bare['seconds'] / r['seconds']:.2f} | {bare['cpu'] / r['cpu']:.2f} | {extra} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.bench", description=__doc__)
    parser.add_argument("corpus", nargs="?", help="a folder of articles")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files")
    parser.add_argument("--workers", type=int, default=None, help="default: one per core")
    parser.add_argument(
        "--repeat", type=int, default=1, help="rounds of all runs; each run's best is kept"
    )
    parser.add_argument("--measure", choices=["bare", "analyze"], help=argparse.SUPPRESS)
    parser.add_argument("--files", help=argparse.SUPPRESS)
    parser.add_argument("--batch-size", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.measure:  # a child run: print one JSON line
        files = json.loads(Path(args.files).read_text(encoding="utf-8"))
        if args.measure == "bare":
            result = measure_bare(files, args.batch_size)
        else:
            result = measure_analyze(files, args.workers)
        print(json.dumps(result))
        return 0

    from storyline.engines.local import BATCH_SIZE
    from storyline.engines.workers import worker_count

    if not args.corpus or not Path(args.corpus).is_dir():
        print(f"error: {args.corpus}: not a folder of articles; give one", file=sys.stderr)
        return 2
    files = corpus_files(args.corpus, args.limit)
    workers = worker_count(args.workers)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load_before = os.getloadavg()[0]
    runs: dict[str, tuple[str, int, int | None]] = {
        "bare": ("bare", 1, None),
        "bare16": ("bare", 1, BATCH_SIZE),
        "one": ("analyze", 1, None),
        "many": ("analyze", workers, None),
    }
    best: dict[str, dict[str, Any]] = {}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(files, fh)
        files_json = fh.name
    try:
        print(f"corpus {args.corpus}: {len(files)} files; machine: {cores} cores, "
              f"{platform.system()} {platform.machine()}, Python {platform.python_version()}; "
              f"load average {load_before:.2f}", flush=True)  # fmt: skip
        for round_no in range(1, args.repeat + 1):
            for key, (kind, n, batch) in runs.items():
                got = _child(kind, files_json, n, batch)
                print(f"round {round_no}: {key}: {got['seconds']:.1f} s, "
                      f"load average {os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip
                if key not in best or got["seconds"] < best[key]["seconds"]:
                    best[key] = got
    finally:
        os.unlink(files_json)
    tokens = int(best["bare"]["tokens"])
    bare = min(best["bare"], best["bare16"], key=lambda r: r["seconds"])
    bare = {"seconds": bare["seconds"], "cpu": min(best["bare"]["cpu"], best["bare16"]["cpu"])}
    print(f"\n{best['bare']['docs']} documents, {tokens:,} tokens; best of {args.repeat}; "
          f"load average after {os.getloadavg()[0]:.2f}\n")  # fmt: skip
    print(
        "| run | seconds | docs/s | tokens/s | peak RSS | CPU s | × bare (time) | × bare (CPU) | |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    print(_row("bare `nlp.pipe`, spaCy's batch size", best["bare"], tokens, bare, ""))
    print(_row(f"bare `nlp.pipe`, batch {BATCH_SIZE}", best["bare16"], tokens, bare, ""))
    print(_row("`analyze`, 1 worker", best["one"], tokens, bare, ""))
    speedup = best["one"]["seconds"] / best["many"]["seconds"]
    extra = f"{speedup:.2f}× 1 worker"
    print(_row(f"`analyze`, {workers} workers", best["many"], tokens, bare, extra))
    return 0


if __name__ == "__main__":
    sys.exit(main())
