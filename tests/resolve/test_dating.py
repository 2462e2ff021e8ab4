"""Inferred dates for undated documents (pure function; events built by hand)."""

from __future__ import annotations

from storyline.document import Event, EventMention
from storyline.resolve.dating import TimeInfo, infer_dates


def _mention(label: str, date: str | None, time: tuple[int, int] | None) -> EventMention:
    return EventMention(0, 10, "CONSULT", "met", label, ((0, 2), (4, 6)), None, date, time)


def _event(*ids: str, date: str | None = "2021-03-03") -> Event:
    return Event("v_1", "CONSULT", "A meets B", ("e_a", "e_b"), None, date, tuple(ids))


def test_weekday_that_fits_gives_the_day_else_the_month() -> None:
    mentions = [
        ("m1", "dated", _mention("A meets B", "2021-03-03", (20, 33))),
        ("m2", "weekday", _mention("A meets B", None, (5, 14))),
        ("m3", "plain", _mention("A meets B", None, None)),
    ]
    times = {
        ("dated", 20, 33): TimeInfo("March 3, 2021", "2021-03-03", None),
        ("weekday", 5, 14): TimeInfo("Wednesday", None, None),
    }
    published = {"dated": "2021-03-05", "weekday": None, "plain": None}
    got = infer_dates(mentions, [_event("m1", "m2", "m3")], published, times)
    assert set(got) == {"weekday", "plain"}
    assert got["weekday"].value == "2021-03-03"  # 3 March 2021 was a Wednesday
    assert "Wednesday" in got["weekday"].evidence
    assert got["plain"].value == "2021-03"


def test_a_weekday_that_does_not_fit_gives_only_the_month() -> None:
    mentions = [
        ("m1", "dated", _mention("A meets B", "2021-03-03", None)),
        ("m2", "undated", _mention("A meets B", None, (0, 6))),
    ]
    times = {("undated", 0, 6): TimeInfo("Friday", None, None)}
    got = infer_dates(mentions, [_event("m1", "m2")], {"dated": "2021-03-04"}, times)
    assert got["undated"].value == "2021-03"


def test_dates_resting_on_an_inferred_date_do_not_count() -> None:
    # an undated article whose mention got its date from a relative expression (anchored on
    # an earlier inference) is no evidence for another undated article
    mentions = [
        ("m1", "was_inferred", _mention("A meets B", "2021-03-03", (0, 6))),
        ("m2", "undated", _mention("A meets B", None, None)),
    ]
    times = {("was_inferred", 0, 6): TimeInfo("Wednesday", "2021-03-03", "2021-03-03")}
    got = infer_dates(mentions, [_event("m1", "m2")], {}, times)
    assert got == {}


def test_the_latest_dated_event_wins_and_years_alone_do_not_count() -> None:
    mentions = [
        ("m1", "src", _mention("A meets B", "2019-06", None)),
        ("m2", "src", _mention("A meets B", "2021-03-03", None)),
        ("m3", "src", _mention("A meets B", "2024", None)),
        ("u1", "undated", _mention("A meets B", None, None)),
        ("u2", "undated", _mention("A meets B", None, None)),
        ("u3", "undated", _mention("A meets B", None, None)),
    ]
    events = [_event("m1", "u1", date="2019-06"), _event("m2", "u2"),
              _event("m3", "u3", date="2024")]  # fmt: skip
    got = infer_dates(mentions, events, {"src": "2024-01-01"}, {})
    assert got["undated"].value == "2021-03"
