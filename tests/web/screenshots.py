"""Screenshots of the main views for the README: ``make screenshots`` (or
``python -m tests.web.screenshots DB OUTDIR``). Uses the same server and browser as the tests."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.web.browser import launched_browser, running_server

VIEWS = {
    "overview": "/",
    "document": None,  # the first document, found from the API
    "entity": None,  # the most mentioned person
    "figures": "/figures",
    "timeline": "/timeline",
    "graph": "/graph",
}


def take(db: Path, out: Path, width: int = 1280, height: int = 900) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with running_server(db) as base, launched_browser() as browser:
        page = browser.new_page(viewport={"width": width, "height": height})
        docs = page.request.get(base + "/api/documents").json()["items"]
        views = dict(VIEWS)
        if docs:
            views["document"] = f"/documents/{docs[0]['id']}"
        people = page.request.get(base + "/api/entities?type=PERSON").json()["items"]
        if people:
            views["entity"] = f"/entities/{people[0]['id']}"
        for name, path in views.items():
            if path is None:
                continue
            page.goto(base + path)
            target = out / f"{name}.png"
            page.screenshot(path=str(target), full_page=False)
            written.append(target)
        page.close()
    return written


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m tests.web.screenshots DB OUTDIR")
    for path in take(Path(sys.argv[1]), Path(sys.argv[2])):
        print(f"wrote {path}")
