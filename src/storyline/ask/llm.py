"""Optional phrasing of an answer by a language model, from the retrieved evidence only.

The model sees the question, the answer composed by the rules and the numbered evidence
sentences, and is asked to rewrite the answer in plain words keeping the ``[n]``
markers. Its reply is accepted only when it cites at least one of the given sentences and
no number that does not exist; otherwise the rules' answer stands and a note says why.
Any OpenAI-compatible chat completions endpoint works (llama.cpp server, vLLM, Ollama).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any, Protocol

import httpx

from storyline.ask.model import Answer
from storyline.errors import AskError

Message = dict[str, str]

SYSTEM_PROMPT = (
    "You rewrite answers to questions about news articles. Use ONLY the numbered evidence "
    "sentences given; add no fact, name, number or date that is not in them. Keep the "
    "citation markers like [1] after the statements they support. If the evidence does not "
    "answer the question, reply exactly: NOT FOUND. Reply with the answer text only."
)


class ChatModel(Protocol):
    """Anything that turns chat messages into one reply."""

    def complete(self, messages: Sequence[Message]) -> str: ...


def endpoint(url: str) -> str:
    """The chat completions URL for a server base URL (…/v1 or the full path both work)."""
    url = url.rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    if url.endswith("/v1"):
        return url + "/chat/completions"
    return url + "/v1/chat/completions"


class OpenAIChat:
    """A chat model behind an OpenAI-compatible HTTP endpoint (``POST …/chat/completions``)."""

    def __init__(
        self,
        url: str,
        model: str = "local",
        *,
        timeout: float = 60.0,
        client: httpx.Client | None = None,
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise AskError(f"--llm {url}: not an http(s) URL; give e.g. http://127.0.0.1:8080/v1")
        self.url = endpoint(url)
        self.model = model
        self.client = client or httpx.Client(timeout=timeout)

    def complete(self, messages: Sequence[Message]) -> str:
        body = {"model": self.model, "messages": list(messages), "temperature": 0}
        try:
            response = self.client.post(self.url, json=body)
            response.raise_for_status()
            data: Any = response.json()
            return str(data["choices"][0]["message"]["content"])
        except httpx.HTTPStatusError as exc:
            raise AskError(
                f"--llm {self.url}: the server answered {exc.response.status_code}; "
                "check the URL and that the model is loaded, or leave out --llm"
            ) from exc
        except httpx.HTTPError as exc:
            raise AskError(
                f"--llm {self.url}: cannot reach the server ({exc}); start it or leave out --llm"
            ) from exc
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise AskError(
                f"--llm {self.url}: the reply is not an OpenAI-style chat completion ({exc}); "
                "point --llm at a chat completions endpoint"
            ) from exc


class FakeChat:
    """A chat model for tests: replies with a fixed text (or a function of the messages)."""

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.calls: list[list[Message]] = []

    def complete(self, messages: Sequence[Message]) -> str:
        self.calls.append(list(messages))
        return self.reply


def messages_for(answer: Answer) -> list[Message]:
    evidence = "\n".join(
        f"[{i}] {c.text.strip()} ({c.outlet or 'unknown outlet'}, {c.published or 'undated'})"
        for i, c in enumerate(answer.citations, start=1)
    )
    user = (
        f"Question: {answer.question}\n\nDraft answer:\n{answer.text}\n\n"
        f"Evidence:\n{evidence}\n\nRewrite the draft answer as one short paragraph."
    )
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


_MARK = re.compile(r"\[(\d+)\]")


def phrase(answer: Answer, model: ChatModel) -> Answer:
    """The answer rephrased by the model, or unchanged with a note when the reply is unusable."""
    if not answer.found or not answer.citations:
        return answer
    reply = model.complete(messages_for(answer)).strip()
    cited = {int(n) for n in _MARK.findall(reply)}
    problem = None
    if not reply or reply.upper().startswith("NOT FOUND"):
        problem = "the model found no answer in the evidence"
    elif not cited:
        problem = "the model's reply cited no evidence"
    elif not cited <= set(range(1, len(answer.citations) + 1)):
        problem = "the model's reply cited evidence that was not given"
    if problem:
        note = f"kept the rules' answer: {problem}"
        return dataclasses.replace(answer, notes=(*answer.notes, note))
    return dataclasses.replace(answer, text=reply, phrased_by="llm")
