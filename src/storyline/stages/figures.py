"""The ``figures`` stage: numbers people argue about, with what they measure and for when.

Candidates come from :mod:`storyline.stages.figures_parse` (money, quantities with units,
percentages, fractions, bare numbers); the dependency parse and the ``mentions`` layer
then decide the rest:

* **Counts.** A bare number is a figure only when it counts a noun it modifies ("five
  people", "15 other cooperation deals", "a 5,300-word document"), not a time span ("10
  years" is a duration), not a reference ("the two countries"), and not inside a name
  or a date. "38 times"/"38 occasions" count the events of their verb ("they met 38
  times" → "meetings"); an ordinal counts only meetings and their kin ("their 38th
  meeting" → 38 meetings). "A 30-year contract" is a figure in ``year`` ("contract term").
* **Subject**, a readable phrase built the same way for the same measure: the noun the
  number measures (its ``of`` object, the noun it modifies, the verb's object or subject,
  through "value"/"level"/"mark" and through "it" to the previous subject) with its
  qualifiers, and the actors named around it from the mentions (canonical names; people
  by surname). Trade between two parties, or called bilateral, or "between the two
  countries" (the document's two most mentioned states) is "A-B bilateral trade" with the
  names sorted. Flows (supply, deliver, export, sell, invest…) are "{agent} {material}
  {flow} to {recipient}"; percentages of change are "{subject} growth"/"decline", a
  fraction "of" something is its "share of …"; counts are the counted noun in the plural,
  with the parties ("Putin-Xi meetings").
* **Kind and period** come from the figure's clause (climbing through non-finite verbs
  and "goal of …" nouns, leaving out conjoined clauses): target words (target, goal, aim,
  plan, intend…) → ``target``; forecast words (expect, forecast, project, could…) →
  ``forecast``; "estimate(d)" → ``estimate``; "raise/boost … to", "by 2024", will/would →
  ``target``; a past or present-perfect verb, "last year", "in 2021", "now" → ``actual``.
  The period is the time cue nearest the figure in its clause, resolved against the
  document's published date: "by 2024"/"in 2023" → the year, "last year" → published
  year − 1, "this year"/"now" → the published year, "last month" → the month before.
* ``hedge`` ("around", "more than"), ``rate`` ("per day", "annually", "annual" trade) and
  ``duration`` ("over the next 10 years", "a 30-year deal") are kept as written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.document import Figure, FigureKind, Mention
from storyline.gazetteer import load_gazetteer
from storyline.resolve.names import EAST_ASIAN_SURNAMES, fold
from storyline.stages.figures_parse import (
    TIME_UNITS,
    Quantity,
    hedge_before,
    plural,
    rate_after,
    scan,
    singular,
)
from storyline.stages.registry import StageInput, StageOutput, stage

_NAME_LABELS = frozenset({"ORG", "PERSON", "GPE", "LOC", "EVENT", "WORK", "OTHER"})
_NOT_FIGURE_ENTS = frozenset(
    {"DATE", "TIME", "ORG", "PERSON", "GPE", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
)
_EVENT_NOUNS = frozenset(
    {"meeting", "summit", "visit", "round", "session", "talk", "encounter", "conversation",
     "call", "trip", "edition"}
)  # fmt: skip
_OCCASION_NOUNS = frozenset({"time", "occasion"})
_VERB_EVENTS = {
    "meet": "meetings", "visit": "visits", "talk": "talks", "speak": "conversations",
    "call": "calls", "hold": "meetings", "travel": "trips",
}  # fmt: skip
_REFERENCE_DETS = frozenset({"the", "these", "those", "both", "their", "its", "our", "this"})
_STOP_QUALIFIERS = frozenset(
    {"total", "overall", "annual", "yearly", "current", "new", "such", "other", "more",
     "additional", "whole", "entire", "last", "previous", "record", "first", "same", "the",
     "a", "an", "its", "their", "this", "that", "further", "some", "many", "several",
     "separate", "different", "major", "key", "big", "huge", "massive", "only", "estimated"}
)  # fmt: skip
_GENERIC = frozenset(
    {"value", "volume", "level", "total", "amount", "figure", "mark", "worth", "sum", "size",
     "tally", "record", "threshold", "milestone", "high", "peak", "target", "goal", "aim",
     "objective", "ambition"}
)  # fmt: skip
_TRADE = frozenset({"trade", "turnover", "commerce"})
_TWO_NOUNS = frozenset(
    {"country", "nation", "side", "neighbour", "neighbor", "state", "power", "partner",
     "economy", "government"}
)  # fmt: skip
_FLOW_VERBS = {
    "supply": "supply", "provide": "supply", "deliver": "supply", "ship": "supply",
    "send": "supply", "pump": "supply", "sell": "sales", "export": "exports",
    "import": "imports", "buy": "purchases", "purchase": "purchases", "invest": "investment",
}  # fmt: skip
_FLOW_NOUNS = {
    "supply": "supply", "delivery": "supply", "shipment": "supply", "export": "exports",
    "import": "imports", "sale": "sales", "purchase": "purchases", "investment": "investment",
}  # fmt: skip
_GROWTH_VERBS = frozenset(
    {"grow", "rise", "increase", "jump", "climb", "surge", "expand", "gain", "soar", "boost",
     "up", "rebound", "swell"}
)  # fmt: skip
_DECLINE_VERBS = frozenset(
    {"fall", "drop", "decline", "decrease", "shrink", "slump", "plunge", "dip", "contract",
     "down", "slide", "sink", "tumble", "reduce", "cut"}
)  # fmt: skip
_GROWTH_NOUNS = frozenset({"increase", "rise", "growth", "jump", "gain", "surge", "expansion"})
_DECLINE_NOUNS = frozenset({"decline", "fall", "drop", "decrease", "contraction", "slump"})
_RAISE_VERBS = frozenset(
    {"increase", "boost", "raise", "double", "lift", "bring", "expand", "grow", "push"}
)
_NONFINITE_DEPS = frozenset({"xcomp", "pcomp", "acl", "advcl", "amod", "prep", "pobj"})
_TARGET_WORDS = frozenset(
    {"target", "goal", "aim", "plan", "intend", "seek", "pledge", "vow", "commit", "strive",
     "objective", "ambition", "want", "agree", "envisage", "envision", "promise"}
)  # fmt: skip
_FORECAST_WORDS = frozenset(
    {"expect", "forecast", "project", "predict", "anticipate", "likely", "could", "may",
     "might", "projection", "outlook", "unlikely", "track"}
)  # fmt: skip
_ESTIMATE_WORDS = frozenset({"estimate", "estimated", "approximate", "reckon", "calculate"})
_NOW_WORDS = frozenset({"now", "currently", "presently", "today"})
_WORD_NUMS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    "twenty-five|thirty|forty|fifty"
)
_DURATION = re.compile(
    r"\b(?:(?:over|for|within|during|in)\s+(?:the\s+)?(?:next|coming|following|past|last)?"
    r"\s*(?:\d+|" + _WORD_NUMS + r")\s+(?:years?|months?|decades?)"
    r"|(?:a|an|the)\s+(?:\d+|" + _WORD_NUMS + r")-(?:year|month|decade)(?!-old))\b",
    re.IGNORECASE,
)
_TIME_CUES = re.compile(
    r"\b(?P<since>(?:since|from|after|before|until|between)\s+(?:19|20)\d\d)\b"
    r"|\b(?P<by>by\s+(?:the\s+end\s+of\s+)?(?P<byyear>(?:19|20)\d\d))\b"
    r"|\b(?P<in>(?:in|during|for|of|throughout)\s+(?:the\s+(?:first|second|third|fourth|last)"
    r"\s+(?:quarter|half|\w+\s+months)\s+of\s+)?(?:fiscal\s+)?(?P<inyear>(?:19|20)\d\d))\b"
    r"(?![-–/]\d)"
    r"|\b(?P<rel>(?P<relword>last|this|next|past)\s+(?P<relunit>year|month))\b"
    r"|\b(?P<now>now|currently|at present|so far|to date|today)\b"
    r"|(?<![\w-])(?P<bare>(?:19|20)\d\d)(?![\w-])",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Context:
    """What the subject builder needs from the whole document."""

    doc: Any
    text: str
    by_token: dict[int, list[Mention]]
    top_states: list[str]
    top_people: list[str]
    pub_year: int | None
    pub_month: int | None
    last_subject: str | None = None
    figure_tokens: set[int] = field(default_factory=set)
    units: dict[int, str] = field(default_factory=dict)


# ----------------------------------------------------------------------- mentions


def _party(m: Mention) -> str:
    """How an actor is named in a subject: canonical name; people by surname."""
    name = m.canonical or m.name
    if m.label == "PERSON":
        words = name.split()
        if len(words) > 1 and fold(words[0]) in EAST_ASIAN_SURNAMES and len(words) <= 3:
            return words[0]
        return words[-1]
    return name


def _index_mentions(doc: Any, mentions: Sequence[Mention]) -> dict[int, list[Mention]]:
    by_token: dict[int, list[Mention]] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            by_token.setdefault(tok.i, []).append(m)
    return by_token


def _top(mentions: Sequence[Mention], people: bool) -> list[str]:
    gaz = load_gazetteer()
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in mentions:
        if people:
            if m.label != "PERSON":
                continue
            key = _party(m)
        else:
            if m.label not in ("GPE", "NORP") or m.canonical is None:
                continue
            entry = gaz.canonical_entry(m.kb_id, m.canonical)
            not_state = entry is None or entry.type != "GPE"
            not_state = not_state or bool(entry and entry.stands_for and m.label == "GPE")
            if not_state and m.origin != "gazetteer-metonym":
                continue
            key = m.canonical
        counts[key] += 1
        first.setdefault(key, m.start)
    ranked = sorted(counts, key=lambda k: (-counts[k], first[k]))
    return ranked[:2]


def _parties_in(tokens: Iterable[Any], ctx: _Context) -> list[str]:
    found: list[str] = []
    for tok in tokens:
        for m in ctx.by_token.get(tok.i, []):
            name = _party(m)
            if name not in found:
                found.append(name)
    return found


def _joined(parties: Iterable[str]) -> str:
    return "-".join(sorted(set(parties)))


# --------------------------------------------------------------------------- parse


def _root(span: Any) -> Any:
    """The token of the span whose head lies outside it (the one heading most words)."""
    best: Any | None = None
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head.i == tok.i:
            size = sum(1 for _ in tok.subtree)
            if best is None or size >= best[0]:
                best = (size, tok)
    return best[1] if best is not None else span[-1]


def _child(tok: Any, *deps: str) -> Any | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def _prep_objects(tok: Any, *preps: str) -> list[Any]:
    """The objects of ``tok``'s prepositions ``preps`` (with their conjuncts)."""
    found: list[Any] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for o in c.children:
                if o.dep_ == "pobj":
                    found.append(o)
                    found.extend(o.conjuncts)
    return found


