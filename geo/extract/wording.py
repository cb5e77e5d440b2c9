"""Clauses that name violence without reporting an event, told by their wording alone (no parse needed).

Deaths from fires, cold or sickness are no political violence; "raids on targets worldwide" have no
one place; "shelled every day" is a habit; "an inquiry into the bombing" refers to an event told
before; an announced withdrawal and an assault braced for are yet to happen. geo/extract/factuality.py asks these first, then
reads the parse. `unreal` is the driver's own check on threatened, planned, conditional or demanded
events, which holds with or without the parse.
"""

from __future__ import annotations

import re

from geo.extract.event_types import TypeMatch

__all__ = ["reason", "unreal", "quote_around", "quote_has_facts"]

# "shelled every day", "day after day": a habit of many days, no one event
_EVERY = re.compile(r"\bevery (?:single )?(?:day|night|morning|evening|week)\b|\bday after day\b|\bnight after night\b", re.I)
# Deaths from accidents, weather and sickness are no political violence (ACLED codes none): "a blaze started by
# a heater killed a boy in the camp", "three babies died of cold in their tent".
_DEATH = re.compile(r"\b(?:kill|die|dead|death)", re.I)
_CAUSE = (r"(?:fires|blazes|(?:a|the) (?:[\w-]+ )?(?:fire|blaze)|stoves|heaters|(?:bitter |brutal |extreme |intense |severe )?cold(?![\w-])|"
          r"freezing temperatures|hypothermia|exposure|disease|"
          r"illness|sickness|cholera|dysentery|measles|malnutrition|starvation|hunger|famine|floods|flooding|"
          r"storms?|earthquakes?|(?:road |car |traffic )?accidents?|(?:car |bus |road )?crash(?:es)?|drowning)")
_CAUSE_BEFORE = re.compile(r"\b" + _CAUSE + r"\b[^.;]{0,50}$", re.I)
_ARMS = re.compile(r"\b(?:shell|strike|bomb|raid|attack|rocket|missile|mortar|sniper|gun|shot|explo|arson|set fire|torch|"
                   r"artillery|tank|munition|incendiar|napalm|phosphorus|weapon|militant|fighter|troops|soldier)", re.I)
_CAUSE_AFTER = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?(?:cold|hunger|disease|illness|sickness|cholera|dysentery|measles|"
                          r"malnutrition|starvation|hypothermia|exposure|injuries sustained in (?:a|an) (?:road|car))\b"
                          # "two boys died when their shelter caught fire", "...after the ceiling collapsed under heavy snow"
                          r"|(?:\s+[\w,-]+){0,5}?\s+(?:when|after|as)\s+(?:a|the|their|its)\s+(?:[\w-]+\s+)?(?:fire|blaze|roof|tent|"
                          r"shelter|caravan|ceiling|wall|boat|dinghy)\s+(?:broke out|caught fire|collapsed|capsized|sank)\b", re.I)
# "it still mounts raids across the globe": a deed with no one place is a description, not an event
_NOWHERE = re.compile(r"\b(?:around|across|throughout) the (?:world|globe)\b|\bworldwide\b|\bin \d+ countries\b", re.I)


# "the minister announced a phased pull-out of the battalion": a withdrawal announced or ordered is yet to happen,
# and one supported, opposed or heralded ("support for the president's withdrawal of troops") is a decision argued over
_ANNOUNCED = re.compile(r"\b(?:(?:announc|order|plan|approv|decid|propos|promis|pledg|herald)\w*|(?:support|backing|opposition|"
                        r"objections?|criticism|critics)\s+(?:for|of|to)|(?:support|back|oppos|criticis|criticiz)(?:e|es|ed|ing|s)?)\s+"
                        r"(?:(?:a|an|the|its|his|their)\s+)?(?:[\w’'-]+\s+){0,3}$", re.I)
_WITHDRAWAL = re.compile(r"withdrawal|pull-?out", re.I)


# "an inquiry into the bombing of the school", "the anniversary of the attack": an event referred to, not reported
_REFERRED = re.compile(r"\b(?:investigations?|inquir(?:y|ies)|enquir(?:y|ies)|probes?|inquests?|trials?|anniversary|commemorations?|"
                       r"memorials?|documentary|film|book|study|report|article|editorial|column|obituary)\s+(?:into|of|on|about|for)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?"
                       r"(?:(?!(?:said|says|found|finds|showed|shows|concluded|documented|that)\b)[\w-]+\s+){0,2}$", re.I)


# "weeks away from capturing the town", "on the verge of taking", "poised to enter": near in time, not yet done
_SOON = re.compile(r"\b(?:(?:hours|days|weeks|months) away from|on the (?:verge|brink|cusp) of|poised to|about to)\s+"
                   r"(?:[\w-]+\s+){0,2}$", re.I)


# "told the town to get ready for air strikes", "residents braced for an assault": a deed awaited, not yet done
_CLOSE_QUOTE = "[\u201d\u2019\"']"
_AWAITED = re.compile(r"\b(?:ready|brac(?:e|es|ed|ing)|prepar(?:e|es|ed|ing)|gird(?:s|ed|ing)?)" + _CLOSE_QUOTE + r"?\s+(?:themselves\s+|itself\s+)?"
                      r"for\s+(?:(?:a|an|the|any|possible|more|further|new|incoming|imminent)\s+)?(?:[\w-]+\s+){0,2}$", re.I)


