"""Clauses that hold a trigger without reporting its deed: a describing clause, a standing charge, a detail unknown.

"Relatives of the men who were abducted by the militia have appealed for news": the abduction tells who the
relatives are; the sentence reports an appeal. "The two are accused of having tortured prisoners" states a charge
against people, not a deed of a day. "How the officers were seized is still unclear" discusses a detail of a deed
told elsewhere. Drawn, each sits at the story's place on the story's date. Each is kept when its own words carry a
date of a day, a week or a month (and a describing clause also when it carries a toll: "the 12 people killed in
Tuesday's strikes"): then the clause reports, and the event merges with its other telling (geo/extract/merge.py).
geo/extract/factuality.py asks `reason` on the parse of the trigger's sentence.
"""

from __future__ import annotations

import re
from datetime import date

from geo.extract.date_forms import RULES
from geo.extract.event_types import fatalities
from geo.extract.topics import phrase_text

__all__ = ["needs_parse", "reason"]

# A sentence whose trigger is a past form is parsed only when one of these is near: a relative pronoun, a bare
# participle followed by the preposition a passive takes ("those killed in", "villages seized by"), a charge, a doubt.
# ('that' only before a verb: after 'said' it opens what was said)
CUES = re.compile(
    r"(?:\b(?:who|whom|whose|which)|\bthat(?=\s+(?:[a-z]+ed|was|were|had|has|have|saw|left|hit|took|held|fled|fought|"
    r"struck|shot|won|lost)\b))(?:\s+[\w’'-]+){0,6}\s*$|"
    r"\b(?:accused|suspected|implicated|charged|alleged|unclear|unknown|uncertain|mystery|how|why)\b", re.I)
_PREP_AFTER = re.compile(r"\s+(?:in|by|from|during|since|under|after|when|at)\b", re.I)
_PARTICIPLE = re.compile(r"(?:ed|en|wn|ught|eld|ot|uck)$", re.I)
_AUX_BEFORE = re.compile(r"\b(?:was|were|been|be|being|is|are|had|has|have|got)\s+(?:\w+ly\s+)?$", re.I)

CUE_BEFORE = 60


def needs_parse(sentence: str, start: int, end: int) -> bool:
    """Whether a past-form trigger may sit in a clause these rules read (the parse is the costliest step)."""
    if CUES.search(sentence, max(0, start - CUE_BEFORE), start):
        return True
    return bool(_PARTICIPLE.search(sentence, start, end) and _PREP_AFTER.match(sentence, end)) \
        and not _AUX_BEFORE.search(sentence, max(0, start - 30), start)


_NAMING = frozenset("named identified".split())
_WH_SUBJECT = frozenset("who which that whom".split())
# a charge standing against people in the present ("are accused of", "is suspected of", "are implicated in")
_CHARGE = frozenset("accused suspected implicated charged alleged".split())
_NOW = frozenset("is are 's 're am".split())
# what a how/why/when/who clause can be the subject or the complement of: "... remains unclear", "it is not known ..."
_DOUBT = frozenset("unclear unknown uncertain mystery murky disputed".split())
_KNOWN = frozenset("clear known certain".split())
_WH_WORDS = frozenset("how why when who".split())
_ANCHOR = date(2018, 6, 15)  # any day: only the length of a date's span is read
MONTH_DAYS = 31


def _dated(text: str) -> bool:
    """A date of its own no longer than a month: 'on Tuesday', 'last week', 'in March' (not 'last year', 'in 2014')."""
    for pattern, resolve, _ in RULES:
        for m in pattern.finditer(text):
            span = resolve(m, _ANCHOR)
            if span is not None and (span[1] - span[0]).days <= MONTH_DAYS:
                return True
    return False


def _first_conjunct(verb):
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.tag_.startswith("VB"):
        verb = verb.head
    return verb


def _set_off(verb) -> bool:
    """A relative clause after a comma or a dash goes on with the story ('fled into the school, where she took pupils
    hostage', '..., which provoked a clash'); one that picks its noun out does not ('the men who were abducted')."""
    first = min(t.i for t in verb.subtree)
    return first > 0 and verb.doc[first - 1].text in (",", "–", "—", "(", ";")


def _narrative(verb) -> bool:
    """'Gunmen stopped a lorry which fired on them': a simple past in a sentence told in the simple past goes on
    with its story."""
    root = next((t for t in verb.sent if t.dep_ == "ROOT"), verb)
    told = root.tag_ == "VBD" or root.tag_ == "VBN" and any(k.dep_ == "auxpass" and k.lower_ in ("was", "were")
                                                             for k in root.children)
    return told and verb.tag_ == "VBD" and not any(k.dep_ in ("aux", "auxpass") for k in verb.children)


