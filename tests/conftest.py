"""Fixtures shared by every test: the spaCy pipeline, loaded once per session, and a helper
that runs a text through the parse and the per-document stages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storyline.document import Document, Mention, Metadata, document_id

AnalyseText = Callable[[str], tuple[Mention, ...]]


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy pipeline analysis uses (loaded once per test session)."""
    from storyline.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def analyse_text(nlp: Any) -> AnalyseText:
    """``analyse_text(text)``: the mentions the parse + sentences + entities stages find."""
    import storyline.stages  # noqa: F401  (registers the stages)
    from storyline.stages.registry import REGISTRY, run_stages

    chain = [REGISTRY["sentences"], REGISTRY["entities"]]

    def analyse(text: str) -> tuple[Mention, ...]:
        document = Document(document_id(text), "test", text, Metadata())
        mentions = run_stages(chain, document, nlp(text))["mentions"]
        assert all(isinstance(m, Mention) for m in mentions)
        found = tuple(m for m in mentions if isinstance(m, Mention))
        for m in found:
            assert text[m.start : m.end] == m.text, m
        return found

    return analyse


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of one article full of escape sequences, bidi overrides and formulas
    (``tests/hostile_story.py``), analysed by the real pipeline."""
    from tests.hostile_story import build_hostile_db

    return build_hostile_db(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def disagreeing_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of the written articles that agree, differ and copy each other
    (``tests/brief/disagreeing.py``), analysed once for the brief and ask tests."""
    from storyline.engines.local import analyze
    from tests.brief import disagreeing as corpus

    tmp = tmp_path_factory.mktemp("disagreeing")
    out = tmp / "story.db"
    analyze([str(corpus.write(tmp / "articles.jsonl"))], out)
    return out
