"""Quote quality on PolNeAR dev (all 84 articles, about 40 s) stays above floors.

The floors sit about 2 points under what was measured when they were set (content spans
matched when they overlap by half of the shorter; speaker accuracy on matched quotes; see
:mod:`storyline.evaluation.polnear`). ``python -m storyline.evaluation.polnear`` prints the
numbers for all of dev.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.document import Quote
from storyline.evaluation.polnear import direct_units, evaluate, is_direct_content, read_ann

POLNEAR = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "polnear"

ARTICLES = 84
# measured on all of dev: direct quotes P 86.3, R 91.5, F1 88.8, speaker accuracy 93.7;
# all quotes and reported speech P 82.6, R 44.8, F1 58.1, speaker accuracy 89.2. The issue's
# goal for direct F1 and speaker accuracy is 0.90; the floors sit about 1.5 points under.
FLOORS = {
    "direct_f1": 0.873,
    "direct_speaker": 0.920,
    "precision": 0.811,
    "recall": 0.433,
    "f1": 0.566,
    "speaker": 0.877,
}


@pytest.mark.slow
def test_polnear_quotes_stay_above_the_floors(nlp: Any) -> None:
    if not (POLNEAR / "dev" / "text").is_dir():
        pytest.skip(f"PolNeAR not found at {POLNEAR}; it lives in ../shared/datasets/polnear")
    scores = evaluate(POLNEAR, "dev", ARTICLES, nlp=nlp)
    assert scores.documents == ARTICLES
    p, r, f = scores.prf()
    direct = scores.direct_quotes
    measured = {
        "direct_f1": direct.prf()[2],
        "direct_speaker": direct.speaker_accuracy,
        "precision": p,
        "recall": r,
        "f1": f,
        "speaker": scores.speaker_accuracy,
    }
    below = {k: round(v, 3) for k, v in measured.items() if v < FLOORS[k]}
    assert not below, f"fell below the floors {FLOORS}: {below}\n{scores.table()}"


def test_brat_attributions_are_read_with_fragments_and_sources() -> None:
    ann = (
        "T1\tSource 0 5\tAnna\n"
        "T2\tCue 6 10\tsaid\n"
        "T3\tContent 11 20;25 30\tsomething else\n"
        "T4\tAttribution 6 10\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tContent 40 50\tno source\n"
    )
    first, second = read_ann(ann)
    assert first.content == ((11, 20), (25, 30)) and first.source == ((0, 5),)
    assert second.content == ((40, 50),) and second.source is None


def test_direct_contents_open_and_close_with_quote_marks() -> None:
    text = "He said “we will win,” and then “the rest.” Later, he said the plan was “bold” indeed."
    whole = ((8, 43),)  # “we will win,” and then “the rest.”
    assert is_direct_content(text, whole)
    assert is_direct_content(text, ((9, 20),))  # inside the marks
    assert not is_direct_content(text, ((59, 85),))  # the plan was “bold” indeed
    assert not is_direct_content(text, ((59, 78),))  # the plan was “bold”


def test_a_quote_split_by_its_attribution_is_one_unit() -> None:
    text = "“We are ready,” Ines Moreau said. “The vote is on Monday.”\n\n“Nothing else.”"
    quotes = [
        Quote(1, 13, "We are ready", True, "Ines Moreau", 16, 27, "said"),
        Quote(35, 56, "The vote is on Monday", True, "Ines Moreau", 16, 27, None),
        Quote(61, 73, "Nothing else", True, "Ines Moreau", 16, 27, None),
    ]
    units = direct_units(text, quotes)
    assert [frags for frags, _ in units] == [((1, 13), (35, 56)), ((61, 73),)]
