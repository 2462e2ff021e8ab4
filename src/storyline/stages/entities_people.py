"""People's names in one document: spans that read as a person, and boilerplate that does not.

* :func:`reads_as_person` — an NER span labelled a firm, a group or a place that is a
  person's name: two or three capitalised words, the first a common given name (from
  ``data/given_names.txt``), none of them a word that names firms or places ("Anatol
  Brisk" is a person; "Nikki Haley" too; "Victoria Falls" or "Boston University" not).
* :func:`is_boilerplate` — text a site's widgets glue around names, not a name: a word
  glued to a name mid-span ("Anthony Fauci Anthony FauciSunday", "John SmithThe Hill",
  "HaleyHaley", or "Anthony Fauci Anthony" before "FauciSunday"), a span that is the same
  words twice ("Jane Roe/AP Jane Roe/AP") or that starts again ("Jane Roe Jane").
  Brands written in camel case ("WikiLeaks", "BuzzFeed News") stand: the glued word is
  first in its span and its halves are not repeated.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_GLUED = re.compile(r"^([A-Z][a-z]{2,})([A-Z][a-z]+)")
_NAME_PREFIXES = frozenset(
    {"Mac", "Fitz", "Van", "Von", "Del", "Della", "Des", "Der", "Abdel", "Abdul"}
)
_NOT_A_NAME_WORD = frozenset(
    """
    Inc Corp Corporation Co Company Group Party Foundation University College School
    Institute Center Centre Council Committee Commission Fund Bank News Times Post Journal
    Press Herald Tribune Daily Weekly Magazine Monitor Review Airlines Airways Airport
    Hospital Clinic Church Mosque Temple Park Square Hall Bridge Tower Street Avenue Road
    Boulevard Falls Lake River Mountain Mountains Valley Island Islands Bay Beach County
    City Town Village State Province District Award Prize Act Law Report Administration
    Campaign Project Program Programme Initiative Network Media Studios Records Fox
    Association Society Club League Union Federation Alliance Coalition Movement Front
    Army Navy Force Forces Guard Police Department Ministry Office Agency Service Services
    Museum Library Stadium Arena Hotel Hotels Capital Partners Holdings Industries Motors
    Technologies Systems Labs Trust Prison Academy Court Senate House Assembly Congress
    Cup Games Festival Day Week Show Hour Today Tonight Live Radio TV Township Brigade
    Brigades Battalion Regiment Hebdo
    """.split()  # noqa: SIM905  (a word list reads better than quoted strings)
)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The given names of ``data/given_names.txt``."""
    text = resources.files("storyline").joinpath("data/given_names.txt").read_text("utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word for line in lines for word in line.split())


def _name_word(word: str) -> bool:
    """A capitalised word of letters (an initial "J." or a hyphenated "Al-Assad" too)."""
    core = word.rstrip(".")
    parts = [p for p in core.replace("'", "-").split("-") if p]
    return bool(parts) and word[:1].isupper() and all(p.isalpha() for p in parts)


def reads_as_person(text: str) -> bool:
    """Is this span, labelled something else, a person's name? (see the module docstring)"""
    words = text.split()
    if not 2 <= len(words) <= 3 or words[0] not in given_names():
        return False
    if any(w in _NOT_A_NAME_WORD or not _name_word(w) for w in words):
        return False
    return words[-1][:1].isupper() and len(words[-1].rstrip(".")) > 1


def is_boilerplate(text: str, after: str = "") -> bool:
    """Widget text around a name rather than a name (see the module docstring); ``after``
    is the word that follows the span, checked for a name of the span glued to it."""
    glued_after = _GLUED.match(after)
    if glued_after is not None and glued_after.group(1) in text.split():
        return True
    words = text.split()
    half = len(words) // 2
    twice = half >= 1 and len(words) % 2 == 0 and words[:half] == words[half:]
    if twice and (half >= 2 or "/" in text):
        return True
    capitalised = all(w[:1].isupper() for w in words)
    for k in range(2, len(words)):
        if capitalised and words[k:] == words[: len(words) - k]:
            return True  # "Jane Roe Jane": the name again, cut short
    for i, word in enumerate(words):
        glued = _GLUED.match(word)
        if glued is None:
            continue
        left, right = glued.group(1), word[len(glued.group(1)) :]
        if left in _NAME_PREFIXES:
            continue
        if i > 0 or right.startswith(left) or left in words[i + 1 :]:
            return True
    return False
