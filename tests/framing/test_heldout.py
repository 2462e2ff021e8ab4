"""The held-out set (heldout/): written after the rules were frozen; floors against drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluation.brief import measure

pytestmark = pytest.mark.slow

HELDOUT = Path(__file__).parent / "heldout"


def test_heldout_framing_and_brief_stay_above_their_floors(tmp_path: Path) -> None:
    s = measure(HELDOUT / "corpus", HELDOUT / "expected.json", work=tmp_path)
    # measured: 22/29 before the two fixes it prompted, 27/29 after (the two misses are a
    # quote the quote stage does not attribute and two cost figures with different subjects)
    assert s.framing_found >= 25, s.misses
    assert s.facts_found >= 5, s.misses
    assert s.lines and s.lines_cited == s.lines
