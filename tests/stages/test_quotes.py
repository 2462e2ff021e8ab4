"""The quotes stage on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.document import Document, Metadata, Quote, Sentence, document_id
from storyline.stages.quotes import find_quote_regions, find_quotes, word_count
from storyline.stages.registry import REGISTRY, run_stages

Analyse = Callable[[str], dict[str, tuple[object, ...]]]


def make_analyse(nlp: Any) -> Analyse:
    """Runs sentences, entities, quotes and stances on a text and checks every span."""
    import storyline.stages
    import storyline.stages.quotes
    import storyline.stages.stances  # noqa: F401

    chain = [REGISTRY[n] for n in ("sentences", "entities", "quotes", "stances")]

    def run(text: str) -> dict[str, tuple[object, ...]]:
        document = Document(document_id(text), "test", text, Metadata())
        layers = run_stages(chain, document, nlp(text))
        mentions = {(m.start, m.end) for m in layers["mentions"]}  # type: ignore[attr-defined]
        for q in layers["quotes"]:
            assert isinstance(q, Quote)
            assert text[q.start : q.end] == q.text
            if q.speaker_start is not None:
                assert (q.speaker_start, q.speaker_end) in mentions
        return layers

    return run


@pytest.fixture(scope="module")
def analyse(nlp: Any) -> Analyse:
    return make_analyse(nlp)


def quotes_of(layers: dict[str, tuple[object, ...]]) -> list[Quote]:
    return [q for q in layers["quotes"] if isinstance(q, Quote)]


def speaker(text: str, q: Quote) -> str | None:
    if q.speaker_start is None:
        return None
    return text[q.speaker_start : q.speaker_end]


def test_stage_is_registered_with_its_contract() -> None:
    import storyline.stages.quotes  # noqa: F401

    spec = REGISTRY["quotes"]
    assert (spec.version, spec.adds, spec.needs) == (
        3,
        ("quotes",),
        ("parse", "sentences", "mentions"),
    )


# ----------------------------------------------------------------- quote marks only


def test_regions_curly_straight_and_paragraph_continuation() -> None:
    text = (
        "“A first long quotation here,” she said.\n\n"
        '"A straight one," he said.\n\n'
        "“This goes on\n\n“and on until here.”\n\n"
        "Her ‘single quoted words here’ too."
    )
    spans = [text[r.start : r.end] for r in find_quote_regions(text)]
    assert spans == [
        "A first long quotation here",
        "A straight one",
        "This goes on\n\n“and on until here.",
        "single quoted words here",
    ]


def test_apostrophes_are_not_quotes() -> None:
    assert find_quote_regions("It’s the leaders’ view that we don’t know.") == []


def test_word_count() -> None:
    assert word_count("don’t stop, 2 times") == 4


# ----------------------------------------------------------------------- the stage


@pytest.mark.slow
def test_direct_quotes_with_speakers_before_after_and_inside(analyse: Analyse) -> None:
    text = (
        "“Our farmers have waited for this deal for a decade,” Amara Diallo said on Tuesday.\n\n"
        "“It is fair,” said Henrik Larsson, “and it will help small firms.”\n\n"
        "“We expect exports to double within five years,” he added."
    )
    qs = quotes_of(analyse(text))
    got = [(q.text, q.direct, q.speaker_text, speaker(text, q), q.cue) for q in qs]
    assert got == [
        (
            "Our farmers have waited for this deal for a decade",
            True,
            "Amara Diallo",
            "Amara Diallo",
            "said",
        ),
        ("It is fair", True, "Henrik Larsson", "Henrik Larsson", "said"),
        ("and it will help small firms.", True, "Henrik Larsson", "Henrik Larsson", "said"),
        ("We expect exports to double within five years", True, "he", "Henrik Larsson", "added"),
    ]


@pytest.mark.slow
def test_partial_quote_and_reported_speech(analyse: Analyse) -> None:
    text = (
        "Amara Diallo, an economist at the Dakar Trade Institute, said the talks were "
        '"historic" for the region. Diallo said that the tariffs would fall next year.'
    )
    qs = quotes_of(analyse(text))
    got = [(q.text, q.direct, speaker(text, q)) for q in qs]
    # a partial quotation is reported with the clause that holds it
    assert got == [
        ('the talks were "historic" for the region', False, "Amara Diallo"),
        ("the tariffs would fall next year", False, "Diallo"),
    ]
    assert qs[0].speaker_text == "Amara Diallo"


@pytest.mark.slow
def test_partial_quote_without_a_reported_clause_is_not_direct(analyse: Analyse) -> None:
    text = 'Tomas Berg warned of "a very serious mistake for the country" on Monday.'
    got = [(q.text, q.direct, speaker(text, q)) for q in quotes_of(analyse(text))]
    assert got == [("a very serious mistake for the country", False, "Tomas Berg")]


@pytest.mark.slow
def test_short_quotes_without_a_cue_are_not_quotes(analyse: Analyse) -> None:
    text = 'The minister watched "The Long Road" and called it a "masterpiece" of the genre.'
    assert quotes_of(analyse(text)) == []


@pytest.mark.slow
def test_institutional_speakers(analyse: Analyse) -> None:
    text = (
        "The Kremlin said the meeting had been useful. According to the German foreign "
        "ministry, the visit was cancelled at short notice. Kenya and Ghana issued a joint "
        "statement on Friday. The statement said both sides would deepen their ties."
    )
    qs = quotes_of(analyse(text))
    got = [(q.text, q.speaker_text, speaker(text, q), q.cue) for q in qs]
    assert got == [
        ("the meeting had been useful", "The Kremlin", "Kremlin", "said"),
        (
            "the visit was cancelled at short notice",
            "the German foreign ministry",
            "German foreign ministry",
            "according to",
        ),
        # the joint statement itself speaks: a WORK named after the two states
        ("both sides would deepen their ties", "The statement", "statement", "said"),
    ]


@pytest.mark.slow
def test_quoted_as_saying_gives_the_quoted_person(analyse: Analyse) -> None:
    text = "The newspaper quoted Pierre Durand as saying the plan was doomed from the start."
    (q,) = quotes_of(analyse(text))
    assert (q.text, speaker(text, q), q.direct) == (
        "the plan was doomed from the start",
        "Pierre Durand",
        False,
    )


@pytest.mark.slow
def test_quote_across_paragraphs_keeps_its_speaker(analyse: Analyse) -> None:
    text = (
        "Lena Park told reporters: “The first part of what I want to say is simple.\n\n"
        "“The second part is harder to explain to anyone.”"
    )
    (q,) = quotes_of(analyse(text))
    assert q.text.startswith("The first part") and q.text.endswith("anyone.")
    assert speaker(text, q) == "Lena Park"


# --------------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    [
        "Anna Berg said",
        "“We will win,”",
        '"no',
        "”",
        "‘",
        "’",
        "he added.",
        "the talks",
        "\n\n",
        "“",
        '"',
        "according to the ministry,",
        "it’s",
        "The statement said that prices rose.",
    ]
)


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_PIECES, min_size=1, max_size=14))
def test_every_quote_and_stance_slices_the_text(nlp: Any, pieces: list[str]) -> None:
    from storyline.stages.stances import find_stances

    text = " ".join(pieces)
    doc = nlp(text)
    sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents]
    quotes = find_quotes(doc, text, sentences, [])
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.text[0] not in '“”"' and q.text[-1] not in '“”"'
    for s in find_stances(doc, text, sentences, [], quotes):
        assert 0 <= s.start <= s.target_start < s.target_end <= len(text)
        assert text[s.target_start : s.target_end] == s.target


@given(st.text(alphabet=st.sampled_from("ab “”‘’\"'\n,."), max_size=60))
def test_regions_always_slice_inside_the_text(text: str) -> None:
    for r in find_quote_regions(text):
        assert 0 <= r.outer_start < r.start < r.end <= len(text)
        assert text[r.start : r.end].strip() == text[r.start : r.end]
