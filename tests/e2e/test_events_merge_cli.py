"""Events merged across outlets, through the real CLI: five short reports by fictional
outlets (written for this test) tell four fictional events — a meeting in Oslo, an arrest
in Minsk, sanctions on Belarus and a second meeting in Oslo the same month — with dates
given as weekdays, as calendar dates or not at all, and in different words. Each event is
one event with its date and type; the two meetings of one month stay apart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import analyse_and_export

pytestmark = pytest.mark.slow

REPORTS = [  # source, outlet, published, text
    (
        "fjord.txt",
        "Fjord Courier",
        "2025-03-12",
        "Prime Minister Astrid Halvorsen met Chilean President Mateo Quintana in Oslo on "
        "Tuesday. The two leaders discussed fishing quotas and a new shipping route.\n\n"
        "Belarusian police arrested the opposition leader Tomas Brandt in Minsk on "
        "Wednesday, his party said.",
    ),
    (
        "andes.txt",
        "Andes Ledger",
        "2025-03-13",
        "On March 11, Astrid Halvorsen held talks with Mateo Quintana in Oslo, the first "
        "visit by a Chilean president to Norway in a decade.\n\n"
        "In Minsk, Tomas Brandt was detained on March 12 as he left his office.",
    ),
    (
        "harbour.txt",
        "Harbour Weekly",
        None,
        "Astrid Halvorsen and Mateo Quintana met in Oslo to discuss the shipping route. "
        "Both leaders said the talks went well.",
    ),
    (
        "capital.txt",
        "Capital Herald",
        "2025-03-15",
        "The European Union imposed sanctions on Belarus on Friday, two days after the "
        "arrest of Tomas Brandt. The measures freeze the assets of twelve officials.",
    ),
    (
        "north.txt",
        "Northern Star",
        "2025-03-21",
        "Astrid Halvorsen met Japanese Prime Minister Kenji Arakawa in Oslo on Thursday. "
        "They signed no agreement.\n\n"
        "Last week, on March 14, the European Union imposed sanctions on Belarus.",
    ),
]


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("events_merge")
    lines = [
        json.dumps(
            {"source": s, "outlet": o, "text": t, "title": f"News ({o})"}
            | ({"published": p} if p else {})
        )
        for s, o, p, t in REPORTS
    ]
    path = tmp / "reports.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    exported, _, _ = analyse_and_export([path], tmp)
    return exported


def _entity(story: dict[str, Any], name: str) -> str:
    hits = [e["id"] for e in story["entities"] if e["name"] == name or name in e["aliases"]]
    assert len(hits) == 1, (name, [e["name"] for e in story["entities"]])
    return hits[0]


def _events(story: dict[str, Any], etype: str, *names: str) -> list[dict[str, Any]]:
    ids = {_entity(story, n) for n in names}
    return [e for e in story["events"] if e["type"] == etype and ids <= set(e["participants"])]


def _sources(story: dict[str, Any], event: dict[str, Any]) -> set[str]:
    by_id = {d["id"]: Path(d["source"]).name for d in story["documents"]}
    return {by_id[m["doc"]] for m in event["mentions"]}


def test_the_meeting_told_three_ways_is_one_event(story: dict[str, Any]) -> None:
    (meeting,) = _events(story, "CONSULT", "Astrid Halvorsen", "Mateo Quintana")
    assert meeting["date"] == "2025-03-11"
    assert _sources(story, meeting) == {"fjord.txt", "andes.txt", "harbour.txt"}


def test_the_second_meeting_of_the_month_stays_apart(story: dict[str, Any]) -> None:
    (second,) = _events(story, "CONSULT", "Astrid Halvorsen", "Kenji Arakawa")
    assert second["date"] == "2025-03-20"
    assert _sources(story, second) == {"north.txt"}
    first = _events(story, "CONSULT", "Astrid Halvorsen", "Mateo Quintana")
    assert second["id"] not in {e["id"] for e in first}


def test_the_arrest_is_one_coerce_event(story: dict[str, Any]) -> None:
    """ "Two days after the arrest of Tomas Brandt" is the same arrest, not one on Friday."""
    (arrest,) = _events(story, "COERCE", "Tomas Brandt")
    assert arrest["date"] == "2025-03-12"
    assert _sources(story, arrest) == {"fjord.txt", "andes.txt", "capital.txt"}


def test_the_sanctions_are_one_event(story: dict[str, Any]) -> None:
    (sanctions,) = _events(story, "SANCTION", "European Union", "Belarus")
    assert sanctions["date"] == "2025-03-14"
    assert _sources(story, sanctions) == {"capital.txt", "north.txt"}


def test_no_event_from_what_did_not_happen(story: dict[str, Any]) -> None:
    """ "They signed no agreement": no AGREE event."""
    assert not [e for e in story["events"] if e["type"] == "AGREE"]
