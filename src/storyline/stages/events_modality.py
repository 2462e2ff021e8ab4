"""Whether a trigger reports something that happened: not a hypothesis, a denial, a wish,
a question, a habit, or a document's title.

* **Unreal**: in a condition ("if Moscow invades"), "in the event of … invading", under
  "would", "could", "might", "may", "should", "can", "must"; what someone threatens, warns
  against, fears, wants, hopes for, seeks, plans to avoid, calls for, urges, asks for,
  refuses, cancels, postpones or calls off ("threatened sanctions", "called for a ban",
  "cancelled the summit", "refused to meet"): the threat, the demand, the refusal is the
  event, not what it is about.
* **Negated**: "did not meet", "never signed", "no deal was reached".
* **Unsure**: "a possible meeting", "a potential deal", "a proposed summit".
* **Questions**: a trigger in a sentence ending with "?".
* **Habits**: "they often meet", "meets every week", "has met 40 times".
* **Titles**: a capitalised trigger inside a sentence ("the Joint Statement on ...").
"""

from __future__ import annotations

from typing import Any


def _words(text: str) -> frozenset[str]:
    """The words of ``text``, as a set."""
    return frozenset(text.split())


_CONDITIONS = frozenset({"if", "unless", "whether", "provided", "providing"})
_UNREAL_MODALS = frozenset({"would", "could", "might", "may", "should", "can", "must", "ought"})
_UNREAL_HEADS = _words(
    "threaten warn fear risk consider avoid prevent want hope seek try intend aim wish "
    "urge ask request demand call push press propose refuse decline fail deny cancel "
    "postpone delay scrap abandon lift ease oppose discuss debate negotiate pursue "
    "rule block resist reject veto"
)
# prepositions after which an unreal head's object is what it is about: "called for X"
_ABOUT = frozenset({"for", "against", "about", "on", "over", "off"})
_DOUBT = _words("skeptical sceptical doubtful unlikely unsure uncertain doubt")
_HOPEFUL = _words("hopeful eager keen open ready willing optimistic prepared")
_FORWARD = _words("commit look pledge vow open")
_CASE_NOUNS = frozenset({"event", "case", "possibility", "prospect", "threat", "risk"})
_UNSURE = _words(
    "possible potential proposed prospective hypothetical future planned would-be rumored rumoured"
)
_HABITS = _words(
    "often regularly routinely frequently usually always sometimes typically generally "
    "rarely seldom consistently constantly continually"
)
_PERIODS = frozenset({"day", "week", "month", "year", "time", "occasion", "summer", "spring"})
_MANY = frozenset({"various", "several", "many", "numerous", "multiple", "countless", "repeated"})
# verbs whose "to X" happened: "voted to impeach", "forced to resign", "decided to withdraw"
_REALISING = _words(
    "vote move decide force begin start continue manage go proceed agree choose rush "
    "order act step help"
)
# verbs whose "to X" is scheduled: kept for meetings and agreements
_SCHEDULING = _words("schedule expect set plan due slate prepare travel fly go come suppose")
# nouns whose "to X" has not happened: "a plot to assassinate", "his call for X to"
_UNREAL_NOUNS = _words(
    "plot plan proposal attempt bid threat call demand request offer pressure push "
    "campaign effort drive zeal desire wish ability power right authority interest hope "
    "prospect possibility chance need willingness readiness"
)


def _negated(t: Any) -> bool:
    """ "did not", "never", "no deal", "conceded nothing"."""
    return any(
        c.dep_ == "neg"
        or (c.dep_ == "det" and c.lower_ == "no")
        or (c.dep_ == "dobj" and c.lower_ in ("nothing", "none"))
        for c in t.children
    )


def hypothetical(tok: Any) -> bool:
    """A trigger that says what might happen, or did not (see the module doc)."""
    if any(c.dep_ == "amod" and c.lower_ in _UNSURE for c in tok.children):
        return True
    t = tok
    for _ in range(5):
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in t.children):
            return True
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _UNREAL_MODALS for c in t.children):
            return True
        if _negated(t):
            return True
        head = t.head
        if head.i == t.i:
            return False
        unreal_head = head.lemma_.lower() in _UNREAL_HEADS
        if unreal_head and t.dep_ in ("dobj", "xcomp", "ccomp", "nsubjpass"):
            return True
        if unreal_head and t.dep_ in ("prep", "prt") and t.lower_ in _ABOUT:
            return True
        # "hopeful for fresh talks", "open to a deal", "ready for a summit"
        if t.dep_ == "prep" and head.pos_ == "ADJ" and head.lemma_.lower() in _HOPEFUL:
            return True
        # "skeptical that Kim will agree", "unlikely to meet"
        if t.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in _DOUBT:
            return True
        if t.dep_ == "prep" and t.lower_ == "to" and head.lemma_.lower() in _FORWARD:
            return True  # "committed to a trade deal", "looks forward to the summit"
        # "interest in talks", "calls for a summit", "hopes for a deal"
        if head.pos_ == "NOUN" and head.lemma_.lower() in _UNREAL_NOUNS and t.dep_ == "prep":
            return True
        if head.lower_ == "of" and head.head.lemma_.lower() in _CASE_NOUNS:
            return True
        # a conjunct shares its first verb's mood ("demanded the US pull out and withdraw")
        if t.dep_ in ("advcl", "ccomp", "relcl", "ROOT"):
            return False
        t = head
    return False


def unrealised(tok: Any, paired: bool) -> bool:
    """ "to X" that has not happened: "sought to impose", "pressured X to investigate Y",
    "a plot to assassinate" (a meeting or agreement "scheduled to", "expected to" or
    "planned to" take place stays: it is news). "voted to impeach", "forced to resign",
    "decided to withdraw" did happen."""
    while tok.dep_ == "conj" and tok.head.pos_ == "VERB":
        tok = tok.head  # "to pull out and withdraw"
    if tok.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    head = tok.head
    lemma = head.lemma_.lower()
    if head.pos_ in ("NOUN", "PROPN"):
        return lemma in _UNREAL_NOUNS or not paired
    if lemma in _REALISING:
        return False
    return not (paired and (lemma in _SCHEDULING or head.pos_ == "ADJ"))


def question(tok: Any) -> bool:
    """A trigger in a sentence that asks ("Will they meet?")."""
    return bool(tok.sent.text.rstrip(" \"'”’)\n").endswith("?"))


def repeated(tok: Any) -> bool:
    """ "had met his counterpart on 38 occasions", "have met 40 times", "meet every year",
    "often meet": many events counted, or a habit, not one event."""
    verb = tok
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass", "nsubj"):
        verb = tok.head
    for holder in {tok, verb}:
        for c in holder.children:
            if c.dep_ == "advmod" and c.lower_ in _HABITS:
                return True
            objs = [c] if c.dep_ == "npadvmod" else [o for o in c.children if o.dep_ == "pobj"]
            for o in objs:
                counted = any(n.dep_ == "nummod" for n in o.children)
                every = any(n.lower_ in _MANY or n.lower_ in ("every", "each") for n in o.children)
                if (counted or every) and o.lemma_.lower() in _PERIODS:
                    return True
    return False


def title_cased(tok: Any) -> bool:
    """A trigger inside a title-like phrase ("the Joint Statement on the ...")."""
    if not tok.text[:1].isupper() or tok.text.isupper():
        return False
    return bool(tok.i != tok.sent.start)
