"""Shared fixtures for end-to-end tests: the shared folder beside the checkout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.cli import app

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
VALIDATOR = SHARED / "tools" / "validate_export.py"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run_cli(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result


def analyse_and_export(inputs: list[Path], tmp: Path) -> tuple[dict[str, Any], Path, Any]:
    db = tmp / "story.db"
    out = tmp / "story.json"
    analysed = run_cli("analyze", *map(str, inputs), "--db", str(db), "--quiet")
    assert analysed.exit_code == 0, analysed.output
    exported = run_cli("export", "--db", str(db), "--format", "json", "-o", str(out))
    assert exported.exit_code == 0, exported.output
    return json.loads(out.read_text(encoding="utf-8")), db, analysed


@pytest.fixture(scope="module")
def seeds_story(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}; they live in ../shared/corpus/seeds")
    story, db, _ = analyse_and_export([SEEDS], tmp_path_factory.mktemp("seeds"))
    return story, db