def _governor(tok: Any) -> tuple[Any | None, str]:
    """What the figure hangs off: (the governing token, the preposition or dependency)."""
    if tok.head.i == tok.i:
        return None, "root"
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent", "dative"):
        prep = tok.head
        if prep.head.i == prep.i:
            return None, prep.lower_
        return prep.head, prep.lower_
    if tok.dep_ == "conj":
        return _governor(tok.head)
    return tok.head, tok.dep_


def _subject_of(verb: Any) -> Any | None:
    """The subject of a verb, through xcomp/conj chains ("trade is expected to reach")."""
    v = verb
    for _ in range(4):
        s = _child(v, "nsubj", "nsubjpass", "csubj")
        if s is not None:
            return s
        if v.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp") and v.head.i != v.i:
            v = v.head
            continue
        break
    return None


def _agent_of(verb: Any) -> Any | None:
    v = verb
    for _ in range(4):
        s = _child(v, "nsubj", "nsubjpass")
        if s is not None:
            return s
        if v.dep_ in ("xcomp", "conj") and v.head.i != v.i:
            v = v.head
            continue
        break
    return None


# ------------------------------------------------------------------------ subjects


def _qualifiers(tok: Any, ctx: _Context) -> list[str]:
    words: list[str] = []
    for c in tok.children:
        if c.i > tok.i or c.dep_ not in ("compound", "amod", "nmod"):
            continue
        if c.i in ctx.by_token or c.like_num or c.i in ctx.figure_tokens:
            continue
        w = c.lower_ if c.pos_ == "ADJ" else c.lemma_.lower()
        if c.text.isupper() and len(c.text) > 1:
            w = c.text
        if w in _STOP_QUALIFIERS or w == "way" or not w.isalpha():
            continue
        words.append(w)
    return words


