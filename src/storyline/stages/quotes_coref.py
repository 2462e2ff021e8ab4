"""In-document coreference for speakers: descriptions and pronouns that stand for someone.

**Referents.** Every person the document names is a referent (mentions grouped by
gazetteer id, else by surname: "Vladimir Putin", "Putin"). A referent gathers what the text
says it is, from the words written with its mentions:

* a *title* — the words right before a name in its clause, and the title the entity stage
  kept apart ("Russian President Vladimir Putin", "Kremlin spokesman Dmitry Peskov", "Ryan
  spokesman Brendan Buck", "Ms. Feinstein");
* an *apposition* — the phrase after a name between commas ("Mark Episkopos, an expert at
  the Quincy Institute,"), or before it ("the Russian leader, Vladimir Putin").

From those words it keeps role classes ("president", "leader", "spokesperson", "expert",
…), the states they name (by the gazetteer: "Russian", "Kremlin", "Beijing") and a
grammatical gender when the words give one ("Mr.", "Ms.", "spokeswoman").

**Descriptions.** A definite speaker phrase with no name in it whose head is a role noun
("the Russian leader", "the Kremlin chief", "the U.S. secretary of state", "the analyst",
"China's foreign minister") is linked to the most recent referent before it whose roles
fit the description's role and whose states include the state the description names. A
description that fits no referent stays a description (no person), never a wrong one.
Only then is the gazetteer asked: the person holding the described office at the
article's date ("office_holder"), if the article names that person somewhere. ("The
group", "the spokesman" with no such person: the body an earlier speaker with that noun
spoke for, see :class:`storyline.stages.quotes_speakers.SpeakerResolver`.)

**Pronouns.** "He"/"she" is the speaker of the latest statement, or the subject of the
main clause, of the nearest earlier sentence that has one (the pronoun's own sentence
first), skipping referents of the other gender; the gender comes from the referent's
words and from the pronouns already resolved to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.document import Mention
from storyline.gazetteer import GazEntry, load_gazetteer

# role words → the role class they name (several words name one class)
_ROLE_WORDS: dict[str, str] = {
    "president": "president", "presidents": "president", "vice president": "vice president",
    "vice premier": "vice premier", "vice chairman": "vice chair",
    "leader": "leader", "leaders": "leader", "chief": "chief",
    "premier": "prime minister", "prime minister": "prime minister", "pm": "prime minister",
    "chancellor": "chancellor", "king": "monarch", "queen": "monarch", "emir": "monarch",
    "monarch": "monarch", "head of state": "head of state", "dictator": "leader",
    "head of government": "prime minister", "supreme leader": "leader",
    "foreign minister": "foreign minister", "minister": "minister",
    "defence minister": "defence minister", "defense minister": "defence minister",
    "secretary of state": "secretary of state", "secretary": "secretary",
    "secretary general": "secretary general", "secretary-general": "secretary general",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "press secretary": "spokesperson",
    "expert": "expert", "analyst": "expert", "scholar": "expert", "researcher": "expert",
    "fellow": "expert", "professor": "expert", "economist": "expert", "strategist": "expert",
    "official": "official", "diplomat": "diplomat", "ambassador": "ambassador",
    "envoy": "envoy", "negotiator": "envoy",
    "governor": "governor", "gov.": "governor", "senator": "senator", "sen.": "senator",
    "lawmaker": "lawmaker", "congressman": "lawmaker", "congresswoman": "lawmaker",
    "rep.": "lawmaker", "representative": "lawmaker", "legislator": "lawmaker",
    "mayor": "mayor", "general": "general", "gen.": "general", "commander": "general",
    "chairman": "chair", "chairwoman": "chair", "chair": "chair",
    "director": "director", "ceo": "executive", "executive": "executive",
    "lawyer": "lawyer", "attorney": "lawyer", "judge": "judge", "justice": "judge",
    "candidate": "candidate", "nominee": "candidate", "adviser": "adviser",
    "advisor": "adviser", "aide": "adviser", "founder": "founder", "pope": "pope",
    "sheriff": "police chief", "prosecutor": "prosecutor",
}  # fmt: skip
# what a description's role class accepts in a referent's roles
_FITS: dict[str, frozenset[str]] = {
    "leader": frozenset({"leader", "president", "prime minister", "chancellor", "monarch"}),
    "head of state": frozenset({"president", "monarch", "head of state"}),
    "chief": frozenset({"chief", "leader", "president", "director", "executive", "chair"}),
    "minister": frozenset({"minister", "foreign minister", "defence minister"}),
    "secretary": frozenset({"secretary", "secretary of state", "secretary general"}),
    "official": frozenset({"official", "spokesperson", "minister", "diplomat"}),
    "expert": frozenset({"expert"}),
    "lawmaker": frozenset({"lawmaker", "senator"}),
    "diplomat": frozenset({"diplomat", "ambassador", "envoy", "foreign minister"}),
}
# the offices "the Russian leader" / "the head of state" name, in order of preference
_TOP_OFFICES = ("president", "prime minister", "chancellor", "monarch")
_MALE = frozenset({"mr.", "mr", "spokesman", "chairman", "congressman", "king", "sir"})
_FEMALE = frozenset(
    {"ms.", "ms", "mrs.", "mrs", "miss", "spokeswoman", "chairwoman", "congresswoman", "queen"}
)
_STOP_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "conj", "cc"})
_YEARS = re.compile(r"\((\d{4})\s*[-–]\s*(\d{4})?\)")
_NON_ALNUM = re.compile(r"[^\w\s.-]")


def role_classes(words: Sequence[str]) -> set[str]:
    """The role classes named in lowercase ``words``, two- and three-word roles first."""
    words = " ".join(words).replace(" - ", "-").replace("-", " ").split()
    found: set[str] = set()
    skip_until = -1
    for i in range(len(words)):
        if i < skip_until:
            continue
        for n in (3, 2, 1):
            phrase = " ".join(words[i : i + n])
            if len(words[i : i + n]) == n and phrase in _ROLE_WORDS:
                if i > 0 and words[i - 1] in {"deputy", "former", "ex", "assistant"}:
                    skip_until = i + n
                    break  # a deputy minister is no minister
                found.add(_ROLE_WORDS[phrase])
                skip_until = i + n
                break
    return found


def fits(wanted: str, roles: Iterable[str]) -> bool:
    accepted = _FITS.get(wanted, frozenset({wanted}))
    return any(r in accepted for r in roles)


def states_named(words: Sequence[str]) -> set[str]:
    """The gazetteer keys of the states that the words name or stand for ("Russian",
    "Kremlin", "Beijing", "U.S.")."""
    gaz = load_gazetteer()
    found: set[str] = set()
    for i in range(len(words)):
        for n in (3, 2, 1):
            surface = " ".join(words[i : i + n])
            hit = gaz.hit(surface) or gaz.hit(surface.rstrip("’'s").rstrip("’'"))
            if hit is None:
                continue
            state = _state_key(hit.entry)
            if state is not None:
                found.add(state)
            break
    return found


def _state_key(entry: GazEntry) -> str | None:
    if entry.type == "GPE":
        return entry.stands_for or entry.key if entry.country is None else entry.stands_for
    return entry.country if entry.type in {"ORG", "PERSON"} else None


def office_valid(role: str, when: str | None, rivals: Sequence[str]) -> bool:
    """Whether a gazetteer role ("President of Russia", "Premier of China (2013-2023)") held
    at the date ``when`` (an ISO prefix): a role with years holds within them; a role
    without years holds from the latest start of the same office's dated holders
    (``rivals``) on, outside their years."""
    if when is None or not when[:4].isdigit():
        return False
    year = int(when[:4])
    found = _YEARS.search(role)
    if found is not None:
        start = int(found.group(1))
        end = int(found.group(2)) if found.group(2) else start
        return start <= year <= end
    earliest: int | None = None
    for other in rivals:
        span = _YEARS.search(other)
        if span is None:
            continue
        start = int(span.group(1))
        end = int(span.group(2)) if span.group(2) else start
        if start <= year < end or (start == end == year):
            return False
        earliest = start if earliest is None else min(earliest, start)
    return earliest is not None and year > earliest


def _office(role: str) -> str:
    return _YEARS.sub("", role).strip().lower()


@dataclass(slots=True)
class Referent:
    """One person the document names, with what its text says about them."""

    key: str
    mentions: list[Mention] = field(default_factory=list)
    title_roles: set[str] = field(default_factory=set)
    apposition_roles: set[str] = field(default_factory=set)
    states: set[str] = field(default_factory=set)
    gender: str | None = None
    entry: GazEntry | None = None

    @property
    def name_mention(self) -> Mention:
        """The mention that names the referent most fully (the first of the longest)."""
        return max(self.mentions, key=lambda m: (len(m.text.split()), -m.start))

    def before(self, offset: int) -> Mention | None:
        earlier = [m for m in self.mentions if m.end <= offset]
        return earlier[-1] if earlier else None


def _words(toks: Iterable[Any]) -> list[str]:
    return [t.lower_ for t in toks if not t.is_space]


class Referents:
    """The people of one document, and the lookups speakers need."""

    def __init__(
        self,
        doc: Any,
        mentions: Sequence[Mention],
        blocked: Sequence[tuple[int, int]] = (),
        when: str | None = None,
    ) -> None:
        self.doc = doc
        self.when = when
        self.by_key: dict[str, Referent] = {}
        self.of_mention: dict[tuple[int, int], Referent] = {}
        gaz = load_gazetteer()
        people = [m for m in mentions if m.label == "PERSON"]
        self.person_tokens = {
            t.i
            for m in people
            if (span := doc.char_span(m.start, m.end, alignment_mode="expand")) is not None
            for t in span
        }
        for m in sorted(people, key=lambda m: m.start):
            if any(a <= m.start < b for a, b in blocked):
                continue
            key = m.kb_id or _surname(m.name)
            if not key:
                continue
            ref = self.by_key.setdefault(key, Referent(key))
            ref.mentions.append(m)
            self.of_mention[(m.start, m.end)] = ref
            if ref.entry is None:
                ref.entry = gaz.canonical_entry(m.kb_id, m.canonical)
            self._describe(ref, m)

    def _describe(self, ref: Referent, m: Mention) -> None:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return
        title_toks = _title_tokens(span, self.person_tokens)
        appos_toks = _apposition_tokens(span)
        title = _words(title_toks)
        if m.role:
            title = [*title, *m.role.lower().split()]
        appos = _words(appos_toks)
        ref.title_roles |= role_classes(title)
        ref.apposition_roles |= role_classes(appos)
        written = [t.text for t in title_toks + appos_toks] + (m.role or "").split()
        ref.states |= states_named(written)
        for word in title + appos[:3]:
            if word in _MALE:
                ref.gender = "m"
            elif word in _FEMALE:
                ref.gender = "f"

    def referent(self, m: Mention | None) -> Referent | None:
        return self.of_mention.get((m.start, m.end)) if m is not None else None

    def at(self, offset: int) -> Referent | None:
        """The referent with a mention covering ``offset``."""
        for (a, b), ref in self.of_mention.items():
            if a <= offset < b:
                return ref
        return None

    def _gaz_state(self, ref: Referent) -> set[str]:
        if ref.entry is None:
            return set()
        role = ref.entry.role or ""
        return states_named(_NON_ALNUM.sub(" ", role).split()) | (
            {ref.entry.country} if ref.entry.country else set()
        )

    def describe(
        self, role: str, states: set[str], offset: int
    ) -> tuple[Referent, Mention, str] | None:
        """The referent a description ("the Russian leader") stands for, its mention to
        point at, and how it was found (``title``/``apposition``); else, when the text has
        none, the office holder the gazetteer knows for the article's date."""
        best: tuple[int, Referent, Mention, str] | None = None
        for ref in self.by_key.values():
            last = ref.before(offset)
            if last is None:
                continue
            ref_states = ref.states | self._gaz_state(ref)
            if states and not (states & ref_states):
                continue
            if fits(role, ref.apposition_roles):
                via = "apposition"
            elif fits(role, ref.title_roles):
                via = "title"
            else:
                continue
            if best is None or last.start > best[0]:
                best = (last.start, ref, ref.name_mention, via)
        if best is not None:
            return best[1], best[2], best[3]
        return self._office_holder(role, states)

    def _office_holder(self, role: str, states: set[str]) -> tuple[Referent, Mention, str] | None:
        if not states:
            return None
        gaz = load_gazetteer()
        holders: list[Referent] = []
        for ref in self.by_key.values():
            entry = ref.entry
            if entry is None or not entry.role or not (states & self._gaz_state(ref)):
                continue
            office = _office(entry.role)
            offered = role_classes(office.split())
            if role in {"leader", "head of state"}:
                top = next((o for o in _TOP_OFFICES if o in offered), None)
                if top is None or not fits(role, {top}):
                    continue
            elif not fits(role, offered):
                continue
            rivals = [
                e.role
                for e in gaz.entries
                if e.role and e.key != entry.key and _office(e.role) == office
            ]
            if office_valid(entry.role, self.when, rivals):
                holders.append(ref)
        if len(holders) != 1:
            return None
        return holders[0], holders[0].name_mention, "office_holder"


