"""Who fills which slot of an event's trigger, read from the dependency parse of its sentence.

The subject of an active deed acts, its by-agent too ("killed by Russian jets"); the subject of a
passive, the object and the target of "on"/"against" are acted upon; the owner of an attack noun
acts ("regime airstrikes", "bombings by the coalition", "killed in Turkish strikes"); the agents of
"backed by" and "alongside" back the side they hang on. A source quoting the event fills no slot.
The parse comes from geo/extract/factuality.py, which parses each trigger sentence once.
"""

from __future__ import annotations

import re

from geo.extract import factuality
from geo.extract.actors import ActorMention

__all__ = ["parsed_sides", "wants_parse", "MIN_ACTORS_TO_PARSE"]

# A sentence not parsed yet (for factuality) is parsed for its sides only when word order is known to
# mislead there: two actors or more, and a by-phrase in a clause of its own ("who had been besieged by",
# "positions held by Isis", "spearheaded by its allies") or an ally ("alongside"). The parse is the
# costliest step (the bench's floor is 25 articles/s).
MIN_ACTORS_TO_PARSE = 2
_RISKY = re.compile(r"\b(?:who|which)\b[^,.;]*\bby\b|\b(?:held|controlled|occupied|backed|supported|spearheaded|led|"
                    r"aided|joined)\s+by\b|\b(?:alongside|along with|together with)\b|\b(?:fell|surrendered)\s+to\b", re.I)

# Nouns that name an attack: "killed in air strikes by Russian jets" (the strikes' owner acted).
_ATTACK_NOUNS = frozenset("strike strikes airstrike airstrikes raid raids attack attacks bombardment bombardments shelling "
                          "bombing bombings fire assault assaults offensive offensives shells shell missile missiles rocket "
                          "rockets barrage barrages ambush operation operations campaign incursion onslaught".split())
# "troops backed by Russian jets", "an offensive spearheaded by rebel allies": the agent is an ally of the side.
_BACKING = frozenset("backed supported aided assisted joined helped accompanied spearheaded led".split())
_HOLDING = frozenset("held controlled occupied run manned defended".split())
_HARMING = frozenset("killing wounding injuring leaving".split())
_TARGET_PREPS = frozenset("on against at upon into".split())
# "killed in Russian strikes", "fighting spread following an incursion by Turkish troops": the attack's owner acted.
_CAUSE_PREPS = frozenset("in by during from after following under amid".split())
# "fell to the rebels", "surrendered to government forces": the side it fell to acts, the one that gave in is acted upon.
_YIELDING = frozenset("fell fall falls fallen falling surrendered surrender surrenders surrendering".split())
_DIED = frozenset("died die dies perished".split())
_ALONG = frozenset("along together".split())
_SUBJECTS = ("nsubj", "csubj")
_WH = frozenset("who which that whom".split())
_PRONOUNS = frozenset("it they we he she".split())
# Dependencies a mention's words climb through to reach the argument they fill ("the town's Kurdish
# defenders and the YPG": conj; "Kurdish fighters": amod; "fighters of the SDF": pobj, then the preposition "of").
_PATH = frozenset("conj cc appos pobj compound amod poss nmod npadvmod nummod det quantmod punct".split())