def _modifier_parties(tok: Any, ctx: _Context) -> tuple[list[str], bool, bool]:
    """Actors named around a noun, whether it is called bilateral, and "the two countries"."""
    tokens: list[Any] = [tok]
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < tok.i:
            tokens.extend(c.subtree)
    objs = _prep_objects(tok, "with", "between", "among", "and")
    for o in objs:
        tokens.extend(o.subtree)
    bilateral = any(t.lower_ in ("bilateral", "two-way", "mutual") for t in tokens) or any(
        t.lower_ == "way" and t.i >= 2 and t.nbor(-1).text == "-" and t.nbor(-2).lower_ == "two"
        for t in tokens
    )
    two = False
    for t in tokens:
        if t.lemma_.lower() in _TWO_NOUNS and any(c.lower_ in ("two", "both") for c in t.children):
            two = True
    return _parties_in(tokens, ctx), bilateral, two


def _noun_phrase(tok: Any, ctx: _Context, plural_form: bool = False) -> str:
    """The readable phrase for a measured noun, with its actors."""
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in _FLOW_NOUNS and not plural_form:
        flow = _flow_noun_subject(tok, None, ctx)
        if flow is not None:
            return flow
    parties, bilateral, two = _modifier_parties(tok, ctx)
    lemma = tok.lemma_.lower()
    if tok.i in ctx.by_token:
        lemma = _party(ctx.by_token[tok.i][0])
        parties = [p for p in parties if p != lemma]
    if tok.text.isupper() and len(tok.text) > 1:
        lemma = tok.text  # an acronym: "GDP"
    head = plural(lemma) if plural_form else _FLOW_NOUNS.get(lemma, lemma)
    quals = [q for q in _qualifiers(tok, ctx) if q not in ("bilateral", "two-way", "mutual")]
    if lemma in _TRADE and (len(parties) >= 2 or bilateral or two):
        if len(parties) < 2:
            parties = (parties + [s for s in ctx.top_states if s not in parties])[:2]
        if len(parties) >= 2:
            return " ".join([_joined(parties), "bilateral", *quals, head])
        return " ".join([*parties, "bilateral", *quals, head])
    if two and not parties:
        parties = list(ctx.top_states)
    words = [*quals, head]
    if parties:
        words.insert(0, _joined(parties))
    return " ".join(words)


