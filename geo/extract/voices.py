"""Whose words tell the deed: a speaker's characterisation inside a quote, or an organisation's running count.

'"They are killing civilians by the dozens," she said' charges, it does not report: a deed inside a direct quote,
in the present progressive, with no time, number or toll of its own (a quoted 'last night they bombed the hospital'
reports). 'The group documents shelling and barrel bombs', 'the monitor records the causes of death as: 40 by air
strikes' tally many deeds in the present, none of a day; so does an estimate of how many there are ('the agency estimates
that there are 6 million refugees, many of them victims of torture', 'there are 3 million displaced, most of whom fled
the bombing'). geo/extract/factuality.py asks these on the parse.
"""

from __future__ import annotations

import re

from geo.extract import wording
from geo.extract.event_types import NAMED_DAY as _DAY

__all__ = ["characterised", "counted", "progressive"]

# the numbers of a population, not of a day's dead ('there are 12 dead' tells a toll)
_LARGE = frozenset("thousand thousands million millions billion".split())
# present forms of the verbs of counting (3rd person, or plural after 'the monitors')
_COUNTING = frozenset("documents records estimates counts tallies tracks logs document record estimate count tally "
                      "track log".split())


def progressive(verb) -> bool:
    """'are firing', 'is shelling': a present progressive."""
    return verb.tag_ == "VBG" and any(k.dep_ == "aux" and k.lower_ in ("is", "are", "'s", "'re") for k in verb.children)


# nouns of judgement: a speaker names a deed by what it is worth ('"we are living through a massacre"')
_VERDICT = frozenset(("massacre", "massacres"))


def characterised(sentence: str, start: int, tok, verb) -> bool:
    """The trigger is itself a present progressive, or a noun of judgement under a verb in the present, inside a
    direct quote that tells no time, number or toll."""
    if verb is tok:
        if not progressive(verb):
            return False
    elif tok.lower_ not in _VERDICT or not (progressive(verb) or verb.tag_ in ("VBZ", "VBP")):
        return False  # '"we are facing heavy fighting"': a noun the quoted verb governs is no charge of its own
    span = wording.quote_around(sentence, start)
    return span is not None and not wording.quote_has_facts(sentence, span)


def counted(sentence: str, tok) -> bool:
    """No day is named, and the trigger tells of a population an existential in the present counts in thousands or
    millions, or the sentence's main verb is one of counting in the present and the trigger follows it, not in a
    reported 'that' clause ('the UN estimates that 30 were killed in the shelling' reports it)."""
    if _DAY.search(sentence):
        return False
    if any(_stock(verb) and _population(verb, tok) for verb in tok.ancestors):
        return True  # "there are 5.6 million refugees, many of whom fled the bombing"
    root = next((t for t in tok.sent if t.dep_ == "ROOT"), None)
    if root is None or root.i >= tok.i or root.lower_ not in _COUNTING:
        return False
    present = root.tag_ in ("VBZ", "VBP") or (root.tag_ == "NNS" and any(k.dep_ == "nsubj" for k in root.children))
    # (the tagger may read 'documents' as a plural noun: a root with a subject is the verb)
    return present and all(_stock(t.head) for t in tok.doc[root.i:tok.i] if t.lower_ == "that" and t.dep_ == "mark")


def _population(verb, tok) -> bool:
    """The existential's counted noun is a population (thousands, millions) and the trigger tells of it, after it, not
    by a participle of now ('there are thousands fleeing the shelling' tells a flight under way)."""
    if any(a.tag_ == "VBG" for a in tok.ancestors if a.i > verb.i):
        return False
    return any(k.dep_ == "attr" and k.i < tok.i and any(w.lower_ in _LARGE for w in k.subtree) for k in verb.children)


def _stock(verb) -> bool:
    """A counted 'that' clause telling how many there are, not what was done: 'estimates that there are 6 million
    refugees, many of them victims of torture' (an existential 'there is/are')."""
    return verb.lower_ in ("is", "are") and any(k.dep_ == "expl" for k in verb.children)
