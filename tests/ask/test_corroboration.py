"""Answers count independent reports and cite together only sentences of the same fact
(written articles from tests/brief/disagreeing.py, through the real pipeline)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.ask import answer
from storyline.cli import app
from storyline.store import StoreReader
from tests.brief import disagreeing as corpus

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(disagreeing_db: Path) -> Path:
    return disagreeing_db


def test_a_wire_story_in_three_outlets_and_one_own_report_are_two_sources(db: Path) -> None:
    with StoreReader(db) as reader:
        result = answer(reader, "How many residents will the Tessel dam supply with water?")
    assert result.found and "400,000" in result.text
    assert (result.sources, result.copies) == (2, 4)
    assert {c.outlet for c in result.citations} == {*corpus.WIRE_OUTLETS, "Korvala Observer"}
    assert result.to_dict()["sources"] == 2 and result.to_dict()["copies"] == 4
    out = CliRunner().invoke(
        app, ["ask", "How many residents will the Tessel dam supply?", "--db", str(db)]
    )
    assert out.exit_code == 0, out.output
    assert "sources (2 independent reports, 4 copies):" in out.output


def test_four_trade_values_are_four_reports_not_one_corroborated_value(db: Path) -> None:
    with StoreReader(db) as reader:
        result = answer(reader, "How much did trade between Arlesia and Benmark reach?")
    assert result.found and "other reports" in result.text
    figures = [f for f in result.facts if f.kind == "figure"]
    # every value is its own fact with its own citation; none is cited as confirming another
    assert len(figures) == 4 and all(len(f.citations) == 1 for f in figures)
    assert len({f.value for f in figures}) == 4
    for value in corpus.TRADE_VALUES.values():
        assert f"${value} billion" in result.text