def _material(tok: Any) -> Any | None:
    objs = _prep_objects(tok, "of")
    return objs[0] if objs else None


def _flow_subject(
    flow: str, material: Any | None, sources: Sequence[Any], agent: Any | None, ctx: _Context
) -> str | None:
    """ "{agent} {material} {flow} to {recipient}" from the verb or noun of a flow."""
    agents: list[str] = []
    if agent is not None:
        agents = _parties_in(agent.subtree, ctx)[:1]
    recipients: list[str] = []
    for s in sources:
        if s is None:
            continue
        for o in _prep_objects(s, "from", "by"):
            agents = agents or _parties_in(o.subtree, ctx)[:1]
        to_preps = ("in", "into") if flow == "investment" else ("to", "into")
        for o in _prep_objects(s, *to_preps):
            recipients = recipients or _parties_in(o.subtree, ctx)[:1]
        if s.pos_ == "NOUN" and s.lemma_.lower() in _FLOW_NOUNS:
            for c in s.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < s.i:
                    agents = agents or _parties_in(c.subtree, ctx)[:1]
    what = None
    if material is not None and material.i not in ctx.by_token:
        quals = _qualifiers(material, ctx)
        what = " ".join([*quals, material.lemma_.lower()])
    if not agents and not recipients and what is None:
        return None
    words = [*agents, *([what] if what else []), flow]
    if recipients:
        prep = "in" if flow == "investment" else "to"
        words += [prep, recipients[0]]
    return " ".join(words)


def _flow_noun_subject(noun: Any, material: Any | None, ctx: _Context) -> str | None:
    """ "Exports of Indian rice", "gas deliveries to Japan": a flow named by a noun."""
    mat = material or _material(noun)
    if mat is None:
        mat = next(
            (
                c
                for c in noun.children
                if c.dep_ == "compound" and c.i < noun.i and c.i not in ctx.by_token
            ),
            None,
        )
    agent = None
    if mat is not None and mat.i not in ctx.by_token:
        for c in mat.children:
            if c.dep_ in ("amod", "compound", "poss") and c.i in ctx.by_token:
                agent = c
    return _flow_subject(_FLOW_NOUNS[noun.lemma_.lower()], mat, [noun, mat], agent, ctx)


def _resolve_pronoun(tok: Any | None, ctx: _Context) -> Any | str | None:
    if tok is not None and tok.pos_ == "PRON":
        return ctx.last_subject
    return _through_generic(tok) if tok is not None else None


def _phrase(found: Any | str | None, ctx: _Context) -> str | None:
    if found is None or isinstance(found, str):
        return found
    if found.i in ctx.figure_tokens or found.like_num:
        return None
    return _noun_phrase(found, ctx)


def _through_generic(tok: Any) -> Any:
    """ "the value of trade" → trade; "trade reached the $200bn mark" is handled by callers."""
    for _ in range(2):
        if tok.lemma_.lower() not in _GENERIC:
            break
        of = _material(tok)
        if of is None:
            break
        tok = of
    return tok


