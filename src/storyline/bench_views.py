"""The read side's benchmark: how fast every view of an analysed story answers.

    python -m storyline.bench_views DB [--repeat 5] [--speaker NAME] [--question TEXT]

On the database ``DB`` (opened read-only, never changed) it times:

* **terminal views** — ``quotes --speaker``, ``positions``, ``figures --conflicts``,
  ``timeline``, ``brief``, ``info`` — run in this process with the CLI's own code (warm:
  imports done, as in a long session), ``--repeat`` times each; the median and the 95th
  percentile (the slowest of fewer than 20 runs) are printed;
* **web pages** — ``storyline serve`` started as a child process on a free port of
  127.0.0.1, then each page (overview, actors, the top actor's page, quotes, figures,
  timeline, graph, search, ask) fetched ``--repeat`` times over HTTP; the first request of
  each page is reported apart (caches are cold then);
* **whole-story outputs** — ``export --format json`` and ``report``, each in a fresh child
  process, with wall time and the child's peak memory.

A benchmark, never a test: numbers depend on the machine and on what else runs on it,
so the load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
from typer.testing import CliRunner


def _timed(run: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return times


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return {"median": statistics.median(ordered), "p95": p95, "first": times[0]}


def terminal_views(db: Path, repeat: int, speaker: str) -> Iterator[tuple[str, dict[str, float]]]:
    """Each terminal view, run in this process through the CLI (exit code checked)."""
    from storyline.cli import app

    runner = CliRunner()
    views = {
        f"quotes --speaker {speaker}": ["quotes", "--speaker", speaker],
        "positions": ["positions"],
        "figures --conflicts": ["figures", "--conflicts"],
        "timeline": ["timeline"],
        "brief": ["brief"],
        "info": ["info"],
    }
    for name, args in views.items():

        def run(args: list[str] = args) -> None:
            result = runner.invoke(app, [*args, "--db", str(db)])
            if result.exit_code != 0:
                raise SystemExit(f"storyline {' '.join(args)} failed: {result.output[-500:]}")

        yield name, _summary(_timed(run, repeat))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def web_pages(
    db: Path, repeat: int, question: str, speaker: str
) -> Iterator[tuple[str, dict[str, float]]]:
    """Each page of ``storyline serve`` over real HTTP on 127.0.0.1."""
    port = _free_port()
    cmd = [sys.executable, "-m", "storyline.cli", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=600) as client:
            for _ in range(600):
                try:
                    client.get("/api/overview", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            top = client.get("/api/entities", params={"size": 1}).json()["items"]
            pages = {
                "/ (overview)": "/",
                "/entities": "/entities",
                "/entities/{top actor}": f"/entities/{top[0]['id']}" if top else "/entities",
                "/quotes": "/quotes",
                "/figures": "/figures",
                "/timeline": "/timeline",
                "/graph": "/graph",
                f"/search?q={speaker}": f"/search?q={speaker}",
                f"/ask?q={question}": f"/ask?q={question}",
            }
            for name, path in pages.items():
                sizes: list[int] = []

                def fetch(path: str = path, sizes: list[int] = sizes) -> None:
                    response = client.get(path)
                    response.raise_for_status()
                    sizes.append(len(response.content))

                yield name, {**_summary(_timed(fetch, repeat)), "kb": sizes[-1] / 1024}
    finally:
        server.terminate()
        server.wait(timeout=30)


def whole_story(db: Path) -> Iterator[tuple[str, dict[str, float]]]:
    """``export --format json`` and ``report`` in fresh child processes: time and peak RSS."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in {
            "export --format json": ["export", "--format", "json", "-o", f"{tmp}/story.json"],
            "report": ["report", "-o", f"{tmp}/report.html"],
        }.items():
            code = (
                "import resource, sys, time\n"
                "from storyline.cli import app\n"
                "began = time.perf_counter()\n"
                "try:\n"
                "    app(sys.argv[1:], standalone_mode=False)\n"
                "finally:\n"
                "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
                "    print(f'{time.perf_counter() - began} {peak}', file=sys.stderr)\n"
            )
            done = subprocess.run(
                [sys.executable, "-c", code, *args, "--db", str(db)],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise SystemExit(f"storyline {name} failed: {done.stderr[-500:]}")
            seconds, peak = done.stderr.strip().splitlines()[-1].split()
            yield name, {"seconds": float(seconds), "peak_mib": float(peak)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.bench_views", description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--speaker", default="Putin")
    parser.add_argument("--question", default="What did Putin say about sanctions?")
    parser.add_argument("--skip", action="append", default=[], choices=["terminal", "web", "whole"])
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.error(f"{args.db}: no such database; analyse articles into it first")
    print(f"database {args.db} ({args.db.stat().st_size / 2**20:,.0f} MiB)")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("\n| view | first (s) | median (s) | p95 (s) | size |", flush=True)
    print("| --- | --- | --- | --- | --- |", flush=True)
    rows: list[Iterator[tuple[str, dict[str, float]]]] = []
    kinds: list[str] = []
    if "terminal" not in args.skip:
        kinds.append("terminal")
        rows.append(terminal_views(args.db, args.repeat, args.speaker))
    if "web" not in args.skip:
        kinds.append("web")
        rows.append(web_pages(args.db, args.repeat, args.question, args.speaker))
    for kind, measured in zip(kinds, rows, strict=True):
        for name, r in measured:
            size = f"{r['kb']:,.0f} KB" if "kb" in r else ""
            times = f"{r['first']:.3f} | {r['median']:.3f} | {r['p95']:.3f}"
            print(f"| {kind} {name} | {times} | {size} |", flush=True)
    if "whole" not in args.skip:
        print("\n| output | seconds | peak RSS |\n| --- | --- | --- |", flush=True)
        for name, r in whole_story(args.db):
            print(f"| {name} | {r['seconds']:.1f} | {r['peak_mib']:,.0f} MiB |", flush=True)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
