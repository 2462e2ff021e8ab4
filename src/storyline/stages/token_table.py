"""Token attributes of a parsed document read in bulk, for stages that scan every token.

Used by the entities, quotes, stances and events stages.

Iterating a spaCy ``Doc`` (or indexing it) builds a new ``Token`` object every time, and
reading a string attribute decodes it again from the vocabulary's ``StringStore``. A stage
that looks at every token of every document for a handful of words pays that for
hundreds of thousands of tokens. These helpers read the attributes through
``Doc.to_array`` instead and decode a string (or what a lemma says) once per process:
callers get plain lists, or the indices of the few tokens worth a closer look, and build
``Token`` objects only for those.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from itertools import compress
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS
from spacy.symbols import ADJ, AUX, NOUN, VERB

__all__ = [
    "ADJ",
    "AUX",
    "NOUN",
    "VERB",
    "LemmaFinder",
    "Positions",
    "TokenTable",
    "lowered_strings_of",
    "strings_of",
]

Positions = npt.NDArray[np.intp]  # token positions (``tok.i``), ascending
_Ids = npt.NDArray[np.uint64]

# memos are cleared when they grow past this, so a long run stays bounded
_MEMO_LIMIT = 1_000_000


# hash -> string (and -> the string lower-cased): a hash stands for the same string in
# every vocabulary, and most words recur from one article to the next
_STRINGS: dict[int, str] = {}
_LOWERED: dict[int, str] = {}


def strings_of(hashes: list[int], vocab: Any) -> list[str]:
    """The strings of ``hashes`` (what ``vocab.strings[h]`` gives), decoded once per process:
    ``strings_of(doc.to_array(ORTH).tolist(), doc.vocab)`` is ``[t.text for t in doc]``."""
    return _memoised(hashes, vocab, _STRINGS, lower=False)


def lowered_strings_of(hashes: list[int], vocab: Any) -> list[str]:
    """:func:`strings_of`, lower-cased: for LEMMA hashes, ``[t.lemma_.lower() ...]``."""
    return _memoised(hashes, vocab, _LOWERED, lower=True)


def _memoised(hashes: list[int], vocab: Any, memo: dict[int, str], *, lower: bool) -> list[str]:
    found: list[str | None] = list(map(memo.get, hashes))
    if None not in found:
        return cast("list[str]", found)
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    strings = vocab.strings
    for h in set(hashes).difference(memo):
        memo[h] = strings[h].lower() if lower else strings[h]
    return list(map(memo.__getitem__, hashes))


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
        return lowered_strings_of(self._column(LEMMA)[positions].tolist(), self.doc.vocab)

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
