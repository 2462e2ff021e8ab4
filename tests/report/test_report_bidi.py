"""The one-file report of a hostile article (``tests/hostile_story.py``) holds no bidi
embedding, override or isolate: article text cannot reorder what the reader sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.sanitize import BIDI_CONTROLS

pytestmark = pytest.mark.slow


def test_the_report_has_no_bidi_control(hostile_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", "--db", str(hostile_db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Tidende" in html and "eltit" in html and "is what the tally" in html
    assert not set(html) & BIDI_CONTROLS
    assert '<blockquote dir="auto">' in html


def test_the_report_on_standard_output_is_the_same_page(hostile_db: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--db", str(hostile_db), "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout.lower().startswith("<!doctype html>")
    assert not set(result.stdout) & BIDI_CONTROLS
