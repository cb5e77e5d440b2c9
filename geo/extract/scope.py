"""Where an event sits in its story: news the map draws, background kept apart, or country-level.

An article tells today's news in its lead and retells older deeds further down; ACLED coders date
each by its own words and leave history aside. These rules take the article's analysis (the
`_Analysis` of geo/extract/events.py: sentences, paragraphs, base date, dates per sentence) and one
event's facts; they also keep places that are people or origins out of the event's place. Running
tolls ("700 killed since Feb. 18", "the campaign has now left 90 dead"), undated life stories, summaries of
many strikes, the start of a campaign weeks before and deeds in the pluperfect are told but are not news of a
day.
"""

from __future__ import annotations

import re
from datetime import date

from geo.extract.date_forms import NUMBER, NUMBERS, UNIT
from geo.extract.dates import DateMention
from geo.extract.event_types import TypeMatch, fatalities
from geo.extract.genre import argues, cited_date, fresh_toll
from geo.extract.places import PlaceHit, is_country
from geo.extract.sentences import Sentence

__all__ = ["life_or_summary", "before_story", "cumulative_toll", "campaign_toll", "campaign_started", "TOLL_DAYS",
           "BACKGROUND_DAYS", "LEAD_SENTENCES", "LEAD_PARAGRAPHS", "origin_country", "a_person", "anchor_place", "stretch",
           "dated_paragraph", "in_lead", "scope_of"]


BACKGROUND_DAYS = 30  # ACLED coders treat older events in a story as history
LEAD_SENTENCES = 3  # a story without paragraph breaks: its first sentences say what it is about
LEAD_PARAGRAPHS = 8  # wire style: one or two sentences a paragraph, the first few tell the news
TOLL_DAYS = 7  # a toll or a campaign start older than a week is not the day's news
# a campaign of many days, not the deed of one: "the campaign has now left 90 dead", "a push launched in March";
# an operation, an assault or a bombardment may be one day's, so only its start or a toll "so far" marks it as long
_LONG_WORDS = r"offensives?|campaigns?|wars?|conflict|sieges?|onslaught|incursions?|invasion"
_LONG = rf"(?:{_LONG_WORDS})"
_CAMPAIGN = rf"(?:{_LONG_WORDS}|operations?|assaults?|bombardment)"


_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)


def origin_country(text: str, offset: int, hit: PlaceHit) -> bool:
    """'Hezbollah from Lebanon', 'volunteers from Britain': where people come from, not where the event is."""
    return hit.place is not None and is_country(hit.place) and bool(_FROM_BEFORE.search(text, max(0, hit.start - offset - 12),
                                                                                          hit.start - offset))


# "Mustafa Bali, an SDF spokesman": a name followed by a person's role is a person, whatever the gazetteer says
_ROLE_AFTER = re.compile(r",\s+(?:a|an|the)\s+(?:[\w()’'-]+\s+){0,6}?(?:spokes(?:man|woman|person)|commander|official|leader|"
                         r"minister|director|analyst|researcher|activist|journalist|resident|fighter|doctor|envoy|chief)\b", re.I)


def a_person(text: str, hit: PlaceHit) -> bool:
    return bool(_ROLE_AFTER.match(text, hit.end))


def anchor_place(last: tuple[PlaceHit, int] | None, fallback: PlaceHit | None):
    """The town an unresolved part of it ("the Mashlab district") belongs to: the place just told, else the
    story's main place; never a country."""
    for hit in (last[0] if last else None, fallback):
        if hit is not None and hit.place is not None and not is_country(hit.place):
            return hit.place
    return None


def stretch(a, index: int, back: int = 0) -> int:
    """What a place carries over within: the paragraph, or in a story without paragraph breaks (one
    paragraph of 40 sentences) only the next sentence."""
    return a.sentences[index].paragraph if a.paragraphs else index - back


# "Ankara opened its assault, code-named Operation X, on 3 March", "a campaign which started in May": the day a campaign
# started, told in a later story, dates the campaign, not a deed of the day
_STARTED = re.compile(r"(?:\b(?:began|launched|started|opened|unleashed)\s+(?:(?:an?|its|their|the|a new)\s+)?(?:[\w’'-]+,?\s+){0,3}?"
                      + _CAMPAIGN + r"(?![\w-])(?:,[^,.;]{0,40},)?|\b" + _CAMPAIGN + r"(?:\s+(?-i:[A-Z])[\w-]+){0,3}(?![\w-]),?\s+(?:(?:which|that)\s+)?"
                      r"(?:was\s+|were\s+|had\s+|has\s+)?(?:began|begun|launched|started|opened|unleashed))\s+(?:in|on)?\s*$", re.I)


