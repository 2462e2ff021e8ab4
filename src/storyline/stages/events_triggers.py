"""The words that start an event and the PLOVER type each gives, with the checks that tell
one sense of a word from another.

PLOVER (Political Language Ontology for Verifiable Event Records) types used:

* diplomacy: CONSULT (meet, visit, talks, a phone call), AGREE (sign, agree to, a deal),
  COOPERATE (cooperate, partner with), SUPPORT (support, endorse, praise), CONCEDE
  (concede, apologise, resign, release, lift sanctions, pardon), RETREAT (withdraw,
  pull out, surrender);
* demands and refusals: REQUEST (urge, demand, ask X to, "call for", "call on X to"),
  REJECT (reject, veto, refuse, rebuff, "turn down", "rule out");
* conflict: ACCUSE (accuse, blame, condemn, criticise, a verbal attack on a person,
  "called her a liar", and legal accusations: sue, indict, charge, impeach,
  investigate), THREATEN (threaten, warn X, an ultimatum), PROTEST (protest,
  demonstrate, boycott, a protest or strike), SANCTION (sanction, impose tariffs or an
  embargo, expel, ban, fine), MOBILIZE (mobilise, deploy troops), COERCE (arrest,
  detain, jail, deport, convict, sentence, seize, a crackdown), ASSAULT (attack, invade,
  bomb, shell, a military strike, kill, assassinate);
* AID (send, give or provide aid or assistance).

:func:`sense` reads the word in its parse: "called for a ban" is a REQUEST, "called on
Congress to act" a REQUEST addressed to Congress, "called him a liar" an ACCUSE, "called
the plan a boost" nothing, and only "called X" in a sentence about a phone call, or "called
X to discuss ...", is a CONSULT; "struck a deal" is AGREE, "struck down" nothing; "attacked
Pelosi" (a person) is ACCUSE while "attacked Kyiv" is ASSAULT; "agreed that ..." (an
opinion) is nothing.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Sense(NamedTuple):
    """What a trigger word means here: its PLOVER type, the verb of its label, whether its
    subject alone makes an event ("X resigned"), and the label's verb when only who it
    happens to is named ("X is arrested"; None: such a mention is no event)."""

    type: str
    verb: str
    alone: bool = False
    passive: str | None = None


def _s(etype: str, verb: str, alone: bool = False, passive: str | None = None) -> Sense:
    return Sense(etype, verb, alone, passive)


VERB_TRIGGERS: dict[str, Sense] = {
    # diplomacy
    "meet": _s("CONSULT", "meets"), "visit": _s("CONSULT", "visits"),
    "host": _s("CONSULT", "hosts"), "attend": _s("CONSULT", "attends"),
    "call": _s("CONSULT", "calls"), "phone": _s("CONSULT", "calls"),
    "telephone": _s("CONSULT", "calls"), "speak": _s("CONSULT", "speaks with"),
    "talk": _s("CONSULT", "speaks with"),
    "sign": _s("AGREE", "signs"), "agree": _s("AGREE", "agrees with"),
    "ratify": _s("AGREE", "ratifies"),
    "cooperate": _s("COOPERATE", "cooperates with"),
    "collaborate": _s("COOPERATE", "collaborates with"),
    "partner": _s("COOPERATE", "partners with"),
    "support": _s("SUPPORT", "supports"), "endorse": _s("SUPPORT", "endorses"),
    "back": _s("SUPPORT", "backs"), "praise": _s("SUPPORT", "praises"),
    "commend": _s("SUPPORT", "commends"),
    "concede": _s("CONCEDE", "concedes", alone=True),
    "apologize": _s("CONCEDE", "apologizes", alone=True),
    "apologise": _s("CONCEDE", "apologises", alone=True),
    "resign": _s("CONCEDE", "resigns", alone=True),
    "release": _s("CONCEDE", "releases", alone=True, passive="is released"),
    "free": _s("CONCEDE", "frees", alone=True, passive="is freed"),
    "pardon": _s("CONCEDE", "pardons", passive="is pardoned"),
    "lift": _s("CONCEDE", "lifts", alone=True), "ease": _s("CONCEDE", "eases", alone=True),
    "withdraw": _s("RETREAT", "withdraws", alone=True),
    "retreat": _s("RETREAT", "retreats", alone=True),
    "surrender": _s("RETREAT", "surrenders", alone=True),
    "pull": _s("RETREAT", "pulls out of", alone=True),
    # demands and refusals
    "urge": _s("REQUEST", "urges", alone=True), "demand": _s("REQUEST", "demands", alone=True),
    "request": _s("REQUEST", "requests", alone=True), "ask": _s("REQUEST", "asks", alone=True),
    "press": _s("REQUEST", "presses"),
    "reject": _s("REJECT", "rejects", alone=True), "veto": _s("REJECT", "vetoes", alone=True),
    "refuse": _s("REJECT", "refuses", alone=True), "rebuff": _s("REJECT", "rebuffs", alone=True),
    "turn": _s("REJECT", "turns down", alone=True), "rule": _s("REJECT", "rules out", alone=True),
    # conflict
    "accuse": _s("ACCUSE", "accuses"), "blame": _s("ACCUSE", "blames"),
    "condemn": _s("ACCUSE", "condemns", alone=True),
    "criticize": _s("ACCUSE", "criticizes"), "criticise": _s("ACCUSE", "criticises"),
    "denounce": _s("ACCUSE", "denounces", alone=True), "slam": _s("ACCUSE", "slams"),
    "blast": _s("ACCUSE", "blasts"), "rebuke": _s("ACCUSE", "rebukes"),
    "lambaste": _s("ACCUSE", "lambastes"), "chastise": _s("ACCUSE", "chastises"),
    "sue": _s("ACCUSE", "sues", passive="is sued"),
    "indict": _s("ACCUSE", "indicts", passive="is indicted"),
    "charge": _s("ACCUSE", "charges", passive="is charged"),
    "impeach": _s("ACCUSE", "impeaches", passive="is impeached"),
    "investigate": _s("ACCUSE", "investigates", passive="is investigated"),
    "threaten": _s("THREATEN", "threatens", alone=True), "warn": _s("THREATEN", "warns"),
    "protest": _s("PROTEST", "protests", alone=True),
    "demonstrate": _s("PROTEST", "demonstrates", alone=True),
    "march": _s("PROTEST", "marches", alone=True), "boycott": _s("PROTEST", "boycotts", alone=True),
    "sanction": _s("SANCTION", "sanctions", passive="is sanctioned"),
    "expel": _s("SANCTION", "expels", passive="is expelled"),
    "blacklist": _s("SANCTION", "blacklists", passive="is blacklisted"),
    "fine": _s("SANCTION", "fines", passive="is fined"),
    "mobilize": _s("MOBILIZE", "mobilizes", alone=True),
    "mobilise": _s("MOBILIZE", "mobilises", alone=True),
    "deploy": _s("MOBILIZE", "deploys", alone=True),
    "arrest": _s("COERCE", "arrests", passive="is arrested"),
    "detain": _s("COERCE", "detains", passive="is detained"),
    "jail": _s("COERCE", "jails", passive="is jailed"),
    "imprison": _s("COERCE", "imprisons", passive="is imprisoned"),
    "deport": _s("COERCE", "deports", passive="is deported"),
    "convict": _s("COERCE", "convicts", passive="is convicted"),
    "sentence": _s("COERCE", "sentences", passive="is sentenced"),
    "seize": _s("COERCE", "seizes", alone=True),
    "raid": _s("COERCE", "raids", passive="is raided"),
    "invade": _s("ASSAULT", "invades"), "attack": _s("ASSAULT", "attacks"),
    "bomb": _s("ASSAULT", "bombs"), "shell": _s("ASSAULT", "shells"),
    "strike": _s("ASSAULT", "strikes"), "bombard": _s("ASSAULT", "bombards"),
    "kill": _s("ASSAULT", "kills", passive="is killed"),
    "assassinate": _s("ASSAULT", "assassinates", passive="is assassinated"),
    "kidnap": _s("ASSAULT", "kidnaps", passive="is kidnapped"),
    "abduct": _s("ASSAULT", "abducts", passive="is abducted"),
    "clash": _s("ASSAULT", "clashes with"),
    "fire": _s("ASSAULT", "fires", alone=True),
    "storm": _s("ASSAULT", "storms", alone=True),
}  # fmt: skip
NOUN_TRIGGERS: dict[str, Sense] = {
    "meeting": _s("CONSULT", "meets"), "summit": _s("CONSULT", "holds a summit with"),
    "talk": _s("CONSULT", "holds talks with"), "visit": _s("CONSULT", "visits"),
    "call": _s("CONSULT", "calls"), "agreement": _s("AGREE", "signs an agreement with"),
    "deal": _s("AGREE", "makes a deal with"), "treaty": _s("AGREE", "signs a treaty with"),
    "accord": _s("AGREE", "signs an accord with"), "pact": _s("AGREE", "signs a pact with"),
    "statement": _s("AGREE", "issues a joint statement with"),
    "partnership": _s("COOPERATE", "forms a partnership with"),
    "alliance": _s("COOPERATE", "forms an alliance with"),
    "endorsement": _s("SUPPORT", "endorses"),
    "resignation": _s("CONCEDE", "resigns", alone=True),
    "apology": _s("CONCEDE", "apologizes", alone=True),
    "withdrawal": _s("RETREAT", "withdraws", alone=True),
    "demand": _s("REQUEST", "demands", alone=True),
    "rejection": _s("REJECT", "rejects", alone=True), "veto": _s("REJECT", "vetoes", alone=True),
    "accusation": _s("ACCUSE", "accuses"), "indictment": _s("ACCUSE", "indicts"),
    "lawsuit": _s("ACCUSE", "sues"), "impeachment": _s("ACCUSE", "impeaches"),
    "ultimatum": _s("THREATEN", "issues an ultimatum to"),
    "protest": _s("PROTEST", "protests", alone=True),
    "demonstration": _s("PROTEST", "demonstrates", alone=True),
    "boycott": _s("PROTEST", "boycotts", alone=True),
    "sanction": _s("SANCTION", "sanctions"), "tariff": _s("SANCTION", "imposes tariffs on"),
    "embargo": _s("SANCTION", "imposes an embargo on"),
    "expulsion": _s("SANCTION", "expels"),
    "mobilization": _s("MOBILIZE", "mobilizes", alone=True),
    "deployment": _s("MOBILIZE", "deploys", alone=True),
    "arrest": _s("COERCE", "arrests", passive="is arrested"),
    "detention": _s("COERCE", "detains", passive="is detained"),
    "conviction": _s("COERCE", "convicts", passive="is convicted"),
    "crackdown": _s("COERCE", "cracks down on"),
    "invasion": _s("ASSAULT", "invades"), "strike": _s("ASSAULT", "strikes"),
    "airstrike": _s("ASSAULT", "strikes"), "attack": _s("ASSAULT", "attacks"),
    "bombing": _s("ASSAULT", "bombs"), "assassination": _s("ASSAULT", "assassinates"),
    "offensive": _s("ASSAULT", "launches an offensive against"),
    "operation": _s("ASSAULT", "launches an operation against"),
    "cyberattack": _s("ASSAULT", "attacks"),
    "aid": _s("AID", "sends aid to"), "assistance": _s("AID", "sends assistance to"),
}  # fmt: skip

# PLOVER types that need two sides (or one side and a place or a counterpart noun)
PAIRED = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def _words(text: str) -> frozenset[str]:
    """The words of ``text``, as a set."""
    return frozenset(text.split())


# "called X Y": a name-calling that is an accusation
_INSULTS = _words(
    "liar racist crazy disgrace fraud traitor corrupt incompetent idiot loser criminal "
    "dangerous weak failure clown puppet hypocrite coward liar bigot dishonest phony fake "
    "treasonous un-american unhinged nasty sick pathetic dumb stupid terrorist dictator thug "
    "killer murderer enemy threat"
)
# "called X to discuss": a purpose that makes "called" a phone call
_CALL_PURPOSES = _words(
    "discuss congratulate express offer thank ask tell convey condole apologize apologise "
    "reassure urge talk inform update brief press"
)
_PHONE_WORDS = frozenset({"phone", "telephone", "phoned", "telephoned", "call", "conversation"})
_CALL_NOUN_VERBS = frozenset({"hold", "have", "make", "take", "receive", "join", "place", "end"})
_DEAL_NOUNS = frozenset({"deal", "agreement", "accord", "compromise", "bargain", "pact", "truce"})
_SIGNED = _words(
    "deal agreement accord treaty pact declaration statement memorandum contract protocol "
    "communique charter truce ceasefire armistice partnership document"
)
_WEAPONS = _words(
    "missile rocket shot grenade mortar shell weapon round bullet salvo torpedo drone "
    "projectile artillery"
)
_LAUNCH = _words("launch carry conduct mount unleash begin start stage order")
_IMPOSE = _words("impose slap reimpose levy place tighten expand announce")
_GATHERINGS = _words(
    "meeting summit talk talks conference forum session assembly dinner banquet "
    "negotiation gathering council parley consultation round"
)
_CLAIMS = _words(
    "notion idea claim suggestion characterization characterisation assertion allegation "
    "accusation report comparison premise criticism charge argument view"
)
_THREATS = _words(
    "sanction tariff war force retaliation action strike attack consequence veto shutdown "
    "lawsuit suit reprisal invasion penalty embargo ban punishment response measure"
)
_MADE = _words("make issue reiterate repeat renew present submit voice lay put")
_SANCTION_NOUNS = frozenset(
    {"sanction", "tariff", "embargo", "ban", "restriction", "penalty", "duty", "blockade"}
)
_FORCES = _words(
    "troop force soldier army military warship ship jet aircraft missile unit marine "
    "battalion brigade guard personnel"
)
_AID_VERBS = _words(
    "send give provide deliver approve pledge offer grant announce receive supply ship donate"
)
_RELEASE_OBJECTS = _words("prisoner hostage detainee captive dissident activist journalist sailor")
# what a request or refusal is about that makes it no event: "refused to comment"
_NO_NEWS = _words(
    "comment say answer discuss disclose elaborate speculate confirm respond identify "
    "provide reveal specify name give detail release share"
)
_WORKERS = _words("worker teacher union employee nurse driver miner staff")


def _children(tok: Any, dep: str) -> list[Any]:
    return [c for c in tok.children if c.dep_ == dep]


def _preps(tok: Any) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ == "prep"}


def _particle(tok: Any) -> str | None:
    prt = next((c for c in tok.children if c.dep_ == "prt"), None)
    return prt.lower_ if prt is not None else None


def _dobj(tok: Any) -> Any:
    return next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _sentence_words(tok: Any) -> set[str]:
    return {t.lower_ for t in tok.sent}


def _call_verb(tok: Any) -> Sense | None:
    """The senses of the verb "call" (see the module doc)."""
    if _particle(tok) in ("off", "in", "out", "up", "back"):
        return None  # "called off the summit", "called in", "called out", "called up"
    preps = _preps(tok)
    if "for" in preps:
        return Sense("REQUEST", "calls for", alone=True)
    right = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if right is not None and right.lower_ in ("on", "upon") and right.head.i == tok.i:
        return Sense("REQUEST", "calls on", alone=True)  # "called on X to": next to the verb
    if any(c.dep_ == "auxpass" for c in tok.children):
        return None  # "is called", "was called the best"
    objects = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    named = objects + [c for c in tok.children if c.dep_ in ("oprd", "ccomp", "attr", "acomp")]
    named += [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ != "VERB"]
    if len(named) >= 2:  # "called her a liar", "called the plan a boost": a name given
        words = {t.lower_.strip("'\"‘’“”") for c in named[1:] for t in c.subtree}
        return Sense("ACCUSE", "calls out") if words & _INSULTS else None
    if not objects:
        return None
    purposes = [c for c in tok.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"]
    if any(p.lemma_.lower() in _CALL_PURPOSES for p in purposes):
        return Sense("CONSULT", "calls")
    if _sentence_words(tok) & (_PHONE_WORDS - {"call"}) or "with" in preps:
        return Sense("CONSULT", "calls")
    return None


# verbs whose subject does what their object noun says ("X imposed sanctions", "X
# launched an attack", "X staged a protest"); any other verb's subject ("X described the
# protest") is not who acts
LIGHT_VERBS = _words(
    "hold stage organize organise lead launch carry conduct begin start impose announce "
    "slap level issue make file bring order mount submit extend expand continue step take "
    "unleash threaten tighten reimpose approve send give provide deliver pledge offer "
    "grant supply donate lodge"
)


def noun_verb(trigger: Any) -> Any:
    """The verb a noun trigger is the object of: "X and Y held talks", "X sent $1 billion
    in aid to Y" (through a quantity); None when there is none."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    tok = trigger
    if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.dep_ == "dobj":
        tok = tok.head.head  # "$1 billion in aid"
    return tok.head if tok.dep_ in ("dobj", "nsubjpass", "attr") else None