def _span_head(doc, start: int, end: int):
    """The token of a character span whose head lies outside it (the span's syntactic head)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _verbal(tok) -> bool:
    return tok.tag_.startswith("VB") or tok.tag_ == "MD"


def _passive(verb) -> bool:
    """'were killed', 'civilians killed by' (not 'fighters attempted to storm', a participle with an object)."""
    kids = list(verb.children)
    if any(k.dep_ in ("auxpass", "nsubjpass") for k in kids):
        return True
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.i != verb.i and _passive(verb.head):
        return True  # "was shot and killed": the second participle shares the first one's passive
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and not any(k.dep_ in ("dobj", "xcomp") for k in kids)


def _subject(verb, depth: int = 0):
    """The token a verb's subject is: its own ('who' and 'it' resolved), else that of the clause it
    continues ('attempted to storm', 'are believed to have surrendered', 'fighters attacking')."""
    kids = list(verb.children)
    subject = next((k for k in kids if k.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
    if subject is not None:
        if subject.lower_ in _WH and verb.dep_ == "relcl":
            return verb.head
        if subject.lower_ in _PRONOUNS:
            return _speaker_subject(verb) or subject
        return subject
    if verb.dep_ == "acl":
        return verb.head
    if verb.dep_ in ("xcomp", "conj", "advcl") and depth < 3 and verb.head.i != verb.i and _verbal(verb.head):
        return _subject(verb.head, depth + 1)
    return None


def _speaker_subject(verb):
    """'Turkey said it had begun an incursion': the subject of the speech verb above a pronoun subject."""
    node = verb
    for _ in range(3):
        if node.dep_ not in ("ccomp", "conj") or node.head.i == node.i:
            return None
        node = node.head
        subject = next((k for k in node.children if k.dep_ in _SUBJECTS), None)
        if subject is not None and subject.lower_ not in _PRONOUNS:
            return subject
    return None


def _alongside(tok) -> bool:
    """'alongside', 'along with', 'together with': an ally of the side the phrase hangs on."""
    if tok.dep_ != "prep":
        return False
    return tok.lower_ == "alongside" or tok.lower_ == "with" and (
        tok.head.lower_ in _ALONG or any(c.lower_ in _ALONG for c in tok.children))


def _verb_slots(verb, slots: dict) -> None:
    """The argument slots of a verb: its subject acts (is acted upon in the passive), its object and
    targets are acted upon, its by-agent acts, the agents of 'backed by' back the side that acts."""
    kids = list(verb.children)
    passive = _passive(verb)
    subject = _subject(verb)
    yielding = verb.lower_ in _YIELDING and any(k.dep_ == "prep" and k.lower_ == "to" for k in kids)
    if subject is not None:
        slots.setdefault(subject.i, 2 if passive or yielding else 1)
    for k in kids:
        if yielding and k.dep_ == "prep" and k.lower_ == "to":
            slots.setdefault(k.i, 1)  # "the town fell to Turkish-backed rebels": who took it acted
        elif _alongside(k) or (k.lower_ in _ALONG and k.dep_ in ("prep", "advmod")):
            for a in [k] + [w for w in k.children if w.lower_ == "with"]:
                slots.setdefault(a.i, 3)  # "launched the operation along with the FSA"
        elif k.dep_ == "agent" or (k.dep_ == "prep" and k.lower_ == "by" and passive):
            slots.setdefault(k.i, 1)
        elif k.dep_ in ("dobj", "dative"):
            slots.setdefault(k.i, 2)
        elif k.dep_ == "prep" and k.i > verb.i and (k.lower_ in _TARGET_PREPS or (k.lower_ == "with" and not any(
                x.dep_ == "dobj" for x in kids))):
            slots.setdefault(k.i, 2)  # "fired on the convoy" (not a fronted "On Saturday")
        elif k.dep_ in ("prep", "advcl") and k.lower_ in _CAUSE_PREPS:  # "following" is tagged a verb too
            for p in k.children:  # "killed in Russian strikes": the strikes' owner acted
                if p.dep_ == "pobj" and p.lower_ in _ATTACK_NOUNS:
                    slots.setdefault(p.i, 1)  # "Russian air strikes" named as one actor
                    _noun_slots(p, slots)
                elif p.dep_ == "pobj" and p.lower_ == "order":  # "in order to oust the YPG"
                    for v in p.children:
                        if v.dep_ in ("acl", "relcl") and _verbal(v):
                            _aim(v, slots)
        elif k.dep_ in ("advcl", "xcomp", "acl") and _verbal(k) and k.lower_ in _BACKING:
            for a in k.children:
                if a.dep_ == "agent":
                    slots.setdefault(a.i, 3)
        elif k.dep_ in ("advcl", "conj", "xcomp") and k.lower_ in _HARMING:
            _aim(k, slots)  # "struck the market, killing 11 civilians"
        elif k.dep_ in ("advcl", "xcomp") and any(x.tag_ == "TO" for x in k.children):
            _aim(k, slots)  # "launched an offensive to oust the YPG": whom it was aimed at


def _aim(verb, slots: dict) -> None:
    """The object of a purpose or result clause is acted upon ('to oust the YPG', 'killing 11 civilians')."""
    for o in verb.children:
        if o.dep_ == "dobj":
            slots.setdefault(o.i, 2)


def _noun_slots(noun, slots: dict) -> None:
    """'Russian air strikes on Saraqib', 'bombings by the coalition': modifiers and by-agents act, targets are acted upon."""
    for k in noun.children:
        if k.dep_ in ("poss", "compound", "amod", "nmod"):
            slots.setdefault(k.i, 1)
        elif k.dep_ == "prep" and k.lower_ == "by":
            slots.setdefault(k.i, 1)
        elif k.dep_ == "prep" and k.i > noun.i and (k.lower_ in _TARGET_PREPS or k.lower_ == "of"):
            slots.setdefault(k.i, 2)


def _trigger_slots(tok) -> dict[int, int]:
    """Token index -> 1 (acts), 2 (acted upon) or 3 (backs the side that acts), for the trigger's arguments."""
    while tok.dep_ == "compound" and tok.head.i != tok.i and not _verbal(tok.head):
        tok = tok.head  # "a coalition bombing raid": the raid
    slots: dict[int, int] = {}
    if _verbal(tok):
        _verb_slots(tok, slots)
        _victims_above(tok, slots)
        return slots
    _noun_slots(tok, slots)
    head, role = tok.head, tok.dep_
    if head.i == tok.i:
        return slots
    if role == "pobj" and head.dep_ in ("prep", "advcl"):
        if head.lower_ not in _CAUSE_PREPS:
            return slots
        head = head.head  # "killed in strikes", "died in an attack"
    if not _verbal(head):
        return slots
    side: dict[int, int] = {}
    _verb_slots(head, side)
    passive = _passive(head)
    for i, r in side.items():
        if i == tok.i:
            continue  # the trigger's own slot
        if role == "pobj" and not (passive or (r == 2 and tok.doc[i].dep_ == "nsubj" and head.lower_ in _DIED)):
            continue  # "rebels retreated after air strikes": only the victims of "killed in strikes" are a side
        slots.setdefault(i, r)
    _victims_above(head, slots)
    return slots


