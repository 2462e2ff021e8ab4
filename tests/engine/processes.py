"""Helpers for tests that run ``storyline`` as a real process: a corpus of short articles
written from templates, the command started with this checkout's code, its descendants
read from /proc, and a read-only look at the database it writes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import storyline

TOWNS = ("Harwick", "Lenmouth", "Osterby", "Carrowdale", "Fenwick", "Brightwater", "Talmoor")
MAYORS = ("Maria Delgado", "Tomas Reyne", "Alice Fairburn", "Samuel Okafor", "Hanna Lindqvist")
PLANS = (
    ("bridge", "repairs to the old river bridge"),
    ("school", "a new primary school on the east side"),
    ("clinic", "a night clinic near the station"),
    ("tram", "a longer tram line to the airport"),
    ("park", "a riverside park with a public pool"),
)
OUTLETS = ("Daily Ledger", "North Courier", "Harbour Times")
MONTHS = ("March", "April", "May")


def news_corpus(folder: Path, count: int) -> Path:
    """``count`` distinct short council stories as one JSONL file in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "council.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            town, mayor = TOWNS[i % len(TOWNS)], MAYORS[(i // 3) % len(MAYORS)]
            key, plan = PLANS[(i // 2) % len(PLANS)]
            month, day = MONTHS[i % len(MONTHS)], 1 + (i * 7) % 28
            cost, years, votes = 2 + (i * 37) % 90, 1 + i % 5, 10 + i % 13
            text = (
                f"{town.upper()}, {month} {day}, 2025 - The council of {town} voted {votes} "
                f"to 4 on Tuesday to spend {cost} million dollars on {plan}, Mayor {mayor} "
                f"said after meeting number {i + 1} of the year.\n\n"
                f'"This {key} is good for every family in {town}," {mayor} told reporters. '
                f"Work would begin in the summer and last about {years} years, the council "
                "said in a statement.\n\n"
                "Opposition leader Grace Holloway said her party opposes the plan because it "
                f"costs too much. Residents can comment at a public hearing on {month} "
                f"{day + 1}."
            )
            article = {
                "text": text,
                "title": f"{town} council backs {key} plan ({i + 1})",
                "outlet": OUTLETS[i % len(OUTLETS)],
                "published": f"2025-{3 + MONTHS.index(month):02d}-{day:02d}",
                "url": f"https://news.example.org/{town.lower()}/{key}/{i + 1}",
            }
            out.write(json.dumps(article) + "\n")
    return path


def storyline_env() -> dict[str, str]:
    """The environment for a ``storyline`` subprocess that runs this checkout's code."""
    src = str(Path(storyline.__file__).resolve().parents[1])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env


@dataclass
class Run:
    """A ``storyline`` process started in its own session (so signals to its process
    group reach it and its workers only), with its output in files."""

    proc: subprocess.Popen[bytes]
    stdout: Path
    stderr: Path

    def output(self) -> tuple[str, str]:
        return (
            self.stdout.read_text(encoding="utf-8", errors="replace"),
            self.stderr.read_text(encoding="utf-8", errors="replace"),
        )


def start(tmp: Path, *args: str, name: str = "run") -> Run:
    stdout, stderr = tmp / f"{name}.out", tmp / f"{name}.err"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "storyline.cli", *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=storyline_env(),
            start_new_session=True,
        )
    return Run(proc, stdout, stderr)


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``check`` until it holds; fail the test with ``what`` after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


# -------------------------------------------------------------------------- /proc


@dataclass(frozen=True)
class Proc:
    """A process as /proc shows it; (pid, started) names it even if its pid is reused."""

    pid: int
    ppid: int
    started: int
    state: str
    cmdline: str


def _read(pid: int) -> Proc | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:  # gone
        return None
    fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "
    return Proc(pid, int(fields[1]), int(fields[19]), fields[0], cmdline.strip())


def processes() -> list[Proc]:
    found = (_read(int(p.name)) for p in Path("/proc").iterdir() if p.name.isdigit())
    return [p for p in found if p is not None]


def descendants(pid: int) -> list[Proc]:
    """Every process below ``pid`` (children, their children…)."""
    table = processes()
    out: list[Proc] = []
    parents = {pid}
    while True:
        found = [p for p in table if p.ppid in parents and p not in out]
        if not found:
            return out
        out.extend(found)
        parents = {p.pid for p in found}


def running(proc: Proc) -> bool:
    """Whether the process still exists (a zombie does not run, but is not reaped yet)."""
    now = _read(proc.pid)
    return now is not None and now.started == proc.started


def alive(proc: Proc) -> bool:
    """Whether the process still runs (neither gone nor a zombie waiting to be reaped)."""
    now = _read(proc.pid)
    return now is not None and now.started == proc.started and now.state != "Z"


def workers_of(pid: int) -> list[Proc]:
    return [p for p in descendants(pid) if "multiprocessing.spawn" in p.cmdline]


# ------------------------------------------------------------------------ database


def stored_documents(db: Path) -> int:
    """How many documents the database holds (0 before it exists), read-only."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return 0
    try:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0
    finally:
        conn.close()


# tables keyed by document that resolution fills after the per-document work of a run
CROSS_DOCUMENT = frozenset({"document_signatures", "report_documents"})


def per_document_rows(db: Path) -> dict[str, dict[str, int]]:
    """For every stored document, how many rows each per-document table holds for it
    (and its pipeline): what a document "with all its annotations" is."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                "'%VIRTUAL%' AND name NOT LIKE 'sentences_fts%'"
            )
            if any(col[1] == "doc_id" for col in conn.execute(f"PRAGMA table_info({name})"))
            and name not in CROSS_DOCUMENT
        ]
        rows: dict[str, dict[str, int]] = {
            doc: {"pipeline:" + pipeline: 1}
            for doc, pipeline in conn.execute("SELECT id, pipeline FROM documents")
        }
        for table in tables:
            for doc, n in conn.execute(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id"):
                rows.setdefault(doc, {})[table] = n
        for doc, n in conn.execute("SELECT doc_id, count(*) FROM sentences_fts GROUP BY doc_id"):
            rows.setdefault(doc, {})["sentences_fts"] = n
        return rows
    finally:
        conn.close()


def send(run: Run, sig: signal.Signals, *, group: bool) -> None:
    """Send ``sig`` to the process, or to its whole process group as a terminal does."""
    if group:
        os.killpg(run.proc.pid, sig)
    else:
        run.proc.send_signal(sig)
