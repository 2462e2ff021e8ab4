"""Cross-document entity resolution on mentions written for these tests."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.document import (
    Entity,
    EntityType,
    Mention,
    StoredMention,
    content_hash,
    mention_id,
)
from storyline.resolve.entities import clean_name, resolve_entities
from storyline.resolve.names import family_names, fold, initials, person_key, person_word_key
from tests.conftest import AnalyseText


class Corpus:
    """Builds stored mentions document by document, with offsets as in real text."""

    def __init__(self) -> None:
        self.mentions: list[StoredMention] = []
        self.cursor: dict[str, int] = {}

    def add(
        self,
        doc: str,
        text: str,
        label: EntityType = "PERSON",
        kb_id: str | None = None,
        canonical: str | None = None,
        origin: str = "ner",
        gap: int = 10,
    ) -> StoredMention:
        start = self.cursor.get(doc, 0) + gap
        self.cursor[doc] = start + len(text)
        m = Mention(start, start + len(text), text, label, text, kb_id, canonical, origin)
        sm = StoredMention(mention_id(doc, m.start, m.end), doc, m)
        self.mentions.append(sm)
        return sm


def entity_of(entities: Sequence[Entity], sm: StoredMention) -> Entity:
    (found,) = [e for e in entities if sm.id in e.mention_ids]
    return found


def same(entities: Sequence[Entity], *mentions: StoredMention) -> bool:
    return len({entity_of(entities, m).id for m in mentions}) == 1


# ---------------------------------------------------------------------------- names


def test_name_keys() -> None:
    assert fold("U.S.") == fold("US") == "us"
    assert fold("Erdoğan") == "erdogan"
    assert person_key("Sergey Lavrov") == person_key("Sergei Lavrov")
    assert person_key("Yury Ushakov") == person_key("Yuri Ushakov") == person_key("Yuriy Ushakov")
    assert person_key("Dmitriy Peskov") == person_key("Dmitry Peskov")
    assert person_key("Volodymyr Zelenskyy") == person_key("Volodymyr Zelensky")
    assert person_key("Wang Yi") != person_key("Wan Qingsong")
    assert family_names("Xi Jinping") == (person_word_key("Jinping"), person_word_key("Xi"))
    assert family_names("Anna Kowalski") == (person_word_key("Kowalski"),)
    assert family_names("Kowalski") == ()
    assert initials("North Atlantic Treaty Organisation") == "NATO"
    assert initials("Organization for Security and Co-operation in Europe") == "OSCE"


def test_clean_name_strips_the_titles_and_possessives() -> None:
    titles = frozenset({("president",), ("foreign", "minister")})
    assert clean_name("President Putin's", "PERSON", titles) == "Putin"
    assert clean_name("Foreign Minister Ana Lopez", "PERSON", titles) == "Ana Lopez"
    assert clean_name("the Kremlin’s", "ORG", titles) == "Kremlin"
    assert clean_name("President", "PERSON", titles) == "President"


# ------------------------------------------------------------------------- merging


def test_same_kb_id_is_one_entity_named_and_typed_by_the_gazetteer() -> None:
    c = Corpus()
    china = c.add("d1", "China", "GPE", "Q148", "China", "gazetteer")
    chinese = c.add("d1", "Chinese", "NORP", "Q148", "China", "gazetteer-demonym")
    beijing = c.add("d2", "Beijing", "GPE", "Q148", "China", "gazetteer-metonym")
    entities = resolve_entities(c.mentions)
    assert same(entities, china, chinese, beijing)
    (e,) = entities
    assert (e.name, e.type, e.kb_id, e.aliases) == ("China", "GPE", "Q148", ("Beijing", "Chinese"))
    assert e.id == "e_" + content_hash("Q148")


def test_a_capital_as_place_and_as_state_are_two_entities() -> None:
    c = Corpus()
    state = c.add("d1", "Moscow", "GPE", "Q159", "Russia", "gazetteer-metonym")
    city = c.add("d1", "Moscow", "GPE", "Q649", "Moscow", "gazetteer")
    plain = c.add("d2", "Moscow", "GPE")
    entities = resolve_entities(c.mentions)
    assert entity_of(entities, state).name == "Russia"
    assert same(entities, city, plain)  # a bare "Moscow" is the city, not the state


def test_case_variants_merge_without_the_gazetteer() -> None:
    c = Corpus()
    a = c.add("d1", "Eurocorps", "ORG")
    b = c.add("d2", "EUROCORPS", "ORG")
    d = c.add("d3", "the Eurocorps", "ORG")
    assert same(resolve_entities(c.mentions), a, b, d)


def test_an_acronym_defined_in_parentheses_links_both_forms_everywhere() -> None:
    c = Corpus()
    long = c.add("d1", "Organisation for Regional Trade Cooperation", "ORG")
    short = c.add("d1", "ORTC", "ORG", gap=2)
    later = c.add("d2", "ORTC", "ORG")
    other = c.add("d3", "Organisation for Regional Trade Cooperation", "ORG")
    unrelated = c.add("d3", "OTRC", "ORG")
    entities = resolve_entities(c.mentions)
    assert same(entities, long, short, later, other)
    assert entity_of(entities, long).name == "Organisation for Regional Trade Cooperation"
    assert not same(entities, long, unrelated)


def test_an_acronym_far_from_a_long_name_is_not_linked_to_it() -> None:
    c = Corpus()
    long = c.add("d1", "Organisation for Regional Trade Cooperation", "ORG")
    short = c.add("d1", "ORTC", "ORG", gap=40)
    assert not same(resolve_entities(c.mentions), long, short)


def test_transliterations_merge() -> None:
    c = Corpus()
    a = c.add("d1", "Yury Petrenko")
    b = c.add("d2", "Yuri Petrenko")
    d = c.add("d3", "Yuriy Petrenko")
    e = c.add("d3", "Dmitriy Volkov")
    f = c.add("d4", "Dmitry Volkov")
    entities = resolve_entities(c.mentions)
    assert same(entities, a, b, d)
    assert same(entities, e, f)
    assert not same(entities, a, e)


def test_a_surname_goes_to_the_full_name_in_the_same_document() -> None:
    c = Corpus()
    full = c.add("d1", "Anna Kowalski")
    alone = c.add("d1", "Kowalski")
    elsewhere = c.add("d2", "Kowalski")  # nobody else is called Kowalski in the corpus
    entities = resolve_entities(c.mentions)
    assert same(entities, full, alone, elsewhere)
    assert entity_of(entities, full).name == "Anna Kowalski"
    assert entity_of(entities, full).aliases == ("Kowalski",)


def test_a_surname_two_people_share_is_linked_in_its_document_only() -> None:
    c = Corpus()
    maria = c.add("d1", "Maria Lindqvist")
    maria_again = c.add("d1", "Lindqvist")
    erik = c.add("d2", "Erik Lindqvist")
    erik_again = c.add("d2", "Lindqvist")
    unknown = c.add("d3", "Lindqvist")
    unknown_too = c.add("d4", "Lindqvist")
    entities = resolve_entities(c.mentions)
    assert same(entities, maria, maria_again)
    assert same(entities, erik, erik_again)
    assert not same(entities, maria, erik)
    assert not same(entities, unknown, maria) and not same(entities, unknown, erik)
    assert not same(entities, unknown, unknown_too)  # ambiguous: one entity per document
    assert len({e.id for e in entities}) == len(entities)


def test_in_one_document_a_shared_surname_goes_to_the_nearest_person_before() -> None:
    c = Corpus()
    maria = c.add("d1", "Maria Lindqvist")
    first = c.add("d1", "Lindqvist")
    erik = c.add("d1", "Erik Lindqvist")
    second = c.add("d1", "Lindqvist")
    entities = resolve_entities(c.mentions)
    assert same(entities, maria, first)
    assert same(entities, erik, second)


def test_chinese_family_names_come_first() -> None:
    c = Corpus()
    zhou = c.add("d1", "Zhou Minghua")
    zhou_alone = c.add("d1", "Zhou")
    wang = c.add("d2", "Wang Lifang")
    wan = c.add("d2", "Wan Jie")
    wan_alone = c.add("d3", "Wan")
    entities = resolve_entities(c.mentions)
    assert same(entities, zhou, zhou_alone)
    assert same(entities, wan, wan_alone)
    assert not same(entities, wang, wan)


def test_actors_that_share_words_stay_apart() -> None:
    c = Corpus()
    lavrov = c.add("d1", "Sergei Orlov")
    shoigu = c.add("d1", "Sergei Volkov")
    xinhua = c.add("d2", "Xinhua", "ORG", "Q204839", "Xinhua", "gazetteer")
    xi = c.add("d2", "Xi", "PERSON", "Q15031", "Xi Jinping", "gazetteer")
    russia = c.add("d3", "Russia", "GPE", "Q159", "Russia", "gazetteer")
    council = c.add("d3", "Russian International Affairs Council", "ORG")
    wang = c.add("d4", "Wang Yi", "PERSON", None, "Wang Yi", "gazetteer")
    wan = c.add("d4", "Wan Qingsong")
    entities = resolve_entities(c.mentions)
    for a, b in [(lavrov, shoigu), (xinhua, xi), (russia, council), (wang, wan)]:
        assert not same(entities, a, b)


def test_two_gazetteer_entries_are_never_merged() -> None:
    c = Corpus()
    a = c.add("d1", "Li Qiang", "PERSON", None, "Li Qiang", "gazetteer")
    b = c.add("d2", "Li Keqiang", "PERSON", None, "Li Keqiang", "gazetteer")
    li = c.add("d3", "Li")  # ambiguous in the corpus
    entities = resolve_entities(c.mentions)
    assert not same(entities, a, b) and not same(entities, li, a) and not same(entities, li, b)


def test_the_majority_label_is_the_type_when_the_gazetteer_does_not_know() -> None:
    c = Corpus()
    a = c.add("d1", "Brookfield Institute", "ORG")
    c.add("d2", "Brookfield Institute", "ORG")
    c.add("d3", "Brookfield Institute", "GPE")
    (e,) = resolve_entities(c.mentions)
    assert e.type == "ORG"
    assert e.id == "e_" + content_hash("ORG", "Brookfield Institute")
    assert a.id in e.mention_ids


def test_junk_is_dropped() -> None:
    c = Corpus()
    for text in ("the", "2022", "X", "R.", "government"):
        c.add("d1", text, "ORG")
    keep = c.add("d1", "Kremlin", "ORG")
    entities = resolve_entities(c.mentions)
    assert [e.mention_ids for e in entities] == [(keep.id,)]


# ---------------------------------------------------------------------------- stability


def _corpus() -> list[StoredMention]:
    c = Corpus()
    c.add("d1", "China", "GPE", "Q148", "China", "gazetteer")
    c.add("d1", "Chinese", "NORP", "Q148", "China", "gazetteer-demonym")
    c.add("d1", "Maria Lindqvist")
    c.add("d1", "Lindqvist")
    c.add("d2", "Erik Lindqvist")
    c.add("d2", "Lindqvist")
    c.add("d3", "Lindqvist")
    c.add("d3", "Organisation for Regional Trade Cooperation", "ORG")
    c.add("d3", "ORTC", "ORG", gap=2)
    c.add("d4", "ORTC", "ORG")
    c.add("d4", "Yury Petrenko")
    c.add("d5", "Yuri Petrenko")
    c.add("d5", "Petrenko")
    c.add("d5", "Eurocorps", "ORG")
    c.add("d6", "EUROCORPS", "ORG")
    c.add("d6", "Moscow", "GPE", "Q159", "Russia", "gazetteer-metonym")
    c.add("d6", "Moscow", "GPE", "Q649", "Moscow", "gazetteer")
    return c.mentions


@settings(max_examples=60, deadline=None)
@given(st.permutations(_corpus()))
def test_the_same_mentions_in_any_order_give_the_same_entities(
    shuffled: list[StoredMention],
) -> None:
    assert resolve_entities(shuffled) == resolve_entities(_corpus())


def test_every_mention_is_in_one_entity_and_ids_are_unique() -> None:
    mentions = _corpus()
    entities = resolve_entities(mentions)
    ids = [i for e in entities for i in e.mention_ids]
    assert sorted(ids) == sorted(m.id for m in mentions)
    assert len({e.id for e in entities}) == len(entities)
    assert all(e.id.startswith("e_") for e in entities)


# ----------------------------------------------------------------- with the pipeline


@pytest.mark.slow
def test_two_documents_through_the_stage_and_the_resolver(analyse_text: AnalyseText) -> None:
    texts = {
        "d1": (
            "Foreign Minister Sergey Lavrov met the envoy of the Organisation for "
            "Regional Trade Cooperation (ORTC) in Moscow. Lavrov said Moscow would wait."
        ),
        "d2": (
            "Sergei Lavrov, Russia's foreign minister, criticised the ORTC. "
            "Washington and Nato said Russian troops must leave."
        ),
    }
    stored = [
        StoredMention(mention_id(doc, m.start, m.end), doc, m)
        for doc, text in texts.items()
        for m in analyse_text(text)
    ]
    entities = resolve_entities(stored)
    by_name = {e.name: e for e in entities}
    lavrov = by_name["Sergei Lavrov"]
    assert set(lavrov.aliases) == {"Sergey Lavrov", "Lavrov"} and len(lavrov.mention_ids) == 3
    assert set(by_name["Russia"].aliases) >= {"Moscow", "Russian"}
    assert by_name["Moscow"].kb_id == "Q649"  # "in Moscow" is the city
    assert by_name["United States"].aliases == ("Washington",)
    assert by_name["NATO"].kb_id == "Q7184"


# ------------------------------------------------------- nicknames, middle names, salience


def test_nicknames_and_formal_given_names_are_one_person() -> None:
    c = Corpus()
    jim = c.add("d1", "Jim Halloran")
    james = c.add("d2", "James Halloran")
    james_b = c.add("d3", "James B. Halloran")
    bob = c.add("d4", "Bob Tennant")
    robert = c.add("d5", "Robert Tennant")
    chuck = c.add("d6", "Chuck Ledger")
    charles = c.add("d7", "Charles Ledger")
    entities = resolve_entities(c.mentions)
    assert same(entities, jim, james, james_b)
    assert same(entities, bob, robert)
    assert same(entities, chuck, charles)
    assert entity_of(entities, jim).name == "James B. Halloran"


def test_different_given_names_with_one_surname_stay_apart() -> None:
    c = Corpus()
    jim = c.add("d1", "Jim Halloran")
    john = c.add("d2", "John Halloran")
    entities = resolve_entities(c.mentions)
    assert not same(entities, jim, john)


def test_a_middle_or_maiden_name_is_the_same_person() -> None:
    c = Corpus()
    long = c.add("d1", "Sarah Huckabee Linwood")
    short = c.add("d2", "Sarah Linwood")
    entities = resolve_entities(c.mentions)
    assert same(entities, long, short)
    assert entity_of(entities, short).name == "Sarah Huckabee Linwood"


def test_two_middle_names_that_disagree_keep_the_short_form_apart() -> None:
    c = Corpus()
    w = c.add("d1", "George W. Pellam")
    hw = c.add("d2", "George H. W. Pellam")
    bare = c.add("d3", "George Pellam")
    entities = resolve_entities(c.mentions)
    assert not same(entities, w, hw)
    assert not same(entities, bare, w) and not same(entities, bare, hw)


def test_a_junior_is_not_his_father() -> None:
    c = Corpus()
    father = c.add("d1", "Donald Velk")
    son = c.add("d2", "Donald Velk Jr.")
    assert not same(resolve_entities(c.mentions), father, son)


def _dated(c: Corpus, days: dict[str, str]) -> list[Entity]:
    return resolve_entities(c.mentions, days)


def test_a_bare_surname_goes_to_the_salient_person_of_its_time() -> None:
    c = Corpus()
    elena = [c.add(f"e{i}", "Elena Marsh") for i in range(4)]
    paul = c.add("p0", "Paul Marsh")
    bare = c.add("x", "Marsh")
    days = {f"e{i}": f"2017-03-0{i + 1}" for i in range(4)} | {
        "p0": "2017-03-05",
        "x": "2017-03-10",
    }
    entities = _dated(c, days)
    assert same(entities, bare, *elena)
    assert not same(entities, bare, paul)


def test_the_salient_person_is_the_one_named_near_the_date() -> None:
    c = Corpus()
    elena = [c.add(f"e{i}", "Elena Marsh") for i in range(4)]
    paul = [c.add(f"p{i}", "Paul Marsh") for i in range(2)]
    bare = c.add("x", "Marsh")
    days = {f"e{i}": f"2015-01-0{i + 1}" for i in range(4)}
    assert not same(resolve_entities(c.mentions), bare, *paul)  # undated: nobody holds 3/4
    days |= {"p0": "2018-06-01", "p1": "2018-06-03", "x": "2018-06-10"}
    entities = _dated(c, days)
    assert same(entities, bare, *paul)  # Elena Marsh was named three years before
    assert not same(entities, bare, *elena)


def test_a_surname_without_a_salient_person_stays_unresolved() -> None:
    c = Corpus()
    elena = [c.add(f"e{i}", "Elena Marsh") for i in range(2)]
    paul = [c.add(f"p{i}", "Paul Marsh") for i in range(2)]
    bare = c.add("x", "Marsh")
    entities = resolve_entities(c.mentions)
    assert not same(entities, bare, elena[0]) and not same(entities, bare, paul[0])


def test_a_surname_typed_as_a_firm_is_the_person() -> None:
    c = Corpus()
    full = c.add("d1", "Mike Tennison")
    as_org = c.add("d1", "Tennison", "ORG")
    elsewhere = [c.add(f"d{i}", "Tennison") for i in range(2, 6)]  # mostly a person
    as_norp = c.add("d6", "Tennison", "NORP")
    entities = resolve_entities(c.mentions)
    assert same(entities, full, as_org, as_norp, *elsewhere)
    assert entity_of(entities, full).type == "PERSON"


def test_a_firm_named_like_a_surname_stays_a_firm_when_mostly_tagged_so() -> None:
    c = Corpus()
    c.add("d1", "Henry Brackett")
    firms = [c.add(f"f{i}", "Brackett", "ORG") for i in range(3)]
    entities = resolve_entities(c.mentions)
    assert entity_of(entities, firms[0]).type == "ORG"
    assert same(entities, *firms)