def _call_noun(tok: Any) -> Sense | None:
    """ "a phone call with X", "held a call": CONSULT; "Pelosi's call for X": REQUEST."""
    preps = _preps(tok)
    if "for" in preps:
        return Sense("REQUEST", "calls for", alone=True)
    kinds = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    if kinds & {"phone", "telephone", "video", "conference", "zoom"}:
        return Sense("CONSULT", "calls")
    head = tok.head
    if "with" in preps or "between" in preps:
        return Sense("CONSULT", "calls")
    if tok.dep_ == "dobj" and head.lemma_.lower() in _CALL_NOUN_VERBS:
        return Sense("CONSULT", "calls")
    return None


def _attack_target_is_person(tok: Any, mention_label: Any) -> bool:
    """Whether what is attacked is a person (a verbal attack): the object of the verb, or
    "on X" after the noun."""
    targets = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "against")):
        targets += [c for c in prep.children if c.dep_ == "pobj"]
    labels = {mention_label(t) for t in targets}
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "poss", "compound")]
    if tok.dep_ == "dobj":
        subjects += [c for c in tok.head.children if c.dep_ == "nsubj"]
    verbal = any(c.lower_ in ("verbal", "personal", "rhetorical") for c in tok.children)
    # "attack on X for failing to ...": a reason given is a criticism
    verbal = verbal or any(
        c.dep_ == "prep" and c.lower_ == "for" and any(g.dep_ == "pcomp" for g in c.children)
        for c in tok.children
    )
    by_person = any(mention_label(s) == "PERSON" for s in subjects)
    return verbal or "PERSON" in labels or (by_person and "GPE" not in labels)