def _surname(name: str) -> str:
    parts = [p for p in name.replace("’s", "").replace("'s", "").split() if p[:1].isalpha()]
    return parts[-1].lower() if parts else ""


def _title_tokens(span: Any, people: set[int]) -> list[Any]:
    """The words right before a name in its clause: "Russian President", "Kremlin spokesman",
    up to another person's name (token ids ``people``) or an "and"."""
    doc = span.doc
    out: list[Any] = []
    i = span.start - 1
    while i >= 0 and len(out) < 7:
        t = doc[i]
        if t.is_space or "\n" in t.text or t.text in {",", ";", ":", "(", ")", "“", "”", '"'}:
            break
        if t.pos_ in {"VERB", "AUX"} and t.lower_ not in {"called", "named"}:
            break
        if t.i in people or t.pos_ == "CCONJ":
            break  # another person's name
        if t.text == "." and i > 0 and doc[i - 1].whitespace_ == "" and t.whitespace_:
            break
        out.insert(0, t)
        i -= 1
    return out


def _apposition_tokens(span: Any) -> list[Any]:
    """The phrase between commas after a name ("…, an expert at the X Institute, said"),
    or the one before it ending with a comma ("the Russian leader, Vladimir Putin")."""
    doc = span.doc
    out: list[Any] = []
    if span.end < len(doc) and doc[span.end].text in {",", "(", "—", "–"}:
        for t in doc[span.end + 1 : span.end + 16]:
            if t.text in {",", ")", ";", ".", "—", "–", "“", "”", '"'} or "\n" in t.text:
                break
            if t.pos_ in {"VERB", "AUX"} and t.dep_ in _STOP_DEPS | {"ROOT"}:
                break
            out.append(t)
    if span.start > 1 and doc[span.start - 1].text == ",":
        before: list[Any] = []
        for t in reversed(doc[max(0, span.start - 9) : span.start - 1]):
            if t.text in {",", ";", ":", ".", "“", "”", '"'} or "\n" in t.text:
                break
            if t.pos_ in {"VERB", "AUX"}:
                before = []
                break
            before.insert(0, t)
        if before and before[0].lower_ == "the":
            out.extend(before)
    return out