# A direct quote: curly quotes, or straight ones counted from the sentence's start.
_OPEN, _CLOSE = "\u201c", "\u201d"
# What a quoted deed needs to be a report of its own rather than a speaker's characterisation: a time
# ("last night", "on Tuesday", "this morning", "now"), a number or a toll ("killed 12", "dozens of people").
_FACTS = re.compile(r"\b(?:\d+|yesterday|today|tonight|now|last|this (?:morning|afternoon|evening|week)|"
                    r"(?:mon|tue|tues|wed|thur|thurs|fri|sat|sun)\w*day|(?:at|in the) (?:dawn|night|morning|afternoon|evening)|"
                    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
                    r"hundred|hundreds|dozens|scores) (?:of )?(?:people|civilians|children|men|women|fighters|soldiers)|"
                    r"minutes? ago|hours? ago|days? ago)\b", re.I)


def quote_around(sentence: str, start: int) -> tuple[int, int] | None:
    """The span of the direct quote that holds sentence[start], or None when the trigger is the narrator's."""
    opened = sentence.rfind(_OPEN, 0, start)
    if opened >= 0 and sentence.rfind(_CLOSE, 0, start) < opened:
        close = sentence.find(_CLOSE, start)
        return opened, close if close >= 0 else len(sentence)
    marks = [m.start() for m in re.finditer(r'(?<!\w)"|"(?!\w)', sentence)]
    before = [i for i in marks if i < start]
    if len(before) % 2:
        after = [i for i in marks if i > start]
        return before[-1], after[0] if after else len(sentence)
    return None


def quote_has_facts(sentence: str, span: tuple[int, int]) -> bool:
    """Whether the quote tells a time, a number or a toll of its own ('last night they bombed the hospital')."""
    return bool(_FACTS.search(sentence, span[0], span[1]))


def _accident(sentence: str, start: int, end: int) -> bool:
    if not _DEATH.match(sentence, start) and not _DEATH.search(sentence[start:end]):
        return False
    if _ARMS.search(sentence, max(0, start - 100), end + 40):
        return False  # "shelling set off fires that killed two"
    return bool(_CAUSE_BEFORE.search(sentence, max(0, start - 60), start) or _CAUSE_AFTER.match(sentence, end))


def reason(sentence: str, start: int, end: int) -> str | None:
    """Why the wording around the trigger at sentence[start:end] reports no event, or None."""
    if _accident(sentence, start, end):
        return "accident"
    if _NOWHERE.search(sentence, end, end + 60):
        return "generic"
    if _EVERY.search(sentence, max(0, start - 40), end + 40):
        return "habitual"
    if _REFERRED.search(sentence, max(0, start - 60), start):
        return "referred to"
    if _SOON.search(sentence, max(0, start - 50), start) or _AWAITED.search(sentence, max(0, start - 60), start):
        return "intent"
    if _WITHDRAWAL.match(sentence, start) and _ANNOUNCED.search(sentence, max(0, start - 60), start):
        return "intent"
    return None


# --- regex checks on the driver's trigger (geo/extract/events.py), parse or not ---------------------------

_MODAL = re.compile(r"\b(?:will|would|could|might|may|shall|plans? to|planning to|threaten(?:s|ed)? to|vow(?:s|ed)? to|"
                    r"expected|planned|imminent|looming|anticipated|possible|impending|upcoming|"
                    r"intends? to|prepar(?:es|ed|ing) to|aims? to|if)\s+(?:\w+\s+){0,2}$", re.I)
# "denied using chemical agents", "feared arrest", "called for a halt to attacks", "voted for a truce": no event took place.
_DENIED = re.compile(r"\b(?:(?:not|never)\s+(?!(?:immediately\s+)?(?:clear|known|confirmed|verified|identified)\b)|"
                     r"den(?:y|ies|ied)|fear(?:s|ed|ing)?|risk(?:s|ed)?|(?:call(?:ed|s|ing)?|appeal(?:ed|s|ing)?) for|"
                     r"vot(?:e|es|ed|ing)\s+(?:\w+ly\s+)?(?:for|in favou?r of)|"
                     r"urg(?:ed|es|ing)|demand(?:ed|s|ing)?|(?:halt|end|stop) to|prevent(?:ed|s|ing)?)\s+(?:[\w-]+\s+){0,4}$", re.I)
_ANY_MODAL = re.compile(r"\b(?:will|would|could|might|may|(?:ready|willing|offer(?:ed|s|ing)?|propos(?:ed|es|ing)) to)\b", re.I)
_CALL = re.compile(r"\b(?:call(?:ed|s|ing)?\s+(?:on|for)|urg(?:ed|es|ing)|demand(?:ed|s|ing)?|appeal(?:ed|s|ing)?\s+(?:for|to)|"
                   r"press(?:ed|ing)?\s+\w+\s+to|respect)\b", re.I)


def unreal(text: str, match: TypeMatch) -> bool:
    """A threatened, planned, conditional or demanded event.

    A weak trigger ("hostilities") or a truce is dropped when the sentence only calls for it or
    has any modal verb.
    """
    if _MODAL.search(text, max(0, match.start - 40), match.start) or _DENIED.search(text, max(0, match.start - 60), match.start):
        return True
    if match.strong and match.sub_event_type != "Agreement":
        return False
    return bool(_ANY_MODAL.search(text) or _CALL.search(text, 0, match.start))
