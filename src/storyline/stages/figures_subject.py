"""Subjects of figures: what a number measures, as a readable normalised phrase.

See :mod:`storyline.stages.figures` for the rules. :class:`Context` carries what the subject
builder needs from the whole document (the parse, the mentions by token, the two most
mentioned states and people, the published date); the helpers here read the dependency
parse around a figure (:func:`governor`, :func:`span_root`) and build the phrase for money
and quantities (:func:`money_subject`), percentages (:func:`percent_subject`) and counts
(:func:`count_subject`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import IDX, SPACY

from storyline.document import Mention
from storyline.gazetteer import load_gazetteer
from storyline.resolve.names import EAST_ASIAN_SURNAMES, fold
from storyline.stages.figures_words import plural

NAME_LABELS = frozenset({"ORG", "PERSON", "GPE", "LOC", "EVENT", "WORK", "OTHER"})
NOT_FIGURE_ENTS = frozenset(
    {"DATE", "TIME", "ORG", "PERSON", "GPE", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
)
EVENT_NOUNS = frozenset(
    {"meeting", "summit", "visit", "round", "session", "talk", "encounter", "conversation",
     "call", "trip", "edition"}
)  # fmt: skip
_OCCASION_NOUNS = frozenset({"time", "occasion"})
_VERB_EVENTS = {
    "meet": "meetings", "visit": "visits", "talk": "talks", "speak": "conversations",
    "call": "calls", "hold": "meetings", "travel": "trips",
}  # fmt: skip
REFERENCE_DETS = frozenset({"the", "these", "those", "both", "their", "its", "our", "this"})
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
TARGET_WORDS = frozenset(
    {"target", "goal", "aim", "plan", "intend", "seek", "pledge", "vow", "commit", "strive",
     "objective", "ambition", "want", "agree", "envisage", "envision", "promise"}
)  # fmt: skip


@dataclass(slots=True)
class Context:
    """What the subject builder needs from the whole document."""

    doc: Any
    text: str
    by_token: dict[int, list[Mention]]
    top_states: list[str]
    top_people: list[str]
    pub_year: int | None
    pub_month: int | None
    pub_date: str | None = None  # the published date as precisely as known ("2020-05-14")
    last_subject: str | None = None
    figure_tokens: set[int] = field(default_factory=set)
    units: dict[int, str] = field(default_factory=dict)
    # event noun → the possessed ordinal standing for it ("the meeting … their 38th")
    elided: dict[int, Any] = field(default_factory=dict)


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


def index_mentions(doc: Any, text: str, mentions: Sequence[Mention]) -> dict[int, list[Mention]]:
    """The mentions over each token of ``doc`` (whose text is ``text``), by token index: a
    mention is over the tokens of ``doc.char_span(m.start, m.end, alignment_mode="expand")``,
    here found by binary search over the tokens' offsets instead of building a span for
    every mention."""
    by_token: dict[int, list[Mention]] = {}
    if not mentions or not len(doc):
        return by_token
    cols = doc.to_array([IDX, SPACY]).astype(np.int64)
    length = len(text)  # the tokens and their spaces make up the text
    # a token's text ends where the next one starts (the text's end for the last), less a space
    starts = cols[:, 0]
    ends = np.append(starts[1:], length) - cols[:, 1]
    first_chars = np.array([m.start for m in mentions], dtype=np.int64)
    last_chars = np.array([m.end - 1 for m in mentions], dtype=np.int64)
    # the token holding a character (or the space after it), as char_span finds it
    firsts = np.searchsorted(starts, first_chars, side="right") - 1
    lasts = np.searchsorted(starts, last_chars, side="right") - 1
    inside = (first_chars >= 0) & (first_chars < length) & (last_chars >= 0)
    inside &= last_chars < length
    # a mention starting on the space after a token starts at the next token
    firsts += (firsts >= 0) & (ends[np.maximum(firsts, 0)] == first_chars)
    spans = zip(mentions, inside.tolist(), firsts.tolist(), lasts.tolist(), strict=True)
    for m, ok, first, last in spans:
        if ok:
            for i in range(first, last + 1):
                by_token.setdefault(i, []).append(m)
    return by_token


def top_parties(mentions: Sequence[Mention], people: bool) -> list[str]:
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


def _parties_in(tokens: Iterable[Any], ctx: Context) -> list[str]:
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


def span_root(span: Any) -> Any:
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


def governor(tok: Any) -> tuple[Any | None, str]:
    """What the figure hangs off: (the governing token, the preposition or dependency)."""
    if tok.head.i == tok.i:
        return None, "root"
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent", "dative"):
        prep = tok.head
        if prep.head.i == prep.i:
            return None, prep.lower_
        return prep.head, prep.lower_
    if tok.dep_ == "conj":
        return governor(tok.head)
    return tok.head, tok.dep_


def _stray_subject(verb: Any) -> Any | None:
    """ "… Russia's largest partner and trade jumped to $X": a conjoined verb with no
    subject right after a noun the parser made a conjunct of an earlier noun — that noun
    is the verb's subject."""
    if verb.dep_ != "conj" or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.dep_ == "conj" and before.pos_ == "NOUN" and before.head.i < before.i:
        return before
    return None


