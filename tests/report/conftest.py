"""The test story (see tests/web/storydb.py) and an empty database, for the export tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.storydb import build_empty_db, build_story_db


@pytest.fixture(scope="session")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_story_db(tmp_path_factory.mktemp("story"))


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_empty_db(tmp_path_factory.mktemp("empty"))
