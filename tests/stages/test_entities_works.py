"""Joint texts named by description become one WORK that speaks (texts written here)."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.document import Document, Mention, Metadata, Quote, document_id
from storyline.stages.registry import REGISTRY, run_stages

TEXT = (
    "Brazil and Argentina drew closer on Monday. In a lengthy joint statement after the "
    "talks, Brazil and Argentina said they would cut tariffs.\n\n"
    "The statement said both sides rejected \u201cprotectionism in any form\u201d. It said the "
    "two countries would meet again in June.\n\n"
    "The 4,000-word document also praised the Mercosur bloc. Officials said in a statement "
    "that more talks would follow."
)


@pytest.fixture(scope="module")
def layers(nlp: Any) -> dict[str, tuple[object, ...]]:
    import storyline.stages  # noqa: F401

    chain = [REGISTRY[n] for n in ("sentences", "entities", "quotes")]
    doc = Document(document_id(TEXT), "t", TEXT, Metadata(published="2023-05-02"))
    return run_stages(chain, doc, nlp(TEXT))


@pytest.mark.slow
def test_joint_statement_and_its_later_names_are_one_work(layers: Any) -> None:
    works = [m for m in layers["mentions"] if isinstance(m, Mention) and m.label == "WORK"]
    assert [m.text for m in works] == ["joint statement", "statement", "document"]
    assert {m.canonical for m in works} == {"Argentina-Brazil joint statement (2023)"}
    # the figure in "The 4,000-word document" stays outside the name
    assert all("4,000" not in m.text for m in works)


@pytest.mark.slow
def test_the_statement_and_it_speak_as_the_work(layers: Any) -> None:
    works = {
        (m.start, m.end) for m in layers["mentions"] if isinstance(m, Mention) and m.label == "WORK"
    }
    quotes = [q for q in layers["quotes"] if isinstance(q, Quote)]
    by_work = [q for q in quotes if (q.speaker_start, q.speaker_end) in works]
    said = {q.text for q in by_work}
    assert any("protectionism" in t for t in said)
    assert any("meet again in June" in t for t in said)
    # "Officials said in a statement" is not the joint statement
    assert not any("more talks" in t for t in said)


@pytest.mark.slow
def test_the_work_is_named_after_the_articles_main_states(nlp: Any) -> None:
    import storyline.stages  # noqa: F401

    text = (
        "Brazilian President Lula met Argentina's president in Brasilia. Brazil wants more "
        "trade with Argentina, and Buenos Aires agrees. Canada and Australia watched.\n\n"
        "In a joint statement, the two sides promised lower tariffs."
    )
    doc = Document(document_id(text), "t", text, Metadata(published="2023-05-02"))
    out = run_stages([REGISTRY["sentences"], REGISTRY["entities"]], doc, nlp(text))
    works = [m for m in out["mentions"] if isinstance(m, Mention) and m.label == "WORK"]
    assert [m.canonical for m in works] == ["Argentina-Brazil joint statement (2023)"]
