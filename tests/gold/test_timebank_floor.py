"""Temporal expressions on TimeBank/AQUAINT (the first 60 files by name, 406 gold DATE
expressions, about 10 s) stay above pinned floors.

The floors sit about a point under what was measured when they were set. Raise them
when the stage gets better; a drop below one is a regression.
``python -m storyline.evaluation.timebank`` prints the table for all 256 files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.evaluation.timebank import evaluate, normalise_value, read_tml

TIMEBANK = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "timebank"

FILES = 60
# measured on them: recall 0.970, precision 0.932, value accuracy 0.879, ISO accuracy 0.907
FLOORS = {"recall": 0.960, "precision": 0.920, "accuracy": 0.869, "iso_accuracy": 0.897}


@pytest.mark.slow
def test_timebank_scores_stay_above_the_floors(nlp: Any) -> None:
    if not TIMEBANK.is_dir():
        pytest.skip(f"TimeBank not found at {TIMEBANK}; it lives in ../shared/datasets/timebank")
    scores = evaluate(TIMEBANK, FILES, nlp=nlp)
    assert scores.documents == FILES
    measured = {name: getattr(scores, name) for name in FLOORS}
    below = {n: round(v, 3) for n, v in measured.items() if v < FLOORS[n]}
    assert not below, f"scores fell below the floors {FLOORS}: {below}\n{scores.table()}"


def test_tml_is_read_with_offsets_and_creation_time(tmp_path: Path) -> None:
    sample = tmp_path / "x.tml"
    sample.write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-06" '
        'functionInDocument="CREATION_TIME">19980206</TIMEX3></DCT>\n<TEXT>\nAT&amp;T said '
        '<TIMEX3 tid="t1" type="DATE" value="1998-02-05">Thursday</TIMEX3> it <EVENT eid="e1">'
        'grew</EVENT> for <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3>.'
        "\n</TEXT></TimeML>",
        encoding="utf-8",
    )
    doc = read_tml(sample)
    assert doc.published == "1998-02-06"
    assert [(doc.text[g.start : g.end], g.type, g.value) for g in doc.gold] == [
        ("Thursday", "DATE", "1998-02-05"),
        ("three years", "DURATION", "P3Y"),
    ]
    assert doc.text.startswith("\nAT&T said Thursday")


@pytest.mark.parametrize(
    ("gold", "key"),
    [
        ("1998-02-06TMO", "1998-02-06"),
        ("2000-04-04T09:00", "2000-04-04"),
        ("1952-XX", "1952"),
        ("1998-10-XX", "1998-10"),
        ("199X", "199"),
        ("2000-W7", "2000-W07"),
        ("1998-Q1", "1998-Q1"),
        ("PAST_REF", "PAST_REF"),
    ],
)
def test_gold_values_are_normalised_for_comparison(gold: str, key: str) -> None:
    assert normalise_value(gold) == key
