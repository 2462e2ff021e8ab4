"""Picking the few tokens of a parsed document that can be cues, without walking the Doc.

Iterating a spaCy ``Doc`` builds a new ``Token`` object per token, and reading a string
attribute decodes it again from the vocabulary; most tokens of an article are no speech
or stance cue. The quotes and stances stages therefore read the tokens' attributes as
arrays of ids (``Doc.to_array``), narrow them down with array operations (by part of
speech, by dependency), look up the lemmas of what is left only, and build ``Token``
objects for the few candidates.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS
from spacy.symbols import ADJ, AUX, NOUN, VERB

__all__ = ["ADJ", "AUX", "NOUN", "VERB", "Positions", "TokenTable"]

Positions = npt.NDArray[np.intp]  # token positions (``tok.i``), ascending
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
        k = found.index(None)
        while True:  # (list.index finds each missing one without a Python loop over all)
            key = ids[k]
            found[k] = _LOWERED[key] = strings[key].lower()
            try:
                k = found.index(None, k + 1)
            except ValueError:
                break
    return cast(list[str], found)


class TokenTable:
    """Token attributes of ``doc`` by position, to find the tokens worth a closer look.

    Each attribute is read once, when first needed (one array per attribute: a table of
    several is slower to read and to index).
    """

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self._strings = doc.vocab.strings
        self._columns: dict[int, _Ids] = {}

    def _column(self, attr: int) -> _Ids:
        column = self._columns.get(attr)
        if column is None:
            column = self._columns[attr] = self.doc.to_array(attr)
        return column

    def with_pos(self, *tags: int) -> Positions:
        """The tokens whose part of speech is one of ``tags`` (``spacy.symbols`` ids)."""
        pos = self._column(POS)
        mask = np.zeros(len(pos), dtype=np.bool_)
        for tag in tags:
            mask |= pos == tag
        return np.flatnonzero(mask)

    def with_lower(self, word: str) -> Positions:
        """The tokens whose lower-cased form (``tok.lower_``) is ``word``."""
        return np.flatnonzero(self._column(LOWER) == self._strings[word])

    def heads_of(self, dep: str) -> Positions:
        """The tokens with a dependent labelled ``dep`` (``tok.dep_``)."""
        dependents = np.flatnonzero(self._column(DEP) == self._strings[dep])
        # HEAD holds the head's offset from the dependent, stored unsigned
        heads = (dependents + self._column(HEAD)[dependents].astype(np.intp)).tolist()
        return np.array(sorted(set(heads)), dtype=np.intp)

    def pos_at(self, positions: Positions) -> list[int]:
        """``tok.pos`` of the tokens at ``positions``."""
        return cast(list[int], self._column(POS)[positions].tolist())

    def lemmas_at(self, positions: Positions) -> list[str]:
        """``tok.lemma_.lower()`` of the tokens at ``positions``."""
        return _lowered(self._column(LEMMA)[positions].tolist(), self._strings)

    def with_lower_among(self, words: Collection[str], among: list[int]) -> list[int]:
        """The tokens ``among`` the given positions whose lower-cased form (``tok.lower_``)
        is one of ``words`` (read from these tokens only: the lower-cased form is an
        attribute of the vocabulary's entry, slower to read for every token)."""
        doc = self.doc
        return [i for i in among if doc[i].lower_ in words]

    def with_lemma(self, words: Collection[str], among: Positions) -> list[int]:
        """The tokens ``among`` the given positions whose lower-cased lemma is one of
        ``words``."""
        lemmas = self.lemmas_at(among)
        return [i for i, lemma in zip(among.tolist(), lemmas, strict=True) if lemma in words]

    def tokens(self, *positions: Iterable[int]) -> list[Any]:
        """The tokens at any of ``positions``, in text order, each once."""
        doc = self.doc
        return [doc[i] for i in sorted(set().union(*positions))]