def _subject_of(verb: Any) -> Any | None:
    """The subject of a verb, through xcomp/conj chains ("trade is expected to reach")."""
    v = verb
    for _ in range(4):
        s = _child(v, "nsubj", "nsubjpass", "csubj")
        if s is not None:
            return s
        stray = _stray_subject(v)
        if stray is not None:
            return stray
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


def _qualifiers(tok: Any, ctx: Context) -> list[str]:
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


def _modifier_parties(tok: Any, ctx: Context) -> tuple[list[str], bool, bool]:
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


def noun_phrase(tok: Any, ctx: Context, plural_form: bool = False) -> str:
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


def _agents_in(tokens: Iterable[Any], ctx: Context) -> list[str]:
    """The first actor named in the tokens, an organisation before anyone else."""
    tokens = list(tokens)
    orgs = [_party(m) for t in tokens for m in ctx.by_token.get(t.i, []) if m.label == "ORG"]
    return orgs[:1] or _parties_in(tokens, ctx)[:1]


def _reported_subject(pron: Any) -> Any | None:
    """ "Rosneft announced that it would supply …": "it" → the reporting verb's subject."""
    verb = pron.head
    for _ in range(3):
        if verb.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or verb.head.i == verb.i:
            return None
        verb = verb.head
        subj = _child(verb, "nsubj", "nsubjpass")
        if subj is not None and subj.pos_ != "PRON":
            return subj
    return None


def _deal_parties(noun: Any) -> Any | None:
    """ "an agreement between Rosneft and CNPC on the supply of …": the deal's parties."""
    tok = noun
    for _ in range(3):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ != "NOUN":
            continue
        between = _prep_objects(tok, "between")
        if between:
            return between[0].head
        poss = _child(tok, "poss")
        if poss is not None and poss.pos_ != "PRON":
            return poss
    return None


def _flow_subject(
    flow: str, material: Any | None, sources: Sequence[Any], agent: Any | None, ctx: Context
) -> str | None:
    """ "{agent} {material} {flow} to {recipient}" from the verb or noun of a flow."""
    agents: list[str] = []
    if agent is not None and agent.pos_ == "PRON":
        agent = _reported_subject(agent)
    if agent is not None:
        agents = _agents_in(agent.subtree, ctx)
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


def _flow_noun_subject(noun: Any, material: Any | None, ctx: Context) -> str | None:
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
    if agent is None and not any(
        c.dep_ in ("poss", "compound") and c.i in ctx.by_token for c in noun.children
    ):
        agent = _deal_parties(noun)
    return _flow_subject(_FLOW_NOUNS[noun.lemma_.lower()], mat, [noun, mat], agent, ctx)


def _resolve_pronoun(tok: Any | None, ctx: Context) -> Any | str | None:
    if tok is not None and tok.pos_ == "PRON":
        return ctx.last_subject
    return _through_generic(tok) if tok is not None else None


def _phrase(found: Any | str | None, ctx: Context) -> str | None:
    if found is None or isinstance(found, str):
        return found
    if found.i in ctx.figure_tokens or found.like_num:
        return None
    return noun_phrase(found, ctx)


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


def _what(root: Any, ctx: Context) -> tuple[Any | str | None, Any | None, str]:
    """The measured thing (token or resolved subject), the governor and how it attaches."""
    gov, via = governor(root)
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
            if gov.lemma_.lower() in TARGET_WORDS:
                return None, gov, via
            cur = gov
            gov, via = governor(gov)
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


def money_subject(root: Any, ctx: Context) -> tuple[str | None, Any | None]:
    material = _material(root)
    found, gov, via = _what(root, ctx)
    trade = _trade_in(root, gov)
    if trade is not None:
        return _trade_phrase(trade, gov, ctx), gov
    flow = _FLOW_VERBS.get(gov.lemma_.lower()) if gov is not None else None
    supplied = root.dep_ in ("dobj", "npadvmod") or via in ("of", "worth")
    if gov is not None and flow is not None and gov.pos_ in ("VERB", "AUX") and supplied:
        sources = [gov, root, material]
        subject = _flow_subject(flow, material, sources, _agent_of(gov), ctx)
        if subject is not None:
            return subject, gov
    if isinstance(found, str):
        return found, gov
    if found is not None and found.pos_ == "NOUN" and found.lemma_.lower() in _TRADE:
        return _trade_phrase(found, gov, ctx), gov
    if gov is not None and gov.lemma_.lower() in ("cost", "spend") and found is not None:
        return f"{noun_phrase(found, ctx)} cost", gov
    modifies = found is not None and found is gov and root.dep_ in ("compound", "nummod", "amod")
    if modifies and _unit_of(root, ctx) in ("km", "mile"):
        return f"{noun_phrase(found, ctx)} length", gov
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
            return noun_phrase(material, ctx), gov
    return _phrase(found, ctx), gov


