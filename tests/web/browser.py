"""A real server and a real browser for the browser tests and ``make screenshots``.

The server is uvicorn on 127.0.0.1 with a free port, in a background thread. The browser is
Debian's ``chromium`` driven by Playwright for Python, headless; Playwright never downloads
a browser here. In CI (``CI`` set) a missing chromium is an error; elsewhere tests skip.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from storyline.web.app import create_app

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's chromium, or None."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


MISSING = (
    "chromium is not installed: run 'make setup' (it installs Debian's chromium with apt) "
    "or 'apt-get install -y chromium'"
)


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


@contextmanager
def running_server(db: Path) -> Iterator[str]:
    """Serve ``db`` on 127.0.0.1 with a free port; yields the base URL."""
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=0, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(500):  # bounded wait for the socket, at most about 10 s
        if server.started or not thread.is_alive():
            break
        time.sleep(0.02)
    if not server.started:
        raise RuntimeError("the test server did not start")
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def launched_browser() -> Iterator[Any]:
    """A headless Debian chromium under Playwright."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise RuntimeError(MISSING)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