def campaign_started(a, sentence: Sentence) -> bool:
    """Every date of the sentence is the start of a campaign more than a week before the story: history of the
    campaign the story follows, however early it is told."""
    text, dates = a.article.text, a.dates(sentence)
    return bool(dates) and all((a.base - d.date_end).days > TOLL_DAYS
                               and _STARTED.search(text, max(sentence.start, d.start - 90), d.start) for d in dates)


def dated_paragraph(a, sentence: Sentence) -> bool:
    """The sentence dates itself (a narrative date such as "two days later" counts, geo/extract/dates.py resolves it), or
    its paragraph or the one before dates the story it goes on telling (only where the story has paragraph breaks and
    does not argue). The date of a piece a letter answers ("(Title, 1 February)") dates no deed."""
    if campaign_started(a, sentence):
        return False
    if any((d.date_start <= a.base or d.relative) and not cited_date(a.article.text, d.start) for d in a.dates(sentence)):
        return True
    if not a.paragraphs or argues(a.article.text):  # an argument's paragraph dates only what it argues about
        return False
    return any(any(d.date_start <= a.base for d in a.dates(s)) for s in a.sentences
               if sentence.paragraph - 1 <= s.paragraph <= sentence.paragraph and s.start < sentence.start)


# "a string of raids", "accounts of air raids that have left hundreds dead", "five months of US-led airstrikes", not
# dated to one day: many events summed up
_OF_WORDS = r"\s+(?:(?!(?:were|was|are|is|have|had|been|people|civilians)\b)[\w.’'-]+\s+){0,2}$"
_MANY = re.compile(r"\b(?:(?:series|stream|string|spate|wave|number|campaign|hundreds|dozens|scores|thousands) of|reports of)"
                   + _OF_WORDS, re.I)
# "frequent raids blamed on the coalition have razed ...": strikes told as many
_REPEATED = re.compile(r"\b(?:repeated|successive|frequent|recurrent|countless|numerous|regular)\s+(?:[\w.’'-]+\s+)?$", re.I)
_SPELL = re.compile(r"\b(?:" + NUMBER + r"\s+|several\s+|many\s+)?(?:days|weeks|months|years) of" + _OF_WORDS, re.I)
# ... but "took the town after seven weeks of clashes": the spell before the day's deed
# ... nor "a first in ten days of clashes", a yardstick
_PRELUDE = re.compile(r"\b(?:after|following|despite|ending|ended|ends)\s+(?:more than\s+|nearly\s+|almost\s+|over\s+)?$|"
                      r"\b(?:first|worst|\w+est)\b[^,.;]{0,20}?\bin\s+(?:more than\s+|nearly\s+|almost\s+|over\s+)?$", re.I)
# "before waging a crushing offensive": a campaign waged, not a deed of a day
_WAGED = re.compile(r"\bwag(?:e|es|ed|ing)\s+(?:(?:an?|its|their|the|his|her)\s+)?(?:[\w-]+\s+){0,3}$", re.I)
# the pluperfect tells what came before the story: the deed itself in it ("after troops had seized the plain", "had been
# shelled"), not a deed named in passing after another verb ("had played a part in the assault": a reference). Clauses
# describing people or places ("men who were abducted") are geo/extract/clauses.py's
_PLUPERFECT = re.compile(r"\bhad\s+(?:(?:\w+ly|long|already|once|since|just)\s+)?(?:been\s+)?$", re.I)
_SPEECH = re.compile(r"\b(?:said|says|saying|told|tells|reports?|reported|according to|quoted|claimed|announced|added|stated|"
                     r"confirmed)\b", re.I)
# "the widow of a volunteer killed fighting the jihadists", undated: a life story (who died, not an event of a day);
# "two soldiers were killed fighting rebels" is that day's clash
_DIED_FIGHTING = re.compile(r"\b(?<!was )(?<!were )(?<!been )(?:killed|died|fell|lost (?:his|her|their) lives?)\s+(?:while\s+|when\s+)?"
                            r"(?:fighting|battling|serving)\b", re.I)