def _trade_in(root: Any, gov: Any | None) -> Any | None:
    """ "US$200 billion in trade": the trade noun a sum is "in" (on the figure or its verb)."""
    objs = _prep_objects(root, "in")
    if gov is not None and gov.pos_ in ("VERB", "AUX"):
        objs += [o for o in _prep_objects(gov, "in") if o.i > root.i]
    return next((o for o in objs if o.lemma_.lower() in _TRADE), None)


def _trade_phrase(trade: Any, gov: Any | None, ctx: Context) -> str:
    """Trade with its parties; with none named, the parties of the clause that sets it, or
    the document's two main states ("the two countries set a goal of reaching $X in trade")."""
    phrase = noun_phrase(trade, ctx)
    if phrase != trade.lemma_.lower():
        return phrase
    parties: list[str] = []
    verb = gov
    for _ in range(4):
        if verb is None:
            break
        subj = _child(verb, "nsubj", "nsubjpass")
        if subj is not None:
            parties = [p for p in _parties_in(subj.subtree, ctx) if p in ctx.top_states]
            break
        verb = verb.head if verb.head.i != verb.i else None
    if len(parties) < 2 and len(ctx.top_states) == 2:
        parties = list(ctx.top_states)
    if len(parties) >= 2:
        return f"{_joined(parties[:2])} bilateral {phrase}"
    return phrase


def _unit_of(root: Any, ctx: Context) -> str | None:
    return ctx.units.get(root.i)


def percent_subject(root: Any, ctx: Context) -> tuple[str | None, Any | None]:
    of = _material(root)
    for tok in root.subtree if of is None else ():
        if tok.i in ctx.figure_tokens and of is None:
            of = _material(tok)
    gov, _ = governor(root)
    if of is not None and of.i not in ctx.figure_tokens:
        return "share of " + noun_phrase(_through_generic(of), ctx), gov
    if gov is not None and gov.pos_ == "NOUN":
        lemma = gov.lemma_.lower()
        if lemma in _GROWTH_NOUNS or lemma in _DECLINE_NOUNS:
            change = "growth" if lemma in _GROWTH_NOUNS else "decline"
            objs = _prep_objects(gov, "in", "of")
            if objs:
                return f"{noun_phrase(objs[0], ctx)} {change}", gov
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


def _counterpart_of(tok: Any) -> bool:
    """ "his Chinese counterpart": a possessed counterpart with no name of its own."""
    return (
        tok.lemma_.lower() == "counterpart"
        and _child(tok, "poss") is not None
        and not any(c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in tok.children)
    )


def count_subject(noun: Any, ctx: Context) -> str:
    lemma = noun.lemma_.lower()
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ == "on":
        verb = verb.head  # "met on 38 different occasions"
    if lemma in _OCCASION_NOUNS and verb.i != noun.i and verb.pos_ == "VERB":
        events = _VERB_EVENTS.get(verb.lemma_.lower(), f"{verb.lemma_.lower()} occasions")
        subj = _subject_of(verb)
        parties: list[str] = []
        if subj is not None:
            parties = _parties_in(subj.subtree, ctx)
            for o in _prep_objects(verb, "with"):
                parties += _parties_in(o.subtree, ctx)
            dobj = _child(verb, "dobj")
            if verb.lemma_.lower() == "meet" and dobj is not None and _counterpart_of(dobj):
                # "Putin met his Chinese counterpart": the other of the document's main pair
                others = [p for p in ctx.top_people if p not in parties]
                if len(ctx.top_people) == 2 and len(others) == 1:
                    parties += others
            elif verb.lemma_.lower() == "meet" and dobj is not None:
                people = [
                    _party(m)
                    for t in dobj.subtree
                    for m in ctx.by_token.get(t.i, [])
                    if m.label == "PERSON"
                ]
                parties += people or _parties_in(dobj.subtree, ctx)  # "met his counterpart Xi"
            if not parties and subj.pos_ == "PRON" and subj.lower_ in ("they", "we"):
                parties = list(ctx.top_people)
        return " ".join([_joined(parties), events]) if parties else events
    phrase = noun_phrase(noun, ctx, plural_form=True)
    poss = _child(noun, "poss")
    if poss is None and noun.i in ctx.elided:
        poss = _child(ctx.elided[noun.i], "poss")  # "the meeting … — their 38th since 2012 —"
    if (
        lemma in EVENT_NOUNS
        and poss is not None
        and poss.pos_ == "PRON"
        and poss.lower_ == "their"
        and len(ctx.top_people) == 2
    ):
        return f"{_joined(ctx.top_people)} {phrase}"
    return phrase
