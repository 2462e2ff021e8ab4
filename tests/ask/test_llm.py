"""Phrasing by a language model: only from the cited evidence, citations kept; tested against
a local STAND-IN server (tests/ask/standin_llm.py), never a real model."""

from __future__ import annotations

import pytest

from storyline.ask import Answer, Citation, FakeChat, OpenAIChat
from storyline.ask.llm import endpoint, messages_for, phrase
from storyline.errors import AskError
from tests.ask.standin_llm import StandInLLM

ANSWER = Answer(
    question="How much fish feed will Norway supply?",
    type="amount",
    found=True,
    text="40,000 tonnes over the next five years [1][2]",
    citations=(
        Citation(
            "d_1", 10, 60, "Norway will supply 40,000 tonnes of fish feed.", "Fjord Post", None
        ),
        Citation("d_2", 0, 40, "Norway is to deliver 40,000 tonnes.", "Andes Daily", "2023-06-14"),
    ),
)


def test_the_model_sees_the_question_the_answer_and_only_the_numbered_evidence() -> None:
    system, user = messages_for(ANSWER)
    assert "ONLY the numbered evidence" in system["content"]
    assert (
        "[1] Norway will supply 40,000 tonnes of fish feed. (Fjord Post, undated)"
        in (user["content"])
    )
    assert "[2] Norway is to deliver 40,000 tonnes. (Andes Daily, 2023-06-14)" in user["content"]


def test_a_reply_citing_the_evidence_replaces_the_text_and_keeps_the_citations() -> None:
    model = FakeChat("Norway will send Chile 40,000 tonnes of fish feed [1][2].")
    result = phrase(ANSWER, model)
    assert result.text == "Norway will send Chile 40,000 tonnes of fish feed [1][2]."
    assert result.phrased_by == "llm"
    assert result.citations == ANSWER.citations
    assert len(model.calls) == 1


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        ("Norway will send 40,000 tonnes.", "cited no evidence"),
        ("Norway will send 40,000 tonnes [3].", "not given"),
        ("NOT FOUND", "found no answer"),
        ("   ", "found no answer"),
    ],
)
def test_an_unusable_reply_keeps_the_rules_answer_with_a_note(reply: str, why: str) -> None:
    result = phrase(ANSWER, FakeChat(reply))
    assert result.text == ANSWER.text
    assert result.phrased_by == "rules"
    assert why in result.notes[0]


def test_a_not_found_answer_is_never_sent_to_the_model() -> None:
    model = FakeChat("Invented [1]")
    nothing = Answer("q", "what", False, "Not found: nothing.")
    assert phrase(nothing, model) is nothing
    assert model.calls == []


@pytest.mark.parametrize(
    ("url", "full"),
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/chat/completions"),
        ("http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080/v1/chat/completions"),
        ("http://h/v1/chat/completions", "http://h/v1/chat/completions"),
    ],
)
def test_endpoint_accepts_a_base_url_or_the_full_path(url: str, full: str) -> None:
    assert endpoint(url) == full


def test_openai_chat_against_the_stand_in_server() -> None:
    with StandInLLM("Forty thousand tonnes [1].") as server:
        chat = OpenAIChat(server.url, model="tiny")
        result = phrase(ANSWER, chat)
    assert result.text == "Forty thousand tonnes [1]."
    body = server.requests[0]["body"]
    assert body["model"] == "tiny"
    assert body["temperature"] == 0
    assert [m["role"] for m in body["messages"]] == ["system", "user"]


def test_server_errors_and_bad_urls_are_one_line_ask_errors() -> None:
    with StandInLLM(status=500) as server, pytest.raises(AskError, match="answered 500"):
        OpenAIChat(server.url).complete([{"role": "user", "content": "hi"}])
    with pytest.raises(AskError, match="not an http"):
        OpenAIChat("ftp://example.invalid")
    with StandInLLM() as server:
        url = server.url
    with pytest.raises(AskError, match="cannot reach"):
        OpenAIChat(url, timeout=2).complete([{"role": "user", "content": "hi"}])
