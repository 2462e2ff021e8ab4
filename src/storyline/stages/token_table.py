"""Token attributes of a parsed document read in bulk, for stages that scan every token.

Iterating a spaCy ``Doc`` (or indexing it) builds a new ``Token`` object every time, and
reading a string attribute decodes it again from the vocabulary's ``StringStore``. A stage
that looks at every token of every document for a handful of words pays that for
hundreds of thousands of tokens. These helpers read the attributes through
``Doc.to_array`` instead and decode a string (or what a lemma says) once per process:
callers get plain lists, or the indices of the few tokens worth a closer look, and build
``Token`` objects only for those.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import compress
from typing import Any, cast

import numpy as np
from spacy.attrs import LEMMA, POS

# memos are cleared when they grow past this, so a long run stays bounded
_MEMO_LIMIT = 1_000_000


# hash -> string: a hash stands for the same string in every vocabulary
_STRINGS: dict[int, str] = {}


def strings_of(hashes: list[int], vocab: Any) -> list[str]:
    """The strings of ``hashes`` (what ``vocab.strings[h]`` gives), decoded once per process:
    ``strings_of(doc.to_array(ORTH).tolist(), doc.vocab)`` is ``[t.text for t in doc]``."""
    found: list[str | None] = list(map(_STRINGS.get, hashes))
    if None not in found:
        return cast("list[str]", found)
    if len(_STRINGS) > _MEMO_LIMIT:
        _STRINGS.clear()
    strings = vocab.strings
    for h in set(hashes).difference(_STRINGS):
        _STRINGS[h] = strings[h]
    return list(map(_STRINGS.__getitem__, hashes))


class LemmaFinder:
    """Finds the tokens whose lowercased lemma is one of a fixed set of words.

    ``LemmaFinder(words).positions(doc)`` is ``[t.i for t in doc if t.lemma_.lower() in
    words]`` without a ``Token`` per token: the lemmas are read as hashes, and whether a
    lemma hash is wanted is decided once per process (a hash stands for one string in
    every vocabulary).
    """

    def __init__(self, words: Collection[str]) -> None:
        self.words = frozenset(words)
        self._wanted: dict[int, bool] = {}  # lemma hash -> lowercased lemma in words

    def positions(self, doc: Any, pos: int | None = None) -> list[int]:
        """The indices, in order, of the tokens with one of the words as their lemma (and
        with part of speech ``pos``, a spaCy id, when given)."""
        if pos is None:
            lemmas: list[int] = doc.to_array(LEMMA).tolist()
            return list(compress(range(len(lemmas)), self._wanted_of(lemmas, doc.vocab)))
        cols = doc.to_array([LEMMA, POS])
        tagged: list[int] = np.flatnonzero(cols[:, 1] == pos).tolist()
        lemmas = cols[tagged, 0].tolist()
        return list(compress(tagged, self._wanted_of(lemmas, doc.vocab)))

    def _wanted_of(self, lemmas: list[int], vocab: Any) -> list[bool]:
        """For each lemma hash, whether it is one of the words."""
        known = self._wanted
        wanted = list(map(known.get, lemmas))
        if None in wanted:  # lemmas not seen before
            if len(known) > _MEMO_LIMIT:
                known.clear()
            for k, lemma in enumerate(lemmas):
                if wanted[k] is None:
                    if lemma not in known:
                        known[lemma] = vocab.strings[lemma].lower() in self.words
                    wanted[k] = known[lemma]
        return cast("list[bool]", wanted)
