"""`storyline analyze URL` against a real HTTP server on 127.0.0.1 (no outside network)."""

from __future__ import annotations

import functools
import json
import socket
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.e2e.conftest import EXAMPLES, run_cli

pytestmark = pytest.mark.slow


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(EXAMPLES))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_urls_are_fetched_and_failures_reported(server: str, tmp_path: Path) -> None:
    page = next(EXAMPLES.glob("*.html")).name
    good = f"{server}/{page}"
    missing = f"{server}/no-such-page.html"
    refused = f"http://127.0.0.1:{closed_port()}/story.html"
    db = tmp_path / "s.db"
    result = run_cli("analyze", good, missing, refused, "--db", str(db), "--quiet")
    assert result.exit_code == 0, result.output
    assert "1 analysed" in result.output and "2 skipped" in result.output
    for url in (missing, refused):
        (line,) = [ln for ln in result.output.splitlines() if url in ln]
        assert line.startswith("skipped")
    out = tmp_path / "s.json"
    run_cli("export", "--db", str(db), "-o", str(out))
    (doc,) = json.loads(out.read_text(encoding="utf-8"))["documents"]
    assert doc["source"] == good
    assert doc["published"] is not None