def _what(root: Any, ctx: _Context) -> tuple[Any | str | None, Any | None, str]:
    """The measured thing (token or resolved subject), the governor and how it attaches."""
    gov, via = _governor(root)
    cur = root
    for _ in range(2):
        if gov is None:
            return None, None, via
        if gov.pos_ in ("NOUN", "PROPN") and gov.lemma_.lower() in _GENERIC:
            of = _material(gov)
            if of is not None and of.i not in ctx.figure_tokens:
                return _through_generic(of), gov, via
            objs = _prep_objects(gov, "in", "for") + _prep_objects(root, "in", "for")
            if gov.head.i != gov.i and gov.head.pos_ == "VERB":
                objs += _prep_objects(gov.head, "in", "for")
            if objs and objs[0].pos_ == "NOUN":
                return objs[0], gov, via
            compound = next(
                (
                    c
                    for c in gov.children
                    if c.dep_ == "compound"
                    and c.pos_ == "NOUN"
                    and c.i not in ctx.figure_tokens
                    and not c.like_num
                ),
                None,
            )
            if compound is not None:
                return compound, gov, via
            if gov.lemma_.lower() in _TARGET_WORDS:
                return None, gov, via
            cur = gov
            gov, via = _governor(gov)
            continue
        break
    if gov is None:
        return None, None, via
    if gov.pos_ in ("NOUN", "PROPN"):
        return gov, gov, via
    if gov.lower_ == "worth" and gov.head.i != gov.i and gov.head.pos_ == "NOUN":
        return gov.head, gov.head, via
    if gov.pos_ in ("VERB", "AUX", "ADJ", "ADV"):
        verb = gov.head if gov.pos_ == "ADV" and gov.head.i != gov.i else gov
        dobj = _child(verb, "dobj")
        if dobj is not None and (dobj.i in ctx.figure_tokens or dobj.i == cur.i):
            dobj = None
        subj = _subject_of(verb)
        if via in ("to", "by", "from") and dobj is not None:
            return _resolve_pronoun(_through_generic(dobj), ctx), verb, via
        if cur.dep_ in ("dobj", "attr", "oprd", "npadvmod", "advmod") or via in ("to", "by"):
            return _resolve_pronoun(subj, ctx), verb, via
        return _resolve_pronoun(dobj or subj, ctx), verb, via
    return None, gov, via


def _money_subject(root: Any, ctx: _Context) -> tuple[str | None, Any | None]:
    material = _material(root)
    found, gov, via = _what(root, ctx)
    flow = _FLOW_VERBS.get(gov.lemma_.lower()) if gov is not None else None
    supplied = root.dep_ in ("dobj", "npadvmod") or via in ("of", "worth")
    if gov is not None and flow is not None and gov.pos_ in ("VERB", "AUX") and supplied:
        sources = [gov, root, material]
        subject = _flow_subject(flow, material, sources, _agent_of(gov), ctx)
        if subject is not None:
            return subject, gov
    if isinstance(found, str):
        return found, gov
    if gov is not None and gov.lemma_.lower() in ("cost", "spend") and found is not None:
        return f"{_noun_phrase(found, ctx)} cost", gov
    modifies = found is not None and found is gov and root.dep_ in ("compound", "nummod", "amod")
    if modifies and _unit_of(root, ctx) in ("km", "mile"):
        return f"{_noun_phrase(found, ctx)} length", gov
    if found is not None and found.pos_ == "NOUN" and found.lemma_.lower() in _FLOW_NOUNS:
        subject = _flow_noun_subject(found, material, ctx)
        if subject is not None:
            return subject, gov
    if material is not None and material.i not in ctx.by_token:
        subject = _flow_subject("supply", material, [root, material], None, ctx)
        has_actor = bool(_prep_objects(root, "from", "to", "into")) or bool(
            _prep_objects(material, "from", "to", "into")
        )
        if subject is not None and has_actor:
            return subject, gov
        if found is None or (gov is not None and gov.pos_ in ("VERB", "AUX")):
            return _noun_phrase(material, ctx), gov
    return _phrase(found, ctx), gov


def _unit_of(root: Any, ctx: _Context) -> str | None:
    return ctx.units.get(root.i)


def _percent_subject(root: Any, ctx: _Context) -> tuple[str | None, Any | None]:
    of = _material(root)
    for tok in root.subtree if of is None else ():
        if tok.i in ctx.figure_tokens and of is None:
            of = _material(tok)
    gov, _ = _governor(root)
    if of is not None and of.i not in ctx.figure_tokens:
        return "share of " + _noun_phrase(_through_generic(of), ctx), gov
    if gov is not None and gov.pos_ == "NOUN":
        lemma = gov.lemma_.lower()
        if lemma in _GROWTH_NOUNS or lemma in _DECLINE_NOUNS:
            change = "growth" if lemma in _GROWTH_NOUNS else "decline"
            objs = _prep_objects(gov, "in", "of")
            if objs:
                return f"{_noun_phrase(objs[0], ctx)} {change}", gov
            found, _, _ = _what(gov, ctx)
            base = _phrase(found, ctx)
            return (f"{base} {change}" if base else change), gov
    if gov is not None and gov.pos_ in ("VERB", "AUX", "ADV", "ADP", "ADJ"):
        verb = gov
        if verb.lemma_.lower() in ("up", "down") and verb.head.i != verb.i:
            lemma = verb.lemma_.lower()
            verb = verb.head
        else:
            lemma = verb.lemma_.lower()
        if lemma in _GROWTH_VERBS or lemma in _DECLINE_VERBS:
            change = "growth" if lemma in _GROWTH_VERBS else "decline"
            dobj = _child(verb, "dobj")
            if dobj is not None and dobj.i in ctx.figure_tokens:
                dobj = None
            target = _resolve_pronoun(dobj or _subject_of(verb), ctx)
            base = _phrase(target, ctx)
            return (f"{base} {change}" if base else None), verb
    found, g, _ = _what(root, ctx)
    return _phrase(found, ctx), g