def life_or_summary(text: str, start: int, end: int, dates: list[DateMention]) -> bool:
    """Told, but not news of a day: an undated life story, many strikes summed up with no day of their own ("a string
    of raids", "five months of airstrikes"), a campaign waged, or a deed told as what came before the story (the
    trigger at text[start:end]; `dates` the clause's date mentions)."""
    if not dates and _DIED_FIGHTING.search(text, max(0, start - 10), end + 30):
        return True
    one_day = any(d.precision == "day" for d in dates)
    if not one_day and (before_story(text, start, end, dates) or _WAGED.search(text, max(0, start - 60), start)):
        return True
    if one_day or not text[start:end].endswith("s"):
        return False
    if _MANY.search(text, max(0, start - 40), start) or _REPEATED.search(text, max(0, start - 30), start):
        return True
    spell = _SPELL.search(text, max(0, start - 60), start)
    return spell is not None and not _PRELUDE.search(text, max(0, spell.start() - 30), spell.start())


_CLAUSE_OPENS = re.compile(r"[,;—]|\b(?:when|while|whereupon|until)\b", re.I)
_CLAUSE_ENDS = re.compile(r"[,;—]")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause of the deed at text[start:end] starts and ends (commas, semicolons, dashes, 'when')."""
    opened = max((m.end() for m in _CLAUSE_OPENS.finditer(text, 0, start)), default=0)
    close = _CLAUSE_ENDS.search(text, end)
    return opened, close.start() if close else len(text)


def _dated(text: str, dates: list[DateMention], start: int, end: int) -> bool:
    """A date of the sentence stands in text[start:end] ("men who were kidnapped over the weekend")."""
    return any(start <= text.find(d.text) < end for d in dates)


def before_story(text: str, start: int, end: int, dates: list[DateMention] = ()) -> bool:
    """The deed at text[start:end] is told, with no date of its own clause, as what came before the story: in the
    pluperfect ("after the militia had seized the plain"; not "the patrol had been out an hour when a bomb hit it",
    nor reported speech shifted back, "rebels said they had shelled ...", "... had been killed, according to the
    army")."""
    clause, close = _clause(text, start, end)
    pluperfect = text[start:end].lower().startswith("had ") or bool(_PLUPERFECT.search(text, max(clause, start - 30), start))
    return pluperfect and not _SPEECH.search(text) and not _dated(text, dates, clause, close)


_TOLL_DEATHS = re.compile(r"\b(?:killed|died|dead|deaths|death toll|lost their lives)\b", re.I)
_SINCE_START = re.compile(r"\b[Ss]ince\s+then\b|\b[Ss]ince\s+(?:the\s+)?(?:start|beginning|launch|outbreak)\s+of\b|\b[Ss]ince\s+(?:[Tt]he|[Ii]ts|their|government|"
                          r"[A-Z]\w+)\s+(?:[\w-]+\s+){0,4}?(?:began|begun|started|was launched|erupted|stepped up|escalated)\b")
# "killed in eight days", "over the past three months", "so far this year", "a report found 2017 was the worst year, with
# 910 killed": a toll summed over a stretch of time; "the deadliest attack in three years" is a yardstick, not the stretch
_STRETCH = re.compile(r"\b(?:in|over|during|within|throughout)\s+(?:the\s+)?(?:(?P<q>past|last|previous|first|recent)\s+)?"
                      + NUMBER + r"?\s*" + UNIT + r"(?![\w-])"
                      r"|\b(?:so far )?this year\b|\b(?:in|during|throughout) (?:19|20)\d\d\b|\b(?:19|20)\d\d was\b", re.I)
# ... a count someone keeps: a stretch of a few weeks is a running toll when it is theirs
_COUNTED = re.compile(r"\b(?:reports?|counts?|figures|tall(?:y|ies)|estimates?|statistics|data|records?|study|survey)\b", re.I)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_YARDSTICK = re.compile(r"\b(?:\w+est|worst|first|most\s+\w+)(?:\s+[\w-]+){0,4}\s+$", re.I)


def _stretch_days(text: str) -> int:
    """The longest stretch of time the clause sums over, in days (0: none)."""
    longest = 0
    for m in _STRETCH.finditer(text):
        if _YARDSTICK.search(text, max(0, m.start() - 50), m.start()):
            continue
        if m["unit"] is None:
            longest = max(longest, 365)
        elif m["n"] or m["q"]:
            n = NUMBERS.get((m["n"] or "").lower()) or (int(m["n"]) if (m["n"] or "").isdigit() else 1 + m[0].endswith("s"))
            longest = max(longest, n * _UNIT_DAYS[m["unit"].lower()])
    return longest


# "The campaign has now left 90 dead", "the war has left 400,000 dead": a campaign's running toll
_SO_FAR = r"(?:so far|thus far|to date|already)\s+"
# ... "Seven years of war have killed 400,000", "the death toll from the offensive"
_CAMPAIGN_TOLL = re.compile(r"(?:\b" + _LONG + r"(?![\w-])|^\W*(?:" + NUMBER + r"\s+|several\s+|many\s+)?(?:days|weeks|months|years) of\s)"
                            r"[^.;]{0,60}?\b(?:has|have)\s+(?:" + _SO_FAR + r"|now\s+)?(?:killed|left|claimed|cost)\b|\b" + _CAMPAIGN
                            + r"(?![\w-])[^.;]{0,40}?\b(?:has|have)\s+" + _SO_FAR + r"(?:killed|left|claimed|cost)\b|\bdeath toll\s+"
                            r"(?:from|of|in)\s+(?:the|its|their|this|[A-Z]\w+['’]s)\s+(?:[\w-]+\s+){0,3}?" + _LONG + r"(?![\w-])", re.I)
# "Moscow has lost 40 men in battles throughout its invasion", "dozens have died during the siege": the
# losses counted over a campaign, in the present perfect
_PERFECT_LOSS = re.compile(r"\b(?:has|have)\s+(?:so far\s+|now\s+|already\s+)?(?:lost|killed|been killed|died)\b", re.I)
_IN_CAMPAIGN = re.compile(r"\b(?:during|in|throughout|over the course of)\s+(?:the|its|their|this|[A-Z]\w+['’]s)\s+(?:[\w-]+\s+){0,3}?"
                          + _LONG + r"(?![\w-])", re.I)
# "died in the raids, by the counts of two monitoring groups": a count kept over many attacks ("initial
# estimates" of a day's dead are not one)
_TALLIED = re.compile(r"\b(?:tall(?:y|ies)|counts|running (?:count|total))\b", re.I)
_LOST_MEN = re.compile(r"\blost\s+(?:[\w,]+\s+){1,2}(?:soldiers|troops|fighters|men|personnel|members)\b", re.I)


def campaign_toll(text: str, match: TypeMatch, one_day: bool) -> bool:
    """A campaign's running toll: the offensive as the subject of its dead, losses in the present perfect over a
    campaign, or many attacks counted by those who keep tallies; a toll dated to one day is that day's."""
    if one_day:
        return False
    if _CAMPAIGN_TOLL.search(text) or (_PERFECT_LOSS.search(text) and _IN_CAMPAIGN.search(text)):
        return True
    return text[match.start:match.end].endswith("s") and bool(_TALLIED.search(text))


def cumulative_toll(text: str, match: TypeMatch, start: date, end: date, dates: list[DateMention]) -> bool:
    """'700 civilians have been killed since Feb. 18', '800 killed over three months', 'killed in nine days, according
    to local counts': a running total over a period, which ACLED does not code as an event (the incidents it sums are coded one by one); displacement totals
    are kept. 'killed on Saturday, the highest toll since the start of' is that day's event."""
    if match.event_type == "Displacement" or not (_TOLL_DEATHS.search(text) or _LOST_MEN.search(text)):
        return False
    one_day = any(d.precision == "day" and d.date_start == d.date_end for d in dates)
    if campaign_toll(text, match, one_day):
        return True
    days = _stretch_days(text) if not one_day and fatalities(text) > 1 else 0
    if days >= BACKGROUND_DAYS or (days > TOLL_DAYS and _COUNTED.search(text)):
        return True  # (a week or three unattributed, "28 policemen killed over the last two weeks", MUC-4 codes as one)
    if "since" not in text.lower():
        return False
    if (end - start).days > TOLL_DAYS:
        return True
    return not one_day and bool(_SINCE_START.search(text))


def in_lead(a, index: int) -> bool:
    """The story's lead: its first paragraph, or its first sentences when it has no paragraph breaks. An argument
    piece (a letter, a column, an editorial: geo/extract/genre.py) has none: its opening argues, it does not report,
    unless it opens on the dead of the day ("dozens have died")."""
    if campaign_started(a, a.sentences[index]):
        return False
    if argues(a.article.text):
        s = a.sentences[index]
        return index < LEAD_SENTENCES and fresh_toll(a.article.text[s.start:s.end])
    if a.paragraphs:
        return a.sentences[index].paragraph < a.lead_paragraph() + LEAD_PARAGRAPHS
    return index < LEAD_SENTENCES


def scope_of(base: date, start: date, end: date, place, dated: bool = True) -> str:
    """History ends more than a month before the story, a running total spans more than a month ("displaced
    in the last 18 months"), and a story's body mentions an undated deed as context, not news (the lead
    reports today's news undated); an event placed only on a country gets no dot."""
    if (base - end).days > BACKGROUND_DAYS or (end - start).days > BACKGROUND_DAYS or not dated:
        return "background"
    if place is None or is_country(place):
        return "country"
    return "event"
