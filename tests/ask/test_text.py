"""Words for question answering: the stemmer meets a question's words with a sentence's."""

from __future__ import annotations

import pytest

from storyline.ask.text import content_words, fts_query, related_stems, stem, stems, tokens


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("travelled", "travelling"),
        ("travel", "travelling"),
        ("met", "meeting"),
        ("meet", "meets"),
        ("supplies", "supply"),
        ("supplied", "supply"),
        ("oppose", "opposed"),
        ("opposes", "oppose"),
        ("said", "says"),
        ("left", "leave"),
        ("Russia's", "Russia"),
    ],
)
def test_forms_of_one_word_share_a_stem(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@pytest.mark.parametrize(("a", "b"), [("gas", "go"), ("state", "statement"), ("trade", "trail")])
def test_different_words_keep_different_stems(a: str, b: str) -> None:
    assert stem(a) != stem(b)


def test_tokens_keep_hyphens_and_numbers_and_drop_punctuation() -> None:
    assert tokens("China-Russia trade hit $240.1 billion, up 26.3%!") == [
        "china-russia",
        "trade",
        "hit",
        "240.1",
        "billion",
        "up",
        "26.3",
    ]
    assert stems("The ministers travelled") == {"the", "minister", "travel"}


def test_content_words_leave_out_question_and_function_words() -> None:
    assert content_words("What did the minister say about the pipeline?") == [
        "minister",
        "pipeline",
    ]


def test_related_words_reach_what_a_sentence_may_say_instead() -> None:
    assert stem("delegation") in related_stems("travelled")
    assert stem("talks") in related_stems("met")
    assert related_stems("banana") == set()


def test_fts_query_quotes_every_word_so_no_operator_is_read() -> None:
    query = fts_query(["NOT", 'a"b', "near", "NOT", ""])
    assert query == '"not" OR "ab" OR "near"'