def _count_subject(noun: Any, ctx: _Context) -> str:
    lemma = noun.lemma_.lower()
    if lemma in _OCCASION_NOUNS and noun.head.i != noun.i and noun.head.pos_ == "VERB":
        verb = noun.head
        events = _VERB_EVENTS.get(verb.lemma_.lower(), f"{verb.lemma_.lower()} occasions")
        subj = _subject_of(verb)
        parties: list[str] = []
        if subj is not None:
            parties = _parties_in(subj.subtree, ctx)
            for o in _prep_objects(verb, "with"):
                parties += _parties_in(o.subtree, ctx)
            if not parties and subj.pos_ == "PRON" and subj.lower_ in ("they", "we"):
                parties = list(ctx.top_people)
        return " ".join([_joined(parties), events]) if parties else events
    phrase = _noun_phrase(noun, ctx, plural_form=True)
    poss = _child(noun, "poss")
    if (
        lemma in _EVENT_NOUNS
        and poss is not None
        and poss.pos_ == "PRON"
        and poss.lower_ == "their"
        and len(ctx.top_people) == 2
    ):
        return f"{_joined(ctx.top_people)} {phrase}"
    return phrase


# ------------------------------------------------------------------- kind, period


def _clause_head(tok: Any) -> Any:
    """The finite clause the figure belongs to (climbing through non-finite verbs)."""
    t = tok
    for _ in range(30):
        if t.head.i == t.i:
            return t
        finite = t.pos_ in ("VERB", "AUX") and t.dep_ not in _NONFINITE_DEPS
        finite = finite and t.tag_ not in ("VBG", "TO") and t.dep_ not in ("aux", "auxpass")
        if finite and not (t.tag_ == "VB" and t.dep_ != "ROOT"):
            return t
        t = t.head
    return t


def _clause_tokens(head: Any, figure: Any) -> list[Any]:
    """The clause's tokens, without conjoined clauses that do not hold the figure."""
    excluded: set[int] = set()
    for c in head.children:
        if c.dep_ in ("conj", "parataxis", "ccomp", "advcl") and c.pos_ in ("VERB", "AUX"):
            sub = {t.i for t in c.subtree}
            if figure.i not in sub:
                excluded |= sub
    return [t for t in head.subtree if t.i not in excluded]


def _kind(
    tokens: Sequence[Any], gov: Any | None, via: str, has_by_year: bool, time_cue: bool
) -> FigureKind | None:
    lemmas = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    if lemmas & _TARGET_WORDS:
        return "target"
    if lemmas & _FORECAST_WORDS or "set to" in " ".join(t.lower_ for t in tokens):
        return "forecast"
    if lemmas & _ESTIMATE_WORDS:
        return "estimate"
    raise_to = (gov is not None and gov.lemma_.lower() in _RAISE_VERBS and via == "to") and not any(
        t.tag_ == "VBD" and t.lemma_.lower() in _RAISE_VERBS for t in tokens
    )
    modal = any(t.lower_ in ("will", "would", "shall", "'ll") for t in tokens)
    if raise_to or modal or has_by_year:
        return "target"
    past = any(t.tag_ in ("VBD", "VBN") and t.dep_ not in ("amod", "acl") for t in tokens)
    present = any(t.tag_ in ("VBZ", "VBP") for t in tokens)
    if past or time_cue or (present and lemmas & _NOW_WORDS):
        return "actual"
    if present:
        return "actual"
    return None