def description_of(tok: Any, phrase: Sequence[Any]) -> tuple[str, list[str]] | None:
    """The role class and the words (as written) of a definite description headed by
    ``tok`` ("the Russian leader" → ("leader", [...])), or None when the phrase is no such
    description."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    words = _words(phrase)
    if not words:
        return None
    first = phrase[0]
    definite = (
        first.lower_ in {"the", "this", "that"}
        or first.dep_ == "poss"
        or (first.tag_ == "POS" or any(t.tag_ == "POS" for t in phrase))
    )
    if not definite:
        return None
    if any(t.dep_ == "prep" and t.lower_ in {"for", "at", "with"} for t in phrase):
        return None  # "the spokesman for the ministry": the body it speaks for
    head_at = [i for i, t in enumerate(phrase) if t.i == tok.i]
    upto = head_at[0] + 1 if head_at else len(words)
    # the role phrase ends at the head, or after "of X" ("secretary of state", "head of state")
    tail = words[upto : upto + 2]
    roles = role_classes(words[: upto + 2] if tail[:1] == ["of"] else words[:upto])
    if not roles:
        return None
    # the role of the head (last one named): "Kremlin spokesman" → spokesperson
    head_roles = role_classes(words[max(0, upto - 3) : upto + 2])
    chosen = sorted(head_roles or roles, key=lambda r: -len(r))
    return chosen[0], [t.text for t in phrase]


@dataclass(frozen=True, slots=True)
class Said:
    """A statement resolved so far: where its cue is and who the speaker is."""

    offset: int
    sentence: int
    referent: Referent | None


class Salience:
    """Who "he"/"she" is at a point of the text, from the statements resolved so far."""

    def __init__(self, doc: Any, referents: Referents) -> None:
        self.doc = doc
        self.referents = referents
        self.sents = list(doc.sents)
        self._starts = [s.start_char for s in self.sents]
        self.said: list[Said] = []
        self.blocked: Sequence[tuple[int, int]] = ()

    def sentence_of(self, offset: int) -> int:
        lo, hi = 0, len(self._starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._starts[mid] <= offset:
                lo = mid + 1
            else:
                hi = mid
        return max(0, lo - 1)

    def record(self, offset: int, mention: Mention | None) -> None:
        self.said.append(Said(offset, self.sentence_of(offset), self.referents.referent(mention)))

    def _subjects(self, sent: Any, before: int | None) -> list[Referent]:
        """The people who are subjects in a sentence, outside quotations: of its main verb;
        in the pronoun's own sentence (``before``), of any verb before it, nearest first."""
        if before is None:
            found = [c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}]
        else:
            found = [t for t in sent if t.dep_ in {"nsubj", "nsubjpass"} and t.idx < before][::-1]
        out: list[Referent] = []
        for s in found:
            if any(a <= s.idx < b for a, b in self.blocked):
                continue
            # "The committee's lead Democrat, Rep. Jane Roe of Ohio, warned"
            for t in [s, *(c for c in s.children if c.dep_ == "appos")]:
                ref = self.referents.at(t.idx)
                if ref is not None and ref not in out:
                    out.append(ref)
                    break
        return out

    def pronoun(self, pron: Any) -> Referent | None:
        gender = "f" if pron.lower_ in {"she", "her"} else "m"
        here = self.sentence_of(pron.idx)
        for si in range(here, max(-1, here - 4), -1):
            candidates: list[Referent] = [
                s.referent
                for s in reversed(self.said)
                if s.sentence == si and s.offset < pron.idx and s.referent is not None
            ]
            candidates += self._subjects(self.sents[si], pron.idx if si == here else None)
            for ref in candidates:
                if ref.gender is None or ref.gender == gender:
                    ref.gender = gender
                    return ref
        return None
