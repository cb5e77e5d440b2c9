"""A bare country name as a side of an event: "Turkey launched", "the US, France and Britain struck", "attacks by
Russia", "accused Iran of", "Syria's responsibility for the attack"; never a place ("rockets fired from Syria") nor a
qualifier ("US-backed rebels", "against US properties"). Read by the actor dictionary for its country names."""

from __future__ import annotations

import re

__all__ = ["acts_as_state", "SHORT_NAMES", "SHORT_KEYS"]

# What the press calls a state as the subject of a deed besides its own name ("Britain launched", "the US struck").
SHORT_NAMES = {"US": "United States", "U.S.": "United States", "Britain": "United Kingdom",
               "UK": "United Kingdom", "U.K.": "United Kingdom", "UAE": "United Arab Emirates"}
# "Britain on Saturday launched", "France today struck": a time between the state and its deed
_STATE_WHEN = (r"(?:\s+(?:today|yesterday|tonight|overnight|(?:late |early )?(?:on |last )?"
               r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|night)(?: (?:night|morning|evening|afternoon))?)(?=\s))?")
_STATE_VERBS = re.compile(
    _STATE_WHEN + r"(?:,\s+which)?\s+(?:(?:said|says|announced)\s+(?:that\s+)?(?:it|its\s+[\w-]+(?:\s+[\w-]+)?)\s+)?"
    r"(?:has\s+|have\s+|had\s+|also\s+|reportedly\s+|then\s+)?"
    r"(?:launched|attacked|struck|bombed|shelled|shot|killed|sent|deployed|captured|seized|retook|invaded|fired|targeted"
    r"|hit|began|begun|started|carried out|conducted|pounded|downed|intervened|resumed|intensified|stepped up|escalated"
    r"|bombarded|raided|stormed|ambushed)\b",
    re.I,
)
_STATE_AFTER = re.compile(r"\b(?:by|against|between|accus(?:ed|es|ing)|blam(?:ed|es|ing)|held)\s+$", re.I)
# "Syria's responsibility for the gas attack", "Russia's role in the bombing": the state is said to have done it
_CULPRIT = re.compile(r"['\u2019]s\s+(?:alleged\s+|direct\s+)?(?:responsibility\s+for|culpability\s+for|"
                      r"role\s+in(?:\s+[\w-]+){0,3}?\s+(?:attacks?|bombings?|strikes?|airstrikes?|killings?|massacres?|shelling|assault))\b", re.I)
SHORT_KEYS = frozenset(k.lower() for k in SHORT_NAMES)
_ADJECTIVAL = re.compile(r"\s+(?!(?:and|or|in|on|to|of|for|over|after|with|at|from|since|last|this|on)\b)[a-z]", re.I)
# "by US-backed rebels", "a Russia-brokered truce": the state qualifies another actor or thing
_STATE_COMPOUND = re.compile(r"[-\u2010\u2011](?:backed|led|allied|based|supported|sponsored|aligned|brokered|made|trained|"
                             r"funded)\b", re.I)
# "the US, France and Britain launched": every state in the list is a subject of the deed
_NAME = r"(?:the\s+)?[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?"
_STATE_LIST = re.compile(rf"(?:\s*,\s*{_NAME})*\s*,?\s+and\s+{_NAME}")
# "Rockets fired from Syria struck Kilis": after a locative preposition a country is a place.
_LOCATIVE = re.compile(r"\b(?:from|in|into|inside|across|to|toward|towards|of|near|within)\s+(?:the\s+)?$", re.I)


def acts_as_state(text: str, start: int, end: int, short: bool) -> bool:
    """Whether a bare country name is a side: the subject of a conflict verb (alone or in a list), the one responsible
    for a deed, or after 'by', 'against', 'accused'; never a place ('from Syria') or a qualifier ('US-backed'); a
    short name that doubles as an adjective ('against US properties') only as a noun."""
    if _LOCATIVE.search(text, max(0, start - 12), start) or _STATE_COMPOUND.match(text, end):
        return False
    if _STATE_VERBS.match(text, end) or _listed(text, end) or _CULPRIT.match(text, end):
        return True
    return bool(_STATE_AFTER.search(text, max(0, start - 12), start)) and not (short and _ADJECTIVAL.match(text, end))


def _listed(text: str, end: int) -> bool:
    """A state in a list of subjects of a deed ('the US, France and Britain struck')."""
    listed = _STATE_LIST.match(text, end)
    return bool(listed and _STATE_VERBS.match(text, listed.end()))
