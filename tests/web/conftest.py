"""Fixtures of the web tests: the test story database, an empty one, an in-process client,
and (for the browser tests) a real server and Debian's chromium."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser import MISSING, chromium_path, in_ci, launched_browser, running_server
from tests.web.storydb import build_empty_db, build_story_db


@pytest.fixture(scope="session")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_story_db(tmp_path_factory.mktemp("story"))


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_empty_db(tmp_path_factory.mktemp("empty"))


def make_client(db: Path) -> Any:
    with warnings.catch_warnings():  # starlette asks for httpx2; httpx works the same here
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from starlette.testclient import TestClient

    from storyline.web.app import create_app

    return TestClient(create_app(db))


@pytest.fixture(scope="session")
def client(story_db: Path) -> Any:
    return make_client(story_db)


@pytest.fixture(scope="session")
def empty_client(empty_db: Path) -> Any:
    return make_client(empty_db)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if chromium_path() is None:
        if in_ci():
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    with launched_browser() as b:
        yield b


@pytest.fixture(scope="session")
def base_url(story_db: Path) -> Iterator[str]:
    with running_server(story_db) as url:
        yield url