_TARGETS = _words(
    "target position base facility site city town village camp convoy ship hospital "
    "refinery airport port plant depot"
)


def _military(base: Sense) -> Sense:
    """A strike on a target noun ("struck targets in Gaza") needs no named object."""
    return base._replace(alone=True)


def _military_target(obj: Any, mention_label: Any) -> bool:
    """What a military strike hits: a place or force named, or a target noun."""
    if obj.lemma_.lower() in _TARGETS:
        return True
    return any(mention_label(t) in ("GPE", "ORG", "LOC") for t in obj.subtree)


def sense(tok: Any, mention_label: Any) -> Sense | None:
    """The event a candidate trigger token starts, or None (see the module doc).
    ``mention_label(token)`` is the label of the name mention at a token, or None."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        base = VERB_TRIGGERS.get(lemma)
        if base is None:
            return None
        return _verb_sense(tok, lemma, base, mention_label)
    if tok.pos_ in ("NOUN", "PROPN"):
        base = NOUN_TRIGGERS.get(lemma)
        if base is None:
            return None
        return _noun_sense(tok, lemma, base, mention_label)
    return None


def _verb_sense(tok: Any, lemma: str, base: Sense, mention_label: Any) -> Sense | None:
    obj = _dobj(tok)
    what = obj.lemma_.lower() if obj is not None else ""
    prt = _particle(tok)
    if lemma == "call":
        return _call_verb(tok)
    if lemma in ("phone", "telephone"):
        return base
    if lemma in ("speak", "talk"):  # "spoke by phone with X"
        phoned = _sentence_words(tok) & {"phone", "telephone", "call"}
        return base if phoned and _preps(tok) & {"with", "to"} else None
    if lemma == "strike":
        if prt is not None:
            return None  # "struck down", "struck out"
        if what in _DEAL_NOUNS:
            return Sense("AGREE", "strikes a deal with")
        return _military(base) if obj is not None and _military_target(obj, mention_label) else None
    if lemma == "attack":
        if _attack_target_is_person(tok, mention_label):
            return Sense("ACCUSE", "attacks")
        return _military(base) if obj is not None and _military_target(obj, mention_label) else base
    if lemma == "agree":
        # "agreed to X", "agreed on", "agreed with X": an agreement; "agreed that": an opinion
        if _children(tok, "ccomp"):
            return None
        if _children(tok, "xcomp"):  # "China agreed to cut levies": one side is enough
            return Sense("AGREE", "agrees", alone=True)
        return base if _preps(tok) & {"to", "on", "with"} else None
    if lemma == "sign":  # "signed a deal"; not "signed a bill", "signed the letter"
        return base if obj is None or what in _SIGNED else None
    if lemma == "attend":  # "attended the summit"; not "attended a ceremony", "a game"
        if obj is None or mention_label(obj) is not None:
            return base
        if what in _GATHERINGS:
            return base
        # "the opening of the trade fair in Strasbourg": an occasion with its place
        return base if any(mention_label(t) in ("GPE", "LOC") for t in obj.subtree) else None
    if lemma in ("reject", "dismiss") and what in _CLAIMS:
        return None  # "rejected the notion that ...": a denial, not a refusal
    if lemma == "turn":
        return base if prt == "down" else None
    if lemma == "rule":
        return base if prt == "out" else None
    if lemma == "pull":  # "pulled out of the deal", "pulled troops out"; not "pulled a gun out"
        out = prt == "out" or (prt is None and "out" in _preps(tok))
        return base if out and (obj is None or what in _FORCES) else None
    if lemma in ("lift", "ease"):
        return base if what in _SANCTION_NOUNS else None
    if lemma in ("release", "free"):
        return base if what in _RELEASE_OBJECTS or mention_label(obj) == "PERSON" else None
    if lemma == "deploy":
        return base if what in _FORCES or any(t in _FORCES for t in (what,)) else None
    if lemma == "ask":  # "asked X to", "asked X for"; not a reporter asking for comment
        wanted = [c.lemma_.lower() for c in _children(tok, "xcomp")]
        if any(w in _NO_NEWS for w in wanted):
            return None
        return base if wanted or "for" in _preps(tok) else None
    if lemma == "refuse":  # "refused to comment" is no news
        wanted = [c.lemma_.lower() for c in _children(tok, "xcomp")]
        return None if any(w in _NO_NEWS for w in wanted) else base
    if lemma == "press":  # "pressed X to act"; not "pressed X on whether ..." (questions)
        return base if obj is not None and _children(tok, "xcomp") else None
    if lemma == "warn":
        return base if obj is not None and mention_label(obj) is not None else None
    if lemma == "charge":
        return base if "with" in _preps(tok) else None
    if lemma in ("back", "support", "praise", "commend", "endorse"):
        return base if obj is not None and mention_label(obj) in ("PERSON", "ORG", "GPE") else None
    if lemma in ("march", "demonstrate"):  # "demonstrated his willingness": shows
        return base if not obj and not _children(tok, "ccomp") else None
    if lemma == "seize":  # "seized the tanker"; not "seized on a report"
        if obj is None or what in ("opportunity", "moment", "initiative", "power"):
            return None
        right = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if right is not None and right.lower_ in ("on", "upon"):
            return None
        return base
    if lemma == "threaten":  # "threatened X", "threatened to", "threatened tariffs"
        if obj is None or _children(tok, "xcomp") or mention_label(obj) is not None:
            return base
        return base if any(t.lemma_.lower() in _THREATS for t in obj.subtree) else None
    if lemma == "storm":  # "stormed the offices", "stormed the embassy"
        return base if obj is not None else None
    if lemma == "fire":  # "fired rockets at Israel"; not "fired the director"
        return base if what in _WEAPONS or (prt == "off" and obj is not None) else None
    if lemma == "sentence":
        return base if "to" in _preps(tok) else None
    return base


def _noun_sense(tok: Any, lemma: str, base: Sense, mention_label: Any) -> Sense | None:
    mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    if lemma == "call":
        return _call_noun(tok)
    if lemma == "statement":
        return base if "joint" in mods else None
    if lemma == "talk" and tok.tag_ != "NNS":
        return None  # "began his talk": a speech; "held talks": negotiations
    if lemma in ("strike", "airstrike"):
        if (
            tok.head.lower_ == "on"
            or mods & {"general", "hunger", "labor", "labour"}
            or (mods & _WORKERS)
        ):
            return Sense("PROTEST", "strikes", alone=True)
        return base
    if lemma == "attack":
        return Sense("ACCUSE", "attacks") if _attack_target_is_person(tok, mention_label) else base
    if lemma in ("aid", "assistance"):
        verb = noun_verb(tok)
        if verb is not None and verb.lemma_.lower() in _AID_VERBS:
            return base
        return base if "to" in _preps(tok) else None
    if lemma == "demand":  # "his demand for X", "made new demands"; not "met Israel's demands"
        made = tok.dep_ == "dobj" and tok.head.lemma_.lower() in _MADE
        return base if "for" in _preps(tok) or made or _children(tok, "acl") else None
    if base.type == "MOBILIZE" and tok.tag_ == "NNS":
        return None  # "overseas military deployments": a policy, not one deployment
    if lemma == "operation" and not mods & {"military", "ground", "air", "naval"}:
        return None
    verb = noun_verb(tok)
    launched = verb is not None and verb.lemma_.lower() in _LAUNCH
    if base.type == "ASSAULT" and launched:
        return base._replace(alone=True)  # "Turkey launched an offensive against ..."
    if base.type == "SANCTION" and verb is not None and verb.lemma_.lower() in _IMPOSE:
        return base._replace(alone=True)  # "Trump imposed tariffs on steel imports"
    return base
