"""docs/export.md describes every field the JSON export writes: a field added to the export
without a word in the docs fails here (the docs stand alone, without ../shared)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.engines.local import analyze
from storyline.export.json_export import build_export
from storyline.store import StoreReader
from tests.brief import disagreeing
from tests.engine.articles import corpus

DOC = Path(__file__).resolve().parents[2] / "docs" / "export.md"


def _fields(items: list[dict[str, Any]]) -> set[str]:
    return {key for item in items for key in item}


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every kind of fact: the engine tests' articles (meetings, quotes, figures, a German
    article not analysed) and the brief tests' articles that agree, differ and copy."""
    tmp = tmp_path_factory.mktemp("export-doc")
    db = tmp / "story.db"
    analyze([str(corpus(tmp / "in")), str(disagreeing.write(tmp / "more.jsonl"))], db)
    with StoreReader(db) as reader:
        return build_export(reader)


def test_every_exported_field_is_described(story: dict[str, Any]) -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [key for key in story if f"`{key}`" not in text]
    for section, items in story.items():
        if isinstance(items, list) and items and isinstance(items[0], dict):
            missing += [f"{section}.{k}" for k in _fields(items) if f"`{k}`" not in text]
    nested = {
        "events.mentions": [m for e in story["events"] for m in e["mentions"]],
        "entities.mentions": [m for e in story["entities"] for m in e["mentions"]],
        "documents.dates": [d for doc in story["documents"] for d in doc["dates"]],
        "brief.citations": [c for line in story["brief"] for c in line["citations"]],
    }
    for section, items in nested.items():
        missing += [f"{section}.{k}" for k in _fields(items) if k not in text]
    assert not missing, f"docs/export.md does not describe: {sorted(missing)}"
    for section in ("events", "quotes", "figures", "figure_groups", "positions", "brief"):
        assert story[section], f"the corpus gives no {section}: nothing was checked"
