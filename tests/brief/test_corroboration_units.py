"""Same fact or not, and boilerplate or news, on hand-built sentences."""

from __future__ import annotations

from dataclasses import replace

from storyline.store.brief_queries import FactFigure
from storyline.story_views.boilerplate import boilerplate, keys
from storyline.story_views.corroboration import compare
from storyline.story_views.scope import Unit
from storyline.story_views.text import content_terms


def _figure(text: str, value: float, unit: str = "count", hedge: str | None = None) -> FactFigure:
    return FactFigure(
        "f", "d", 0, len(text), text, value, unit, "people killed", "actual", None, None, None,
        None, hedge,
    )  # fmt: skip


def _unit(
    text: str,
    *figures: FactFigure,
    speakers: frozenset[str] = frozenset(),
    stances: tuple[tuple[frozenset[str], str], ...] = (),
    entities: frozenset[str] = frozenset(),
    people: frozenset[str] = frozenset(),
) -> Unit:
    terms = tuple(content_terms(text))
    placed = tuple(
        replace(f, start=text.find(f.text), end=text.find(f.text) + len(f.text)) for f in figures
    )
    return Unit(
        "d", 0, len(text), text, 0, terms, terms, entities, frozenset(), placed,
        frozenset(), 0.0, False, "d", speakers, stances, people,
    )  # fmt: skip


def test_thirty_and_at_least_fifty_killed_differ() -> None:
    fifty = _unit("At least 50 people were killed", _figure("50 people", 50, hedge="at least"))
    thirty = _unit("30 people were killed", _figure("30 people", 30))
    c = compare(fifty, thirty)
    assert c.relation == "differs" and c.mine == ("at least 50 people",)
    assert c.theirs == ("30 people",)


def test_values_within_rounding_and_hedges_are_the_same_fact() -> None:
    around = _unit(
        "Trade reached around $140 billion", _figure("$140 billion", 140e9, "USD", "around")
    )
    exact = _unit("Trade reached $146.9 billion", _figure("$146.9 billion", 146.9e9, "USD"))
    plain = _unit("Trade reached $140 billion", _figure("$140 billion", 140e9, "USD"))
    assert compare(around, exact).relation == "same"
    assert compare(plain, exact).relation == "differs"


def test_a_figure_the_other_leaves_out_is_no_corroboration() -> None:
    fifty = _unit("50 people were killed in the storm", _figure("50 people", 50))
    vague = _unit("Many people were killed in the storm")
    assert compare(fifty, vague).relation == "other"
    assert compare(vague, fifty).relation == "same"  # the vaguer line is stated by both


def test_a_quote_by_someone_else_does_not_carry_the_line() -> None:
    vitti = _unit("Vitti said Italy opposed the quotas", speakers=frozenset({"e_vitti"}))
    renzi = _unit("Renzi said Italy opposed the quotas", speakers=frozenset({"e_renzi"}))
    named = _unit("Italy opposed the quotas, Vitti's office said", entities=frozenset({"e_vitti"}))
    assert compare(vitti, renzi).relation == "other"
    assert compare(vitti, named).relation == "same"
    assert compare(vitti, _unit("Italy opposed the quotas")).relation == "other"


def test_the_same_holder_with_the_other_polarity_is_a_disagreement() -> None:
    holder = frozenset({"e_italy"})
    against = _unit("Italy opposes the quotas", stances=((holder, "oppose"),))
    support = _unit("Italy supports the quotas", stances=((holder, "support"),))
    other = _unit("Spain opposes the quotas", stances=((frozenset({"e_spain"}), "oppose"),))
    assert compare(against, support).relation == "differs"
    assert compare(against, other).relation == "other"


def test_sentences_about_different_people_are_different_facts() -> None:
    a = _unit("The minister resigned on Monday", people=frozenset({"e_a"}))
    b = _unit("The minister resigned on Monday", people=frozenset({"e_b"}))
    assert compare(a, b).relation == "other"


PROMPT = "Sign up for our free newsletter to get the best stories every morning."
TOPICS = [
    "The city library extends its opening hours for students during exams.",
    "A bakery won the regional prize for its rye bread and pastries.",
    "Heavy snow closed the mountain pass north of the capital for days.",
    "The football club appointed a former goalkeeper as its new coach.",
    "An exhibition of medieval maps opens at the national museum.",
]


def test_a_prompt_on_unrelated_pages_is_boilerplate_but_a_shared_quote_is_not() -> None:
    pieces = {f"d{k}": [topic, PROMPT] for k, topic in enumerate(TOPICS)}
    quote = "We will rebuild the bridge before winter, the mayor told reporters."
    own = [
        ("The river bridge collapsed after the flood on Sunday night.", "Divers searched below."),
        ("Floodwater swept away the old bridge over the river.", "It carried a thousand cars."),
        ("A flood destroyed the town's only river bridge.", "Residents now cross by ferry."),
    ]
    for k, (first, last) in enumerate(own):
        pieces[f"q{k}"] = [first, quote, last]
    found = boilerplate(pieces, {})
    assert keys(PROMPT)[0] in found
    assert not any(k in found for k in keys(quote))
    assert not any(k in found for topic in TOPICS for k in keys(topic))


def test_copies_of_one_report_are_not_boilerplate() -> None:
    pieces = {f"d{k}": [TOPICS[0], PROMPT] for k in range(5)}
    assert boilerplate(pieces, dict.fromkeys(pieces, "r_one")) == frozenset()