def _content(verb) -> bool:
    """'the claim the raid was staged': a passive clause with a subject of its own and no 'who' or 'which' has no gap
    for a noun to fill; it says what the claim is."""
    wh = any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in verb.subtree if t.i < verb.i)
    return not wh and any(k.dep_ == "nsubjpass" for k in verb.children)


def _named(verb) -> bool:
    """'A medic who was killed by shelling has been named as ...': a casualty named or identified is the story."""
    noun = verb.head
    return noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lower_ in _NAMING


def _describing(verb) -> bool:
    """A past clause on a noun: 'civilians who were kidnapped', 'the districts that saw fighting', 'others killed in'."""
    if verb.tag_ not in ("VBN", "VBD"):
        return False
    if any(k.dep_ == "mark" for k in verb.children):
        return False  # "evidence that the regime used gas": what a claim says, not a description
    if verb.dep_ == "acl" and verb.head.tag_.startswith(("NN", "PRP", "DT", "CD")) \
            and not any(k.dep_ in ("nsubj", "nsubjpass") for k in verb.children):  # "the claim the raid was staged"
        return not _named(verb)  # "others killed in the struggle", "areas retaken from the group"
    if verb.dep_ == "relcl":
        return not (_set_off(verb) or _narrative(verb) or _content(verb) or _named(verb))
    # the parser sometimes hangs a relative clause elsewhere: its subject is still 'who' or 'which'
    return verb.dep_ != "ROOT" and not _set_off(verb) and any(
        k.dep_ in ("nsubj", "nsubjpass") and k.i < verb.i and (k.lower_ in _WH_SUBJECT and k.tag_ in ("WP", "WDT") or any(
            d.tag_ == "WP$" for d in k.children)) for k in verb.children)  # "who had fled", "whose sons had fled"


def described(doc, verb) -> bool:
    """The trigger's clause describes a noun, with no date of a day to a month and no toll of its own."""
    verb = _first_conjunct(verb)
    if not _describing(verb):
        return False
    text = phrase_text(doc, verb)
    noun = verb.head if verb.dep_ in ("relcl", "acl") else verb
    left = [k.i for k in noun.children if k.i < noun.i and k.dep_ in ("amod", "det", "nummod", "compound", "poss")]
    named = doc[min(left, default=noun.i):noun.i + 1].text  # "last week when jets bombed the base": the noun's own date
    counted = noun.tag_ == "CD" or any(k.dep_ == "nummod" for k in noun.children)  # "at least 21 killed in"
    return not (_dated(text) or _dated(named) or counted or fatalities(text))


def charged(doc, tok) -> bool:
    """The trigger is what people stand accused of: 'are accused of having beheaded', 'are implicated in ... killings'."""
    node = tok
    for _ in range(10):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lower_ in _CHARGE and node.tag_ == "VBN":
            now = any(k.dep_ == "auxpass" and k.lower_ in _NOW for k in node.children)
            return now and not _dated(phrase_text(doc, tok))
        if node.tag_ in ("VBD", "VBZ", "VBP") or (node.tag_.startswith("VB") and node.dep_ in ("ROOT", "ccomp")):
            return False  # a finite verb of its own between them tells the deed
    return False


def unknown(doc, verb) -> bool:
    """'How the two were captured remains unclear', 'it is not known why the convoy was hit': a detail of a deed
    told elsewhere is in doubt; the clause reports nothing of its own."""
    if not any(k.lower_ in _WH_WORDS and k.dep_ in ("advmod", "nsubj", "nsubjpass") for k in verb.children):
        return False
    if verb.dep_ not in ("csubj", "csubjpass", "ccomp", "xcomp", "advcl") or verb.head.i == verb.i:
        return False
    head = verb.head
    said = [k for k in head.children if k.dep_ in ("acomp", "attr", "oprd")]
    doubt = any(k.lower_ in _DOUBT for k in (head, *said)) or any(
        k.lower_ in _KNOWN for k in (head, *said)) and any(k.dep_ == "neg" for k in head.children)
    text = phrase_text(doc, verb)
    return doubt and not (_dated(text) or fatalities(text))


def reason(doc, tok, verb) -> str | None:
    """Why the trigger (head token `tok`, its clause's verb `verb`) tells no deed of its own clause, or None."""
    if charged(doc, tok):
        return "alleged"
    if verb is None:
        return None
    if described(doc, verb) and tok.head.lower_ != "with":  # "a house rigged with bombs (that went off)": the means, kept
        return "described"
    if unknown(doc, verb):
        return "unknown"
    return None
