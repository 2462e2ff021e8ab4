"""Ask the story: questions answered from the extracted facts, every answer with citations.

Offline and deterministic: a question is taken apart (:mod:`storyline.ask.question`),
facts and sentences are retrieved from the store and ranked
(:mod:`storyline.ask.evidence`), and a short answer is composed from the best-supported
facts with numbered sentence citations (:mod:`storyline.ask.facts`,
:mod:`storyline.ask.people`). When nothing supports an answer, the answer says "Not
found". A language model may rephrase the answer from the same evidence
(:mod:`storyline.ask.llm`); the default path needs none.

    from storyline.ask import answer
    with StoreReader("story.db") as reader:
        print(answer(reader, "Who travelled with Putin?").to_dict())
"""

from __future__ import annotations

from collections.abc import Callable

from storyline.ask.compose import not_found
from storyline.ask.evidence import Evidence, Scorer, name_in
from storyline.ask.facts import answer_amount, answer_what, answer_when, answer_where
from storyline.ask.llm import ChatModel, FakeChat, OpenAIChat, phrase
from storyline.ask.model import Answer, Citation, Fact, Question, QuestionType
from storyline.ask.people import answer_said, answer_stance, answer_who
from storyline.ask.question import EntityLinker, analyse
from storyline.errors import AskError
from storyline.store import StoreReader

__all__ = [
    "Answer",
    "Asker",
    "ChatModel",
    "Citation",
    "Fact",
    "FakeChat",
    "OpenAIChat",
    "Question",
    "answer",
]

MAX_QUESTION = 500

Answerer = Callable[[Question, Evidence, Scorer], Answer]
ANSWERERS: dict[QuestionType, Answerer] = {
    "amount": answer_amount,
    "when": answer_when,
    "where": answer_where,
    "who": answer_who,
    "said": answer_said,
    "stance": answer_stance,
    "what": answer_what,
}


class Asker:
    """Answers questions over one store; keeps the loaded facts between questions."""

    def __init__(self, reader: StoreReader, llm: ChatModel | None = None) -> None:
        self.evidence = Evidence(reader.ask())
        self.linker = EntityLinker(self.evidence.entities)
        self.llm = llm

    def analyse(self, question: str) -> Question:
        text = " ".join(question.split())
        if not text:
            raise AskError("the question is empty; ask e.g. 'Who travelled with Putin?'")
        if len(text) > MAX_QUESTION:
            raise AskError(f"the question is {len(text)} characters; keep it under {MAX_QUESTION}")
        return analyse(text, self.linker)

    def answer(self, question: str) -> Answer:
        q = self.analyse(question)
        if not self.evidence.documents:
            return not_found(q, "the database holds no analysed article")
        if not (q.entities or q.keywords or q.unknown or q.subject_text.strip()):
            return not_found(
                q, "the question names nothing to look for; ask about someone or something"
            )
        missing = [n for n in q.unknown if not self._mentioned(n)]
        if missing:
            return not_found(q, f"the articles never mention {', '.join(missing)}")
        result = ANSWERERS[q.type](q, self.evidence, Scorer(q, self.evidence))
        if self.llm is not None:
            result = phrase(result, self.llm)
        return result

    def _mentioned(self, name: str) -> bool:
        terms = " ".join(f'"{w}"' for w in name.replace('"', "").split())
        return any(name_in(name, s.text) for s in self.evidence.q.search(terms, limit=50))


def answer(reader: StoreReader, question: str, llm: ChatModel | None = None) -> Answer:
    """Answer one question from the story database (see :class:`Asker` to ask many)."""
    return Asker(reader, llm).answer(question)