def _period(
    text: str, spans: Sequence[tuple[int, int]], fig: tuple[int, int], ctx: _Context
) -> tuple[str | None, bool, bool]:
    """The period nearest the figure in its clause; whether it is "by YEAR"; any time cue."""
    best: tuple[int, str | None, bool] | None = None
    cue = False
    for start, end in spans:
        for m in _TIME_CUES.finditer(text, start, end):
            a, b = m.start(), m.end()
            if (a < fig[1] and b > fig[0]) or m.group("since"):
                continue
            value: str | None = None
            by = False
            if m.group("byyear"):
                value, by = m.group("byyear"), True
            elif m.group("inyear"):
                value = m.group("inyear")
            elif m.group("rel"):
                value = _relative(m.group("relword").lower(), m.group("relunit").lower(), ctx)
            elif m.group("now"):
                value = str(ctx.pub_year) if ctx.pub_year else None
            elif m.group("bare"):
                value = m.group("bare")
            cue = True
            dist = fig[0] - b if b <= fig[0] else a - fig[1]
            if m.group("bare"):
                dist += 1000  # a year not introduced by a preposition is a weak cue
            if best is None or dist < best[0]:
                best = (dist, value, by)
    if best is None:
        return None, False, cue
    return best[1], best[2], cue


def _relative(word: str, unit: str, ctx: _Context) -> str | None:
    if ctx.pub_year is None:
        return None
    shift = {"last": -1, "past": -1, "this": 0, "next": 1}[word]
    if unit == "year":
        return str(ctx.pub_year + shift)
    if ctx.pub_month is None:
        return None
    month = ctx.pub_month + shift
    year = ctx.pub_year
    if month < 1:
        month, year = 12, year - 1
    elif month > 12:
        month, year = 1, year + 1
    return f"{year:04d}-{month:02d}"


_RATE_IN_CLAUSE = re.compile(
    r"\b(?:annually|yearly|each year|every year|per (?:day|year|annum|month)"
    r"|a (?:day|year|month)(?! ago| earlier| later| before| after))\b",
    re.IGNORECASE,
)


def _clause_rate(text: str, spans: Sequence[tuple[int, int]], fig: tuple[int, int]) -> str | None:
    """A rate after the figure in its clause ("38 bcm of gas annually")."""
    for start, end in spans:
        for m in _RATE_IN_CLAUSE.finditer(text, max(start, fig[1]), end):
            return m.group(0)
    return None


def _duration(text: str, spans: Sequence[tuple[int, int]], fig: tuple[int, int]) -> str | None:
    best: tuple[int, str] | None = None
    for start, end in spans:
        for m in _DURATION.finditer(text, start, end):
            if m.start() < fig[1] and m.end() > fig[0]:
                continue
            dist = abs(m.start() - fig[0])
            if best is None or dist < best[0]:
                best = (dist, m.group(0))
    return best[1] if best else None


def _token_spans(tokens: Sequence[Any]) -> list[tuple[int, int]]:
    """Contiguous character ranges covered by the tokens."""
    spans: list[tuple[int, int]] = []
    for t in sorted(tokens, key=lambda t: t.i):
        a, b = t.idx, t.idx + len(t.text)
        if spans and t.i > 0 and spans[-1][1] >= a - 1 - len(t.doc[t.i - 1].whitespace_):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


# -------------------------------------------------------------------------- counts


def _count(q: Quantity, span: Any, ctx: _Context) -> tuple[int, int, Any, str] | None:
    """(start, end, counted noun, unit) when a bare number counts something, else None."""
    doc = ctx.doc
    num = span[-1]
    term = q.attached and q.noun is not None and singular(q.noun) in TIME_UNITS
    if any(t.ent_type_ in _NOT_FIGURE_ENTS for t in span) and not term:
        return None
    if q.ordinal:
        noun = num.head
        if noun.i > num.i and noun.pos_ == "NOUN" and noun.lemma_.lower() in _EVENT_NOUNS:
            return q.start, noun.idx + len(noun.text), noun, "count"
        return None
    if q.attached:
        # "a 5,300-word document", "a 30-year contract": number - noun, modifying a noun
        nxt = doc[num.i + 1 : num.i + 3]
        if len(nxt) < 2 or nxt[0].text != "-":
            return None
        word, head = nxt[1], nxt[1].head
        while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i:
            head = head.head
        if head.i <= word.i or head.pos_ != "NOUN":
            return None
        unit = singular(word.text)
        if not q.digits[0].isdigit() or unit in ("day", "week", "hour", "minute", "second"):
            return None  # "two-way", "one-China", "a three-day visit"
        if unit in TIME_UNITS:
            return q.start, word.idx + len(word.text), head, unit
        return q.start, word.idx + len(word.text), head, "count"
    if q.value == 1 or q.digits.lower() in ("a dozen", "a hundred", "a thousand"):
        return None
    noun = num.head
    if num.dep_ not in ("nummod", "compound", "amod", "quantmod") or noun.i <= num.i:
        return None
    if noun.i - num.i > 4 or noun.pos_ != "NOUN":
        return None
    if noun.lemma_.lower() in TIME_UNITS or singular(noun.text) in TIME_UNITS:
        return None
    if any(c.lower_ in _REFERENCE_DETS and c.i < num.i for c in noun.children):
        return None  # "the two countries": a reference, not a count
    if noun.lemma_.lower() in ("percent", "%", "cent", "point", "per"):
        return None
    return q.start, noun.idx + len(noun.text), noun, "count"


