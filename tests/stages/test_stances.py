"""The stances stage on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.document import Stance
from storyline.stages.registry import REGISTRY
from tests.stages.test_quotes import Analyse, make_analyse


@pytest.fixture(scope="module")
def analyse(nlp: Any) -> Analyse:
    return make_analyse(nlp)


def stances_of(text: str, analyse: Analyse) -> list[tuple[str, list[str], str, str, str]]:
    found: list[tuple[str, list[str], str, str, str]] = []
    for s in analyse(text)["stances"]:
        assert isinstance(s, Stance)
        assert text[s.target_start : s.target_end] == s.target
        assert s.start <= s.target_start and s.target_end <= s.end
        holders = [text[a:b] for a, b in s.holders]
        found.append((s.polarity, holders, s.holder_text, s.target, s.cue))
    return found


def test_stage_is_registered_with_its_contract() -> None:
    import storyline.stages.stances  # noqa: F401

    spec = REGISTRY["stances"]
    assert (spec.version, spec.adds, spec.needs) == (
        2,
        ("stances",),
        ("parse", "sentences", "mentions", "quotes"),
    )


@pytest.mark.slow
def test_verbs_with_coordinated_holders_and_negation(analyse: Analyse) -> None:
    text = (
        "Germany and France oppose the expansion of the customs union. "
        "Brazil did not oppose the plan. Canada welcomed the decision."
    )
    assert stances_of(text, analyse) == [
        (
            "oppose",
            ["Germany", "France"],
            "Germany and France",
            "expansion of the customs union",
            "oppose",
        ),
        ("support", ["Canada"], "Canada", "decision", "welcomed"),
    ]


@pytest.mark.slow
def test_nouns_and_prepositions(analyse: Analyse) -> None:
    text = (
        "Hungary voiced opposition to the new sanctions package. "
        "Japan expressed understanding and support for the measures. "
        "Spain and Italy warned against a rush to impose new tariffs."
    )
    got = stances_of(text, analyse)
    assert [(p, h, t) for p, h, _, t, _ in got] == [
        ("oppose", ["Hungary"], "new sanctions package"),
        ("support", ["Japan"], "measures"),
        ("oppose", ["Spain", "Italy"], "rush to impose new tariffs"),
    ]


@pytest.mark.slow
def test_both_sides_resolve_to_the_last_coordinated_places(analyse: Analyse) -> None:
    text = (
        "Kenya and Ghana signed a joint statement in Accra. "
        "The two countries reject any interference in their internal affairs."
    )
    ((pol, holders, holder_text, target, _),) = stances_of(text, analyse)
    assert (pol, holders, holder_text) == ("oppose", ["Kenya", "Ghana"], "The two countries")
    assert target == "any interference in their internal affairs"


@pytest.mark.slow
def test_both_sides_without_places_keep_only_the_words(analyse: Analyse) -> None:
    text = "Both sides reject any interference in the talks."
    ((_, holders, holder_text, _, _),) = stances_of(text, analyse)
    assert (holders, holder_text) == ([], "Both sides")


@pytest.mark.slow
def test_we_inside_a_quote_is_its_speaker(analyse: Analyse) -> None:
    text = "“We firmly oppose any attempt to divide the alliance,” Kofi Mensah said."
    ((pol, holders, holder_text, target, _),) = stances_of(text, analyse)
    assert (pol, holders, holder_text) == ("oppose", ["Kofi Mensah"], "We")
    assert target == "any attempt to divide the alliance"


def test_no_parse_no_stances(nlp: Any) -> None:
    from storyline.stages.stances import find_stances

    text = "Nothing here."
    assert find_stances(nlp(text), text, [], [], []) == ()


@pytest.mark.slow
def test_the_two_countries_means_the_main_pair_not_the_last_named(analyse: Analyse) -> None:
    text = (
        "Brazil and Argentina signed a trade pact on Monday. Brazil wants more beef exports, "
        "and Argentina wants cheaper machinery. Brazil and Argentina also discussed rail "
        "links. Officials from Chile and Peru watched the ceremony. "
        "Both countries oppose new tariffs on grain."
    )
    (stance,) = [s for s in stances_of(text, analyse) if "tariffs" in s[3]]
    assert sorted(stance[1]) == ["Argentina", "Brazil"]


@pytest.mark.slow
def test_predicative_adjectives_with_a_preposition(analyse: Analyse) -> None:
    text = (
        "Norway and Sweden said they were “seriously concerned” about the new mining rules. "
        "Poland is opposed to the planned gas pipeline. "
        "Mexico is critical of the new border fees. "
        "Chile was supportive of the regional trade deal."
    )
    assert [(p, h, t, c) for p, h, _, t, c in stances_of(text, analyse)] == [
        ("oppose", ["Norway", "Sweden"], "new mining rules", "concerned about"),
        ("oppose", ["Poland"], "planned gas pipeline", "opposed to"),
        ("oppose", ["Mexico"], "new border fees", "critical of"),
        ("support", ["Chile"], "regional trade deal", "supportive of"),
    ]


@pytest.mark.slow
def test_pronoun_holders_in_coordinated_and_later_clauses(analyse: Analyse) -> None:
    text = (
        "Canada reaffirmed that it valued the partnership and it opposed the new export "
        "quotas. Ghana and Togo held talks on Monday. They later said they opposed the new "
        "levy. The European Commission published its report. It rejected the proposed tariffs."
    )
    assert [(p, h, t) for p, h, _, t, _ in stances_of(text, analyse)] == [
        ("oppose", ["Canada"], "new export quotas"),
        ("oppose", ["Ghana", "Togo"], "new levy"),
        ("oppose", ["European Commission"], "proposed tariffs"),
    ]


@pytest.mark.slow
def test_pledged_to_oppose_and_support_also_inside_a_quotation(analyse: Analyse) -> None:
    text = (
        "Egypt and Jordan pledged to oppose the blockade and support the ceasefire plan. "
        "Vladimir Ivanov and Li Ming met in Astana. The two presidents pledged “to counter "
        "foreign interference, oppose unilateral sanctions and deepen trade ties”."
    )
    assert [(p, h, t) for p, h, _, t, _ in stances_of(text, analyse)] == [
        ("oppose", ["Egypt", "Jordan"], "blockade"),
        ("support", ["Egypt", "Jordan"], "ceasefire plan"),
        ("oppose", ["Vladimir Ivanov", "Li Ming"], "foreign interference"),
        ("oppose", ["Vladimir Ivanov", "Li Ming"], "unilateral sanctions"),
    ]


@pytest.mark.slow
def test_negated_compliance_and_refusal_are_opposition(analyse: Analyse) -> None:
    text = (
        "Turkey will not comply with the arbitration ruling. "
        "Ireland will not recognise the breakaway region. "
        "Austria refused to accept the migration quota. "
        "Portugal refused to back the reform plan. "
        "Spain refused to condemn the strike. "
        "Peru did not refuse to accept the ruling. "
        "Greece did not oppose the deal."
    )
    assert [(p, h, t, c) for p, h, _, t, c in stances_of(text, analyse)] == [
        ("oppose", ["Turkey"], "arbitration ruling", "not comply with"),
        ("oppose", ["Ireland"], "breakaway region", "not recognise"),
        ("oppose", ["Austria"], "migration quota", "refused to accept"),
        ("oppose", ["Portugal"], "reform plan", "refused to back"),
    ]


@pytest.mark.slow
def test_adverbial_gerunds_share_the_subject(analyse: Analyse) -> None:
    text = "Denmark backed the proposal by opposing new subsidies and supporting a carbon tax."
    assert [(p, h, t) for p, h, _, t, _ in stances_of(text, analyse)] == [
        ("support", ["Denmark"], "proposal"),
        ("oppose", ["Denmark"], "new subsidies"),
        ("support", ["Denmark"], "carbon tax"),
    ]


@pytest.mark.slow
def test_nouns_with_a_possessor_or_a_statement_naming_its_issuers(analyse: Analyse) -> None:
    text = (
        "Finland's opposition to the fishing quotas was clear. "
        "A joint statement issued by Kenya and Uganda listed three points: a denouncement of "
        "military blocs, support for free trade and opposition to sanctions. "
        "A joint statement listed two points: a denouncement of arms races and support for "
        "open markets."
    )
    assert [(p, h, t) for p, h, _, t, _ in stances_of(text, analyse)] == [
        ("oppose", ["Finland"], "fishing quotas"),
        ("oppose", ["Kenya", "Uganda"], "military blocs"),
        ("support", ["Kenya", "Uganda"], "free trade"),
        ("oppose", ["Kenya", "Uganda"], "sanctions"),
    ]


@pytest.mark.slow
def test_a_long_target_is_not_cut_inside_a_hyphenated_word(analyse: Analyse) -> None:
    text = (
        "Ghana and Togo said they opposed the creation of any new military alliances "
        "seeking to provoke tension in the Asia-Pacific region."
    )
    ((pol, holders, _, target, _),) = stances_of(text, analyse)
    assert (pol, holders) == ("oppose", ["Ghana", "Togo"])
    assert target == "creation of any new military alliances seeking to provoke tension"
