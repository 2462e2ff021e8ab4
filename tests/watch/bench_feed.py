"""Throughput of ``storyline watch`` on a local feed of generated articles (a benchmark,
not a test): ``python -m tests.watch.bench_feed [COUNT]`` (``make bench-watch``).

Article pages are generated at run time from the sentences in :mod:`tests.watch.story`
(recombined, with varied names and numbers), served by a real HTTP server on 127.0.0.1
with one RSS feed listing them all. The real command runs twice as a process: the first
poll fetches, analyses and stores every article and writes the change set; the second,
with nothing new, should cost one conditional request per feed and no analysis.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tests.engine.processes import start
from tests.watch.site import Site, rss, serving
from tests.watch.story import article_page, generated_article

RATE = "100"  # requests per second to the one local host
PER_HOST = "4"


def main(count: int = 500) -> None:
    site = Site()
    with serving(site) as base, tempfile.TemporaryDirectory() as tmp:
        items = []
        for i in range(count):
            outlet, title, date, text = generated_article(i)
            site.put(f"/news/{i}", article_page(outlet, title, date, text))
            items.append((f"{base}/news/{i}", title, "Mon, 30 Nov 2026 08:00:00 GMT", "Desk"))
        site.put("/feed.xml", rss("Port", items), content_type="application/rss+xml")
        db = Path(tmp) / "bench.db"
        args = ("watch", f"{base}/feed.xml", "--db", str(db), "--once", "--quiet")
        args += ("--rate", RATE, "--per-host", PER_HOST)
        for poll in (1, 2):
            site.clear_log()
            began = time.perf_counter()
            run = start(Path(tmp), *args, name=f"poll{poll}")
            code = run.proc.wait()
            took = time.perf_counter() - began
            out, err = run.output()
            if code != 0:
                raise SystemExit(f"poll {poll} failed ({code}): {out}{err}")
            requests = site.requests()
            pages = sum(1 for _, p, _ in requests if p.startswith("/news/"))
            conditional = sum(
                1 for _, p, h in requests if p == "/feed.xml" and "if-none-match" in h
            )
            print(
                f"poll {poll}: {took:.1f} s wall (process start and model load included); "
                f"{len(requests)} requests ({pages} article pages, {conditional} conditional "
                f"feed requests)"
            )
            print("   ", out.strip().splitlines()[-1])
            if poll == 1:
                print(f"    {pages / took * 60:.0f} articles per minute fetched and analysed")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
