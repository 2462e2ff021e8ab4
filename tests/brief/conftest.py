from __future__ import annotations

from pathlib import Path

import pytest

from tests.framing import corpus_dbs


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus_dbs.everything(tmp_path_factory.mktemp("brief"))
