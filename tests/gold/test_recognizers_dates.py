"""The Recognizers-Text DateTime check: spec files read (BOM, contexts, kinds, duplicates),
what counts as a right value, and a run over a small spec written here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.evaluation.recognizers_dates import GoldDate, accepted, evaluate, read_cases

SPEC = [
    {
        "Input": "They met on Friday.",
        "Context": {"ReferenceDateTime": "2016-11-07T00:00:00"},
        "Results": [
            {
                "Text": "friday",
                "Type": "date",
                "Value": {
                    "Timex": "XXXX-WXX-5",
                    "FutureResolution": {"date": "2016-11-11"},
                    "PastResolution": {"date": "2016-11-04"},
                },
                "Start": 12,
                "Length": 6,
            }
        ],
    },
    {
        "Input": "Sales rose in March 2015 and next week.",
        "Context": {"ReferenceDateTime": "2016-11-07T00:00:00"},
        "Results": [
            {
                "Text": "march 2015",
                "Type": "daterange",
                "Value": {"Timex": "2015-03"},
                "Start": 13,
                "Length": 10,
            },
            {
                "Text": "next week",
                "Type": "daterange",
                "Value": {"Timex": "2016-W46"},
                "Start": 28,
                "Length": 9,
            },
        ],
    },
    {"Input": "No reference here", "Results": []},
    {"Input": "They met on Friday.", "Context": {"ReferenceDateTime": "2017-01-01"}},
]


def write_spec(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "DateParser.json").write_text(
        "\ufeff" + json.dumps(SPEC), encoding="utf-8"
    )  # the specs start with a byte-order mark
    return folder


def test_cases_are_read_once_with_their_reference(tmp_path: Path) -> None:
    cases = read_cases(write_spec(tmp_path / "spec"))
    assert [(c.text, c.reference, len(c.gold)) for c in cases] == [
        ("They met on Friday.", "2016-11-07", 1),
        ("Sales rose in March 2015 and next week.", "2016-11-07", 2),
    ]


@pytest.mark.parametrize(
    ("timex", "resolved", "want"),
    [
        ("2015-03", (), {"2015-03"}),
        ("2016-W46", (), {"2016-W46"}),
        ("XXXX-WXX-5", ("2016-11-11", "2016-11-04"), {"2016-11-11", "2016-11-04"}),
        ("XXXX-09", ("2017-09-01", "2016-09-01"), {"2017-09", "2016-09"}),
        ("(2016-11-04,2016-11-22,P18D)", (), None),  # a range is not scored
        ("2016-11-07T10", (), None),
    ],
)
def test_what_counts_as_right(timex: str, resolved: tuple[str, ...], want: set[str] | None) -> None:
    assert accepted(GoldDate(0, 1, timex, resolved)) == want


@pytest.mark.slow
def test_a_small_spec_is_scored(tmp_path: Path, nlp: Any) -> None:
    scores = evaluate(write_spec(tmp_path / "spec"), nlp=nlp)
    assert (scores.cases, scores.gold, scores.scored) == (2, 3, 3)
    assert scores.recalled == 3 and scores.exact == 3, scores.misses
