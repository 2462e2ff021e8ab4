"""Events across the PLOVER types, the senses of "call", "strike" and "attack", and what
is no event (denied, wished for, threatened, habitual, asked). Texts written for the test."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.document import Document, EventMention, Metadata, document_id

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run_events(nlp: Any) -> Any:
    import storyline.stages
    import storyline.stages.events
    import storyline.stages.times  # noqa: F401
    from storyline.stages.registry import REGISTRY, run_stages

    chain = [REGISTRY[n] for n in ("sentences", "entities", "times", "events")]

    def run(text: str, published: str | None = "2021-06-16") -> list[EventMention]:
        doc = Document(document_id(text), "test", text, Metadata(published=published))
        out = run_stages(chain, doc, nlp(text))["events"]
        return [e for e in out if isinstance(e, EventMention)]

    return run


def _typed(run_events: Any, text: str) -> list[tuple[str, str]]:
    return [(e.type, e.label) for e in run_events(text)]


def test_call_for_and_call_on_are_requests_not_meetings(run_events: Any) -> None:
    assert _typed(run_events, "Donald Trump called for a tougher travel ban on Monday.") == [
        ("REQUEST", "Donald Trump calls for a tougher travel ban")
    ]
    (event,) = run_events("Joe Biden called on Congress to pass the budget.")
    assert (event.type, event.label) == ("REQUEST", "Joe Biden calls on Congress")


def test_calling_someone_names_is_no_meeting(run_events: Any) -> None:
    insult = 'Donald Trump called Nancy Pelosi "crazy Nancy" on Tuesday.'
    assert [e.type for e in run_events(insult)] == ["ACCUSE"]
    liar = "Donald Trump called Nancy Pelosi a liar on Tuesday."
    assert [e.type for e in run_events(liar)] == ["ACCUSE"]
    praise = 'The Chamber of Commerce calls the treaty "a boost for exporters."'
    assert run_events(praise) == []
    verdict = 'Sergei Lavrov called the decision "unacceptable" on Friday.'
    assert run_events(verdict) == []


def test_only_a_phone_call_is_a_consultation(run_events: Any) -> None:
    text = "Joe Biden called Emmanuel Macron on Friday to discuss the crisis."
    (event,) = run_events(text)
    assert (event.type, event.label, event.date) == (
        "CONSULT",
        "Joe Biden calls Emmanuel Macron",
        "2021-06-11",
    )
    spoke = "Olaf Scholz spoke by phone with Justin Trudeau on Monday."
    assert [e.type for e in run_events(spoke)] == ["CONSULT"]
    held = "Olaf Scholz held a phone call with Justin Trudeau on Monday."
    assert [e.type for e in run_events(held)] == ["CONSULT"]


def test_accusations_threats_and_rejections(run_events: Any) -> None:
    text = (
        "Joe Biden accused Vladimir Putin of war crimes on Monday. "
        "North Korea threatened to attack Japan on Tuesday. "
        "Nancy Pelosi rejected the offer from Donald Trump on Wednesday."
    )
    found = _typed(run_events, text)
    assert found == [
        ("ACCUSE", "Joe Biden accuses Vladimir Putin"),
        ("THREATEN", "North Korea threatens to attack Japan"),
        ("REJECT", "Nancy Pelosi rejects the offer from Donald Trump"),
    ]


def test_a_verbal_attack_on_a_person_is_an_accusation(run_events: Any) -> None:
    verbal = "Donald Trump attacked Nancy Pelosi in a speech on Monday."
    assert [e.type for e in run_events(verbal)] == ["ACCUSE"]
    war = "Russia attacked Ukraine on February 24, 2022."
    assert _typed(run_events, war) == [("ASSAULT", "Russia attacks Ukraine")]
    strike = "Israel struck targets in Gaza on Tuesday."
    assert [e.type for e in run_events(strike)] == ["ASSAULT"]
    deal = "Israel and Egypt struck a deal in Cairo on Tuesday."
    assert [e.type for e in run_events(deal)] == ["AGREE"]


def test_arrests_courts_protests_and_sanctions(run_events: Any) -> None:
    arrest = "Alexei Navalny was arrested in Moscow on Sunday."
    (event,) = run_events(arrest)
    assert (event.type, event.label, event.date) == (
        "COERCE",
        "Alexei Navalny is arrested in Moscow",
        "2021-06-13",
    )
    court = "A federal grand jury indicted Paul Manafort on Friday."
    assert _typed(run_events, court) == [("ACCUSE", "Paul Manafort is indicted")]
    protest = "Thousands of students protested in Minsk on Sunday."
    (event,) = run_events(protest)
    assert (event.type, event.label) == ("PROTEST", "protest in Minsk")
    sanction = "The European Union imposed sanctions on Belarus on Monday."
    assert _typed(run_events, sanction) == [("SANCTION", "European Union sanctions Belarus")]


def test_aid_mobilisation_retreat_and_concessions(run_events: Any) -> None:
    text = (
        "The United States sent $300 million in military aid to Ukraine last week. "
        "Germany deployed troops to Lithuania on Monday. "
        "Russia withdrew its troops from Kherson in November. "
        "Boris Johnson resigned on Thursday. "
        "Iran released two American prisoners on Saturday."
    )
    assert [e.type for e in run_events(text)] == [
        "AID",
        "MOBILIZE",
        "RETREAT",
        "CONCEDE",
        "CONCEDE",
    ]


def test_support_and_cooperation(run_events: Any) -> None:
    text = (
        "Angela Merkel endorsed Olaf Scholz on Monday. "
        "France cooperated with Germany on the inquiry in March."
    )
    assert [e.type for e in run_events(text)] == ["SUPPORT", "COOPERATE"]


def test_denied_wished_asked_and_habitual_are_no_events(run_events: Any) -> None:
    text = (
        "Angela Merkel did not meet Emmanuel Macron. "
        "The European Union would impose sanctions on Belarus if it refused. "
        "Canada wants to sign a deal with Mexico before December. "
        "Justin Trudeau canceled his planned visit to Beijing. "
        "Will Russia invade Ukraine? "
        "Canada and Mexico agreed that the rules were fair. "
        "Japan and India often hold talks in Tokyo. "
        "Officials warned against a military strike on Iran. "
        "Marco Rubio is skeptical that Kim Jong Un will agree to give up his weapons."
    )
    assert run_events(text) == []


def test_a_demand_is_the_event_not_what_it_demands(run_events: Any) -> None:
    text = "Kim Jong Un requested a meeting with Moon Jae-in on Friday."
    assert [e.type for e in run_events(text)] == ["REQUEST"]
    urged = "Joe Biden urged Vladimir Putin to withdraw his troops from the border."
    assert _typed(run_events, urged) == [("REQUEST", "Joe Biden urges Vladimir Putin")]
    comment = "Olaf Scholz declined to comment on the report."
    assert run_events(comment) == []


def test_labels_leave_out_repeated_name_parts(run_events: Any) -> None:
    from storyline.document import Mention
    from storyline.stages.events_labels import label as _label

    def m(text: str) -> Mention:
        return Mention(0, len(text), text, "PERSON", text)

    named = [m("Charles Schumer Charles"), m("Schumer")]
    label = _label("meets", named, [m("Mitch McConnell")], None)
    assert label == "Charles Schumer meets Mitch McConnell"
    assert _label("meets", [m("SchumerTrump")], [m("Joe Biden")], None) == (
        "SchumerTrump meets Joe Biden"  # nothing clean left: the names as they are
    )
    assert _label("meets", [m("Xi Jinping")], [m("Xi"), m("Vladimir Putin")], None) == (
        "Xi Jinping meets Vladimir Putin"
    )
    assert _label("arrests", [], [m("Said Kouachi"), m("Cherif Kouachi")], None, None,
                  "is arrested") == "Said Kouachi and Cherif Kouachi are arrested"  # fmt: skip


def test_weapons_fired_operations_launched_and_tariffs_imposed(run_events: Any) -> None:
    text = (
        "Hamas fired rockets at Israel on Tuesday. "
        "Turkey launched a military operation against Kurdish fighters on Wednesday. "
        "Donald Trump imposed tariffs on steel imports in March."
    )
    assert [e.type for e in run_events(text)] == ["ASSAULT", "ASSAULT", "SANCTION"]
    assert run_events("Donald Trump fired James Comey in May.") == []
    assert run_events("Donald Trump seized on a report by The New York Times.") == []
    assert run_events("Emmanuel Macron conceded nothing to Angela Merkel.") == []


def test_trips_occasions_denials_and_hopes(run_events: Any) -> None:
    trip = "Foreign Minister Anna Lindqvist flew to Tokyo on Monday."
    assert _typed(run_events, trip) == [("CONSULT", "Anna Lindqvist visits Tokyo")]
    assert run_events("The suspect, Omar Haddad, flew to Tokyo on Monday.") == []
    game = "Olaf Scholz attended a football game on Saturday."
    assert run_events(game) == []
    denial = "Josh Earnest rejected the notion that the crisis resembled the Iraq war."
    assert run_events(denial) == []
    hoped = "The envoy was hopeful for fresh talks between John Kerry and Sergei Lavrov."
    assert run_events(hoped) == []
    assert run_events("Canada has consistently rejected the plan of Mexico.") == []


def test_conjuncts_datelines_and_one_sided_agreements(run_events: Any) -> None:
    killed = "Muammar Qadhafi was ousted and killed in 2011."
    assert _typed(run_events, killed) == [("ASSAULT", "Muammar Qadhafi is killed")]
    dateline = "QUETTA, Pakistan (Reuters) - Gunmen stormed a luxury hotel in Gwadar on Saturday."
    assert run_events(dateline) == []
    agreed = "China agreed on Sunday to cut import levies on cars."
    assert [e.type for e in run_events(agreed)] == ["AGREE"]
    demanded = "North Korea demanded that Japan pull out its troops and withdraw its ships."
    assert [e.type for e in run_events(demanded)] == ["REQUEST"]
    jobs = "Their refusal to trade fairly threatens millions of jobs, Donald Trump said."
    assert run_events(jobs) == []


def test_the_two_sides_just_named_are_who_signs(run_events: Any) -> None:
    found = _typed(
        run_events,
        "Prime Minister Ana Lopes met President Tomas Rivera in Lisbon on Monday, and both "
        "sides signed a trade accord.",
    )
    assert ("AGREE", "Ana Lopes and Tomas Rivera sign an accord") in found
    # a dateline's capitals are where the report was filed, not a side of the event
    found = _typed(
        run_events,
        "LIMA, June 14, 2021 — Trade Minister Rosa Quispe met Finance Minister Hugo Salas "
        "on Monday and the two ministers signed a budget pact.",
    )
    assert all("Lima" not in label for _, label in found), found
    assert ("AGREE", "Rosa Quispe and Hugo Salas sign a pact") in found
