"""Place names that are not where anything happened, by the role the sentence gives them.

- A capital standing for its government: "a truce brokered by Moscow and Ankara", "Washington's close
  ally", "Ankara hopes to ...". News English names governments by their capitals; a capital is a setting
  where a locative word or a deed puts something there ("a bomb in Ankara", "Moscow was rocked by ...").
  A bare auxiliary ("Washington is gathering evidence") is read so only for a foreign capital: the
  story's own capital is often the subject of what happened to it ("Damascus has come under fire").
- Where people are driven or flee towards: "fighting drove 160,000 people towards the borders with
  Jordan and the Golan Heights". The direction of a flight is not where the fighting was ("fled to X" is
  left alone: the corpora code the flight itself at X, and armed men "return to" where they fight).
"""

from __future__ import annotations

import re

__all__ = ["government_capitals", "capital_at_work", "DESTINATION"]

# "by Moscow", "on behalf of Ankara", "allied with Tehran", "a deal between Moscow and Ankara"
# "threats of reprisal from Tehran", "a warning from Moscow": what a government sends; "told Moscow to", "urged
# Ankara", "accused Damascus": whom a government speaks to or of
_GOVERNMENT_BEFORE = re.compile(r"\b(?:by|with|between|behalf\s+of|against|among|patrons?|backers?|sponsors?|told|warned|urged|"
                                r"asked|called\s+on|pressed|accused|blamed|critici[sz]ed|condemned|thanked|reassured|"
                                r"(?:threats?|warnings?|reprisals?|retaliation|response|reaction|condemnation|pressure|orders?|"
                                r"ultimatum|protests?)(?:\s+of\s+[\w-]+)?\s+from)\s+$", re.I)
_SIDING = re.compile(r"\b(?:pro|anti)-$", re.I)  # "a pro-Damascus military source", "anti-Moscow protests"
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|into|inside|outside|around|across|over|from|to|towards?|of|through)\s+"
                              r"(?:the\s+)?(?:[\w-]+\s+){0,2}?$", re.I)
_DEED_PASSIVE = (r"(?:hit|struck|shelled|bombed|attacked|targeted|rocked|shaken|besieged|captured|taken|retaken|seized|"
                 r"overrun|surrounded|encircled|cut|stormed|raided|evacuated|locked)")
# "Ankara hopes", "Moscow brokered", "Washington's close ally": the capital acts, holds a view or owns
# something no place owns (not "was hit", not "Damascus's eastern suburbs")
_GOVERNMENT_AFTER = re.compile(
    r"(?:\s+(?:hopes?|wants?|considers?|decided|decides|informed|informs|hosts?|sees?|saw|views?|regards?|believes?|"
    r"fears?|insists?|demands?|backs|backed|supports?|supported|opposes?|opposed|promised|promises|pledged|vowed|"
    r"threatened|agreed|brokered|ordered|sent|sends|imposed|responded|retaliated|closed|sought|seeks)\b"
    r"|['’]s?\s+(?:[\w-]+\s+)?(?:ally|allies|backing|support|approval|blessing|consent|behest|withdrawal|government|"
    r"policy|position|role|decision|demands?|offensive|campaign|operation|forces|troops|military|army|intervention|"
    r"strategy|response|patronage|proxy|proxies|interests?|influence|plans?|envoy|ambassador|leaders?|officials?)\b)",
    re.I,
)
# "Ankara launched the operation", "the fourth day of Ankara's offensive", "Moscow's air strikes": the government at
# work; the sides read it as the state's forces (geo/extract/sides.py), but no place owns an offensive
_AT_WORK = re.compile(r"(?:\s+(?:has\s+|had\s+|then\s+|also\s+)?(?:launched|launches|began|begun|started|mounted|waged|"
                      r"unleashed|deployed|intervened)\b|['’]s?\s+(?:[\w-]+\s+)?(?:offensive|campaign|operation|forces|"
                      r"troops|military|army|air\s*strikes|strikes|assault|incursion|bombardment|jets|warplanes|aircraft|"
                      r"air\s+force|soldiers|militias?)\b(?!-))", re.I)
# "Washington is gathering evidence", "Moscow has sent": only a foreign capital (the story's own is often
# the subject of what happened: "Damascus has come under fire")
_AUXILIARY_AFTER = re.compile(r"\s+(?:has|have|had|is|was|will|would|could|can|may|might|must|should|did|does)\b"
                              r"(?!\s+(?:(?:been|being|not)\s+)?(?:" + _DEED_PASSIVE + r"|c[oa]me\s+under)\b)", re.I)
# "shot by London police", "with Moscow city officials": the capital names a noun's town, not a government
_MODIFIES = re.compile(r"\s+(?!(?:and|or|in|on|at|last|this|to|for|after|before|since|over|during|which|who|that|as|with|but|"
                       r"from|under|until|amid|into|if|when|while|would|will|to|of)\b)(?-i:[a-z]+)\b")
_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")

# "driven 160,000 people towards the borders with Jordan", "families fled the shelling towards Idlib":
# where people go, not where the event was
_NAMES_ONLY = r"(?:(?!(?:near|at|in|outside|around|where|when|after|before|while)\s)[\w’'-]+\s+){0,6}$"
DESTINATION = re.compile(
    r"(?:\b(?:towards?|to)\s+(?:the\s+)?(?:borders?|frontiers?)\s+with\s+|"
    r"\b(?:fled|flee|fleeing|flees|driven|displaced|escaped|escaping)\s+(?:[\w,-]+\s+){0,6}?towards?\s+(?:the\s+)?)"
    + _NAMES_ONLY,
    re.I,
)


def government_capitals(text: str, hits: list, country: str) -> set[int]:
    """Indices of the hits that are national capitals standing for their government.

    A run of capitals joined by commas or "and" ("Moscow, Tehran and Ankara closed in") shares one role.
    """
    out: set[int] = set()
    i = 0
    while i < len(hits):
        if not _capital(hits[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(hits) and _capital(hits[j + 1]) and _JOINED.fullmatch(text[hits[j].end:hits[j + 1].start]):
            j += 1
        first, last = hits[i], hits[j]
        before = text[max(0, first.start - 40):first.start]
        foreign = bool(country) and any(h.place.country_code != country for h in hits[i:j + 1])
        if _SIDING.search(before) or _GOVERNMENT_BEFORE.search(before) and not _MODIFIES.match(text, last.end) or not _LOCATIVE_BEFORE.search(before) and (
                _GOVERNMENT_AFTER.match(text, last.end) or foreign and _AUXILIARY_AFTER.match(text, last.end)):
            out.update(range(i, j + 1))
        i = j + 1
    return out


def capital_at_work(text: str, h) -> bool:
    """Whether a hit is a capital named as its government doing a deed (not where the deed was)."""
    return _capital(h) and bool(_AT_WORK.match(text, h.end))


def _capital(h) -> bool:
    return h.place is not None and (h.place.feature_code or "").upper() == "PPLC"
