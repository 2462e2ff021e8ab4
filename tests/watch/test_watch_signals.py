"""SIGTERM in the middle of a poll loses nothing, and one database has one watcher: the
real ``storyline watch`` as a process, against a real site on 127.0.0.1."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest

from tests.engine.processes import start, wait_until
from tests.watch.site import Site, rss, serving
from tests.watch.story import article_page, generated_article

pytestmark = pytest.mark.slow

COUNT = 20
FAST = 17  # the first batch (16 documents) is stored, then a slow page keeps it waiting


def _documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.DatabaseError:  # not created yet
        return 0


def _site(site: Site, slow: float) -> None:
    items = []
    for i in range(COUNT):
        outlet, title, date, text = generated_article(i)
        site.put(f"/a/{i}", article_page(outlet, title, date, text), delay=0 if i < FAST else slow)
        items.append((f"{site.base}/a/{i}", title, "Mon, 30 Nov 2026 08:00:00 GMT", "Desk"))
    site.put("/feed.xml", rss("Port", items), content_type="application/rss+xml")


def test_sigterm_mid_poll_keeps_what_was_stored_and_the_next_poll_reports_it(
    tmp_path: Path,
) -> None:
    db = tmp_path / "story.db"
    site = Site()
    with serving(site) as base:
        _site(site, slow=30)
        args = ("watch", f"{base}/feed.xml", "--db", str(db), "--once", "--rate", "100")
        run = start(tmp_path, *args, "--quiet", name="first")
        try:
            wait_until(lambda: _documents(db) >= 16, 120, "the first batch to be stored")
            second = start(tmp_path, *args, name="second")  # while the first holds the db
            assert second.proc.wait(timeout=60) == 2
            assert "another 'storyline watch' is already writing" in second.output()[1]
            run.proc.send_signal(signal.SIGTERM)
            assert run.proc.wait(timeout=60) == 128 + signal.SIGTERM
        finally:
            if run.proc.poll() is None:
                run.proc.kill()
        out, err = run.output()
        assert "interrupted by SIGTERM" in err, (out, err)
        stored = _documents(db)
        assert stored >= 16
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT COUNT(*) FROM change_sets").fetchone()[0] == 0
        _site(site, slow=0)
        site.clear_log()
        again = start(tmp_path, *args, name="again")
        assert again.proc.wait(timeout=180) == 0, again.output()
        fetched = [p for _, p, _ in site.requests() if p.startswith("/a/")]
    assert len(fetched) == COUNT - stored  # the stored pages are not fetched again
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == COUNT
        # one change set reports the interrupted poll's articles with the new ones
        assert conn.execute("SELECT articles FROM change_sets").fetchall() == [(COUNT,)]
        assert conn.execute("SELECT COUNT(*) FROM changes").fetchone()[0] > 0


def test_the_loop_polls_every_interval_and_sigterm_between_polls_stops_it(
    tmp_path: Path,
) -> None:
    db = tmp_path / "story.db"
    site = Site()
    with serving(site) as base:
        outlet, title, date, text = generated_article(0)
        site.put("/a/0", article_page(outlet, title, date, text))
        items = [(f"{base}/a/0", title, "Mon, 30 Nov 2026 08:00:00 GMT", "Desk")]
        site.put("/feed.xml", rss("Port", items), content_type="application/rss+xml")
        run = start(tmp_path, "watch", f"{base}/feed.xml", "--db", str(db), "--every", "1s")
        try:
            wait_until(lambda: len(site.requests("/feed.xml")) >= 3, 120, "three polls")
            run.proc.send_signal(signal.SIGTERM)
            assert run.proc.wait(timeout=60) == 128 + signal.SIGTERM
        finally:
            if run.proc.poll() is None:
                run.proc.kill()
        out, err = run.output()
        polls = site.requests("/feed.xml")
    assert "interrupted by SIGTERM" in err
    assert out.count("not modified") >= 1 and "change set #1" in out
    assert all("if-none-match" in h for _, _, h in polls[1:])
    assert len(site.requests("/a/0")) == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