def _victims_above(verb, slots: dict) -> None:
    """'50 people were killed after a coalition raid struck their building': the victims of the clause above."""
    if verb.dep_ in ("advcl", "conj") and verb.head.i != verb.i and _verbal(verb.head) and _passive(verb.head):
        subject = _subject(verb.head)
        if subject is not None:
            slots.setdefault(subject.i, 2)


def _role(tok, slots: dict[int, int]) -> tuple[int, bool] | None:
    """The slot a mention's head token fills (climbing through conjuncts, appositions and modifiers);
    whether it backs that side ('rebels backed by Turkey')."""
    backing = False
    own = tok  # "US-led coalition strikes": the parse may root the mention at its own "led", which names no ally
    for _ in range(8):
        if tok.i in slots:
            role = slots[tok.i]
            return (1, True) if role == 3 else (role, backing)
        if tok.head.i == tok.i:
            return None
        if tok.dep_ == "agent" and tok.head.lower_ in _BACKING:
            backing = True
        elif tok.dep_ == "agent" and tok.head.lower_ in _HOLDING and tok.head.dep_ == "acl":
            tok = tok.head  # "captured positions held by Isis": the holder of the ground is on its side
        elif tok.dep_ in ("acl", "amod") and tok.lower_ in _BACKING and tok.i != own.i:
            backing = True
        elif _alongside(tok):
            backing = True  # "Turkish troops together with FSA fighters"
        elif tok.dep_ not in _PATH and not (tok.dep_ == "prep" and tok.lower_ == "of"):
            return None  # "fighters of the SDF" climbs; "after a week of fighting with the YPG" does not
        tok = tok.head
    return None


def wants_parse(sentence: str, actors: list[ActorMention]) -> bool:
    """Whether a sentence not parsed yet is worth parsing for its sides (see MIN_ACTORS_TO_PARSE)."""
    named = {m.name for m in actors if not m.is_source and not m.speaker}
    return len(named) >= MIN_ACTORS_TO_PARSE and bool(_RISKY.search(sentence))


def parsed_sides(text: str, offset: int, trigger: tuple[int, int], acts: list[ActorMention],
                  states: list[ActorMention]) -> tuple[list[ActorMention], list[ActorMention], list[ActorMention]] | None:
    """(side 1, its backers, side 2) from the parse of the sentence; None without a parse or when no actor
    fills a slot of the trigger."""
    doc = factuality.parsed(text, only_cached=not wants_parse(text, acts))
    if doc is None:
        return None
    tok = _span_head(doc, *trigger)
    if tok is None:
        return None
    slots = _trigger_slots(tok)
    found: dict[int, list] = {1: [], 2: [], 3: [], 4: []}
    victims: list[ActorMention] = []
    for m in acts + states:
        head = _span_head(doc, m.start - offset, m.end - offset)
        role = _role(head, slots) if head is not None else None
        if m.start - offset < trigger[1] and m.end - offset > trigger[0]:
            role = (1, False)  # "Turkish air raids": the owner named in the trigger acts
        if m in states and not (role == (1, False) and head is not None and (head.i in slots or head.dep_ == "conj")):
            continue  # "Ankara launched": a state acts as the subject itself, not inside a phrase ("a UK national")
        if role is not None:
            found[role[0] + 2 * role[1]].append(m)
        elif m.actor_type == "Civilians":
            victims.append(m)  # civilians named in the sentence of an attack are its victims
    if not found[1] and not found[2] and not found[3]:
        return None
    return found[1], found[3], found[2] + found[4] + victims
