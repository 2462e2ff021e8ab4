"""Cross-document event resolution: same event across outlets, different events apart."""

from __future__ import annotations

from storyline.document import EventMention
from storyline.resolve.events import resolve_events

XI, PUTIN, BEIJING, MOSCOW = "e_xi", "e_putin", "e_beijing", "e_moscow"


def _mention(
    doc: str, date: str | None, place: bool = True, etype: str = "CONSULT", label: str = "m"
) -> tuple[str, str, EventMention]:
    m = EventMention(
        0, 50, etype, "met", label, ((0, 5), (10, 12)), (20, 27) if place else None, date
    )
    return (f"em_{doc}_{date}_{etype}", doc, m)


def _entities(places: dict[str, str]) -> dict[tuple[str, int, int], str]:
    out: dict[tuple[str, int, int], str] = {}
    for doc, place in places.items():
        out[(doc, 0, 5)] = PUTIN
        out[(doc, 10, 12)] = XI
        out[(doc, 20, 27)] = place
    return out


def test_same_meeting_across_outlets_merges() -> None:
    mentions = [
        _mention("d1", "2022-02-04", label="Putin meets Xi in Beijing"),
        _mention("d2", "2022-02", label="Putin meets Xi in Beijing"),
        _mention("d3", None, place=False, label="Putin and Xi meet"),
    ]
    published = {"d1": "2022-02-05", "d2": "2022-02-04", "d3": "2022-02-06"}
    places = {"d1": BEIJING, "d2": BEIJING, "d3": BEIJING}
    events = resolve_events(mentions, _entities(places), published)
    assert len(events) == 1
    (event,) = events
    assert event.date == "2022-02-04"
    assert event.participants == (PUTIN, XI)
    assert event.place == BEIJING
    assert event.label == "Putin meets Xi in Beijing"
    assert len(event.mention_ids) == 3
    assert event.id.startswith("v_")


def test_different_events_of_the_same_actors_stay_apart() -> None:
    mentions = [
        _mention("d1", "2022-02-04"),
        _mention("d2", "2023-03"),
        _mention("d3", "2024-05-16"),
        _mention("d4", "2022-02-04", etype="AGREE"),
    ]
    places = {"d1": BEIJING, "d2": MOSCOW, "d3": BEIJING, "d4": BEIJING}
    events = resolve_events(mentions, _entities(places), dict.fromkeys(places, "2024-06-01"))
    assert [e.date for e in events] == ["2022-02-04", "2022-02-04", "2023-03", "2024-05-16"]
    assert {e.type for e in events} == {"CONSULT", "AGREE"}


def test_undated_mentions_merge_only_when_published_close() -> None:
    mentions = [_mention("d1", None), _mention("d2", None), _mention("d3", None)]
    published = {"d1": "2022-02-04", "d2": "2022-02-06", "d3": "2022-06-01"}
    places = {"d1": BEIJING, "d2": BEIJING, "d3": BEIJING}
    events = resolve_events(mentions, _entities(places), published)
    assert sorted(len(e.mention_ids) for e in events) == [1, 2]


def test_place_conflict_and_unresolved_participants() -> None:
    mentions = [_mention("d1", "2022-02-04"), _mention("d2", "2022-02-04")]
    events = resolve_events(mentions, _entities({"d1": BEIJING, "d2": MOSCOW}), {})
    assert len(events) == 2
    assert resolve_events(mentions, {}, {}) == []


def test_resolution_is_deterministic() -> None:
    mentions = [_mention("d1", "2022-02-04"), _mention("d2", "2022-02"), _mention("d3", "2023")]
    places = {"d1": BEIJING, "d2": BEIJING, "d3": MOSCOW}
    first = resolve_events(mentions, _entities(places), {})
    assert resolve_events(list(reversed(mentions)), _entities(places), {}) == first


OSAKA, ROME = "e_osaka", "e_rome"


def test_undated_outlets_join_the_only_dated_meeting_of_their_place() -> None:
    """Two meetings of the same leaders (2019 Osaka, 2021 Rome) told by three outlets."""
    mentions = [
        _mention("a1", "2019-06-29"),
        _mention("b1", "2021-10-30"),
        _mention("c1", None),
        _mention("c2", None),
    ]
    places = {"a1": OSAKA, "b1": ROME, "c1": OSAKA, "c2": ROME}
    published = {"a1": "2019-06-30", "b1": "2021-10-31", "c1": None, "c2": None}
    events = resolve_events(mentions, _entities(places), published)
    assert [(e.date, e.place, len(e.mention_ids)) for e in events] == [
        ("2019-06-29", OSAKA, 2),
        ("2021-10-30", ROME, 2),
    ]


def test_undated_mention_of_ambiguous_meeting_stays_apart() -> None:
    mentions = [_mention("a1", "2019-06-29"), _mention("b1", "2021-10-30"), _mention("c1", None)]
    places = {"a1": OSAKA, "b1": ROME, "c1": OSAKA}
    entities = _entities(places)
    del entities[("c1", 20, 27)]  # no place: either meeting
    events = resolve_events(mentions, entities, {"a1": None, "b1": None, "c1": None})
    assert sorted(len(e.mention_ids) for e in events) == [1, 1, 1]


def test_only_dated_meeting_takes_an_undated_report() -> None:
    mentions = [_mention("a1", "2022-02-04"), _mention("c1", None, place=False)]
    events = resolve_events(mentions, _entities({"a1": BEIJING, "c1": BEIJING}), {})
    assert [len(e.mention_ids) for e in events] == [2]


def test_two_meetings_of_one_month_with_different_sides_stay_apart() -> None:
    """ "Putin meets Xi" and "Putin meets Modi", both in February 2022 at one place, are two
    meetings; a third report of Putin and Xi joins the first."""
    modi = "e_modi"
    mentions = [_mention("d1", "2022-02"), _mention("d2", "2022-02"), _mention("d3", "2022-02-04")]
    entities = _entities({"d1": MOSCOW, "d2": MOSCOW, "d3": MOSCOW})
    entities[("d2", 10, 12)] = modi  # d2's second participant is Modi, not Xi
    events = resolve_events(mentions, entities, {})
    assert sorted((e.participants, len(e.mention_ids)) for e in events) == [
        ((modi, PUTIN), 1),
        ((PUTIN, XI), 2),
    ]
