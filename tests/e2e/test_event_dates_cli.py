"""Inferred event dates end to end, through the real CLI: fictional outlets report one
meeting, one with its date, others without (published that day or the next), one by a
weekday, one as an opinion piece. The export holds one dated event; the undated reports'
mentions carry the publication day as an inferred date (``date_inferred``, ``date_rule``),
and the event keeps the stated date. A dateline's date is the report's, not an event's."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from tests.e2e.conftest import VALIDATOR, analyse_and_export

MEETING = "Veloria's President Lena Marsh met Ostravan Prime Minister Tomas Krell in Orvel City"
ARTICLES = [  # source, outlet, published, text
    (
        "wire-a",
        "Orvel Wire",
        "2031-05-07",
        f"{MEETING} on May 6 and the two leaders signed a water-sharing agreement, officials "
        "said.\n\nThe talks lasted four hours. Marsh called the agreement a turning point.",
    ),
    (
        "daily-b",
        "Veloria Daily",
        "2031-05-06",
        f"{MEETING}, the government said.\n\nThe two leaders discussed the water of the Saro "
        "river and the new dam. Krell said the talks were friendly.",
    ),
    (
        "herald-c",
        "Ostrava Herald",
        "2031-05-07",
        f"{MEETING}, his office said.\n\nKrell told reporters the meeting had been long "
        "overdue. Marsh did not speak to reporters.",
    ),
    (
        "gazette-d",
        "Saro Gazette",
        "2031-05-08",
        f"{MEETING} on Tuesday, officials in both capitals said.\n\nThe dam on the Saro was "
        "the main subject of the talks.",
    ),
    (
        "review-e",
        "Saro Review",
        "2031-05-09",
        "Opinion: A river is not a border\n\n"
        f"{MEETING}, and nothing will change on the river.\n\nThe dam is still unfinished.",
    ),
    (
        "tass-f",
        None,
        None,
        "ORVEL CITY, May 6 /Orvel Wire/. Lena Marsh and Tomas Krell discussed the river "
        "dam, the ministry said. The dam was begun in 2030 and the 2031 budget pays for it."
        "\n\nThe talks will go on in June.",
    ),
]


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("event-dates")
    lines = []
    for source, outlet, published, text in ARTICLES:
        item: dict[str, Any] = {"source": source, "text": text, "title": f"Talks ({source})"}
        if outlet:
            item["outlet"] = outlet
        if published:
            item["published"] = published
        lines.append(json.dumps(item))
    inputs = tmp / "reports.jsonl"
    inputs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    exported, _, _ = analyse_and_export([inputs], tmp)
    out = tmp / "story.json"
    checked = subprocess.run(
        [sys.executable, str(VALIDATOR), str(out)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    return dict(exported)


def mentions_by_source(story: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    source = {d["id"]: d["source"] for d in story["documents"]}
    return {source[m["doc"]]: m for m in event["mentions"]}


def test_one_event_dated_by_the_report_that_states_it(story: dict[str, Any]) -> None:
    meetings = [e for e in story["events"] if e["type"] == "CONSULT"]
    assert len(meetings) == 1, meetings
    event = meetings[0]
    assert (event["date"], event["date_inferred"], event["date_rule"]) == (
        "2031-05-06",
        False,
        None,
    )
    got = mentions_by_source(story, event)
    assert {"wire-a", "daily-b", "herald-c", "gazette-d"} <= set(got)
    stated = got["wire-a"]
    assert (stated["date"], stated["date_inferred"], stated["date_rule"]) == (
        "2031-05-06",
        False,
        None,
    )
    for source, day in (("daily-b", "2031-05-06"), ("herald-c", "2031-05-07")):
        m = got[source]
        assert (m["date"], m["date_inferred"], m["date_rule"]) == (day, True, "publication_day")
    weekday = got["gazette-d"]  # "on Tuesday" in a report of Thursday 8 May
    assert (weekday["date"], weekday["date_inferred"], weekday["date_rule"]) == (
        "2031-05-06",
        True,
        "weekday_past",
    )


def test_an_opinion_piece_gets_no_inferred_date(story: dict[str, Any]) -> None:
    for event in story["events"]:
        m = mentions_by_source(story, event).get("review-e")
        if m is not None:
            assert not m["date_inferred"]


def test_a_dateline_dates_the_report_with_its_year_from_the_text(story: dict[str, Any]) -> None:
    doc = next(d for d in story["documents"] if d["source"] == "tass-f")
    assert (doc["published"], doc["published_origin"]) == ("2031-05-06", "dateline")
    assert "year from" in doc["dates"][0]["evidence"]
    times = [t["text"] for t in story["times"] if t["doc"] == doc["id"]]
    assert "May 6" not in times  # the dateline's date is the report's, not an event's
