"""Picking the few tokens of a parsed document that can be cues, without walking the Doc.

Iterating a spaCy ``Doc`` builds a new ``Token`` object per token, and reading a string
attribute decodes it again from the vocabulary; most tokens of an article are no speech
or stance cue. The quotes and stances stages therefore read the tokens' part of speech,
lemma and lower-cased form once per document as arrays of ids (``Doc.to_array``), narrow
them down by part of speech with array operations, and build ``Token`` objects for the
few candidates only.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import ADJ, AUX, NOUN, VERB

__all__ = ["ADJ", "AUX", "NOUN", "VERB", "TokenTable"]

_Ids = npt.NDArray[np.uint64]

# a string's id (its hash or symbol id, the same in every vocabulary) -> the string
# lower-cased; kept across documents, as most lemmas recur from one article to the next,
# and cleared when it grows past the limit so that a long run stays bounded
_LOWERED: dict[int, str] = {}
_LOWERED_LIMIT = 1_000_000


def _lowered(ids: list[int], strings: Any) -> list[str]:
    """The strings behind ``ids`` (``strings[id]``), lower-cased."""
    found = list(map(_LOWERED.get, ids))
    if None in found:  # strings not seen before
        if len(_LOWERED) > _LOWERED_LIMIT:
            _LOWERED.clear()
        for k, key in enumerate(ids):
            if found[k] is None:
                found[k] = _LOWERED[key] = strings[key].lower()
    return cast(list[str], found)


class TokenTable:
    """The part of speech, lemma and lower-cased form of every token of ``doc``, by
    position, to find the positions of the tokens worth a closer look."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self._strings = doc.vocab.strings
        # one array per attribute: a table of several is slower to read and to index
        self._pos: _Ids = doc.to_array(POS)
        self._lemma: _Ids = doc.to_array(LEMMA)
        self._lower: _Ids = doc.to_array(LOWER)
        self._lemmas: list[str] | None = None

    def with_pos(self, *tags: int) -> list[int]:
        """The tokens whose part of speech is one of ``tags`` (``spacy.symbols`` ids)."""
        mask = np.zeros(len(self._pos), dtype=np.bool_)
        for tag in tags:
            mask |= self._pos == tag
        return np.flatnonzero(mask).tolist()

    def with_lower(self, words: Iterable[str]) -> list[int]:
        """The tokens whose lower-cased form (``tok.lower_``) is one of ``words``."""
        mask = np.zeros(len(self._lower), dtype=np.bool_)
        for word in words:
            mask |= self._lower == self._strings[word]
        return np.flatnonzero(mask).tolist()

    @property
    def lemmas(self) -> list[str]:
        """``tok.lemma_.lower()`` of every token, by position."""
        if self._lemmas is None:
            self._lemmas = _lowered(self._lemma.tolist(), self._strings)
        return self._lemmas

    def with_lemma(self, words: Collection[str], among: list[int] | None = None) -> list[int]:
        """The tokens (``among`` the given positions) whose lower-cased lemma is one of
        ``words``."""
        if among is None:
            lemmas = self.lemmas
            if set(words).isdisjoint(lemmas):
                return []
            return [i for i, lemma in enumerate(lemmas) if lemma in words]
        lemmas = _lowered(self._lemma[among].tolist(), self._strings)
        return [i for i, lemma in zip(among, lemmas, strict=True) if lemma in words]

    def tokens(self, *positions: Iterable[int]) -> list[Any]:
        """The tokens at any of ``positions``, in text order, each once."""
        doc = self.doc
        return [doc[i] for i in sorted(set().union(*positions))]