# ---------------------------------------------------------------------------- stage


def _published(published: str | None) -> tuple[int | None, int | None]:
    if not published:
        return None, None
    m = re.match(r"(\d{4})(?:-(\d{2}))?", published)
    if m is None:
        return None, None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def _in_name(q: Quantity, ctx: _Context, span: Any) -> bool:
    for tok in span:
        for m in ctx.by_token.get(tok.i, []):
            if m.label in _NAME_LABELS and m.start < q.end and m.end > q.start:
                return True
    return False


def extract_figures(
    doc: Any, text: str, mentions: Sequence[Mention], published: str | None
) -> tuple[Figure, ...]:
    """The figures of a parsed document (see the module docstring)."""
    year, month = _published(published)
    ctx = _Context(
        doc,
        text,
        _index_mentions(doc, mentions),
        _top(mentions, people=False),
        _top(mentions, people=True),
        year,
        month,
    )
    candidates: list[tuple[Quantity, Any]] = []
    for q in scan(text):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or len(span) == 0 or _in_name(q, ctx, span):
            continue
        candidates.append((q, span))
        if q.unit is not None:
            ctx.figure_tokens.update(t.i for t in span)
            ctx.units.update((t.i, q.unit) for t in span)
    found: list[Figure] = []
    for q, span in candidates:
        figure = _figure(q, span, ctx)
        if figure is not None:
            found.append(figure)
    return tuple(found)


def _figure(q: Quantity, span: Any, ctx: _Context) -> Figure | None:
    text = ctx.text
    start, end, unit = q.start, q.end, q.unit
    value = q.value
    gov: Any | None = None
    subject: str | None
    rate = q.rate
    if unit is None:
        counted = _count(q, span, ctx)
        if counted is None:
            return None
        start, end, noun, unit = counted
        root = noun
        ctx.figure_tokens.update(t.i for t in span)
        if q.attached:
            ctx.figure_tokens.update(range(span[-1].i, span[-1].i + 3))
        if unit == "count":
            if q.attached:
                subject = f"{plural(singular(text[span[-1].idx + len(span[-1].text) + 1 : end]))}"
                subject += f" in {_noun_phrase(noun, ctx)}"
            else:
                subject = _count_subject(noun, ctx)
            gov = noun.head
        else:
            subject = f"{_noun_phrase(noun, ctx)} term"
            gov = noun.head
        via = noun.dep_
    else:
        fspan = ctx.doc.char_span(start, end, alignment_mode="expand")
        root = _root(fspan)
        if unit in ("percent", "percentage_point"):
            subject, gov = _percent_subject(root, ctx)
        else:
            subject, gov = _money_subject(root, ctx)
            if subject is not None:
                ctx.last_subject = subject
        via = _governor(root)[1]
    hedge = hedge_before(text, start)
    after = rate_after(text, end)
    if rate is None and after is not None:
        rate = after[0]
    annual = gov is not None and any(c.lower_ in ("annual", "yearly") for c in gov.children)
    if rate is None and annual:
        rate = "annual"
    head = _clause_head(root)
    tokens = _clause_tokens(head, root)
    spans = _token_spans(tokens)
    period, by_year, cue = _period(text, spans, (start, end), ctx)
    duration = _duration(text, spans, (start, end)) if unit not in TIME_UNITS else None
    if rate is None and unit not in TIME_UNITS:
        rate = _clause_rate(text, spans, (start, end))
    kind = _kind(tokens, gov, via, by_year, cue)
    if kind == "target" and period is None:
        period = None
    if subject is not None:
        subject = " ".join(subject.split()) or None
    return Figure(
        start=start,
        end=end,
        text=text[start:end],
        value=round(value, 6),
        unit=unit,
        subject=subject,
        kind=kind,
        period=period,
        hedge=hedge,
        duration=duration,
        rate=rate,
    )


@stage("figures", version=1, adds=["figures"], needs=["parse", "sentences", "mentions"])
def figures(inp: StageInput) -> StageOutput:
    mentions = tuple(m for m in inp.layers.get("mentions", ()) if isinstance(m, Mention))
    found = extract_figures(inp.parse, inp.document.text, mentions, inp.document.meta.published)
    return {"figures": found}
