"""One event told across an article is one row: a reference dated only by the article's day or by the day someone
spoke of it joins the event the article dates itself (geo/extract/merge.py, join_references)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from geo.extract.articles import parse_article
from geo.extract.event_types import TypeMatch
from geo.extract.events import extract_events
from geo.extract.merge import attributed, in_passing, join_references, refers_back
from geo.records import Event

DAY = "2018-02-03"  # a Saturday


_REFERS = [
    ("Ministers agreed the regime had carried out the attack.", "attack", True),
    ("Moscow said the alleged chemical attack had been staged.", "chemical attack", True),
    ("Ankara defended its assault on the enclave.", "assault", True),
    ("A Canadian volunteer has been killed near the dam, his unit said.", "killed", True),
    ("The mother of a nurse killed while treating the wounded paid tribute to her.", "killed", True),
    # telling, not referring
    ("The officials said the regime used chemical weapons in the town.", "chemical weapons", False),
    ("Jets struck a bakery in the town, killing six.", "struck", False),
    ("Turkish jets killed nine people in the village.", "killed", False),
    ("Gunmen opened fire on a checkpoint.", "opened fire", False),
    ("Police said the gunman was carrying explosives.", "explosives", False),
    ("The army pressed on with the ongoing assault.", "assault", True),
    # a possessive names the deed as a known one; a quoted epithet is no verb; the last determiner opens the phrase
    ("Ankara defended Turkey’s assault on the enclave.", "assault", True),
    ("Officials blamed the “cowardly and criminal” shelling of the market.", "shelling", True),
    ("After Monday's meeting, the council condemned the bombing of the clinic.", "bombing", True),
    ("Villagers mourned a teacher killed while crossing the bridge.", "killed", True),
    ("The regime’s jets bombed the market.", "bombed", False),
    ("Near the dam, where the monitor reported heavy clashes, rebels dug in.", "clashes", False),
]
_IN_PASSING = [
    # named in passing: a death in a reduced relative, a deed as the object of a verb or a preposition
    ("The widow of a Kenyan engineer killed while repairing a pylon near Sirte has sued the firm.", "killed", True),
    ("His brigade had led Moscow’s push into the valley.", "push", True),
    ("Donors condemned the shelling of the clinic.", "shelling", True),
    # a first or latest one is the news itself
    ("Jets returned to the valley in their first major raid for weeks.", "raid", False),
    # the sentence's own news: the reference is its subject, or the death its main verb
    ("The shelling of the clinic killed four nurses.", "shelling", False),
    ("Officials said the shelling of the clinic killed four nurses.", "shelling", False),
    ("A Kenyan engineer was killed while repairing a pylon near Sirte.", "killed", False),
    ("Jets shelled the clinic.", "shelled", False),
]
_ATTRIBUTED = [  # who did it, argued over
    ("The envoy said he had evidence that militiamen shelled the camp.", "shelled", True),
    ("Kyiv blamed separatists for shelling the market.", "shelling", True),
    ("The monitor said militiamen shelled the camp.", "shelled", False),
]


@pytest.mark.parametrize("rule, sentence, trigger, expected", [(refers_back, *r) for r in _REFERS]
                         + [(in_passing, *r) for r in _IN_PASSING] + [(attributed, *r) for r in _ATTRIBUTED])
def test_reference_wording(rule, sentence, trigger, expected):
    start = sentence.index(trigger)
    assert rule(sentence, TypeMatch("Battles", "Armed clash", start, start + len(trigger), trigger, True)) is expected


_TOLD = Event("told", "a", "2018-01-31", "2018-01-31", "day", "Explosions/Remote violence", "Shelling/artillery/missile attack",
              actor1="Military Forces of Syria", location="Saraqib", admin1="Idlib", country_code="SY", lat=35.86, lon=36.8,
              geonameid="1", geo_precision=1, place="Saraqib", sentence="Told in Saraqib.")
_REF = replace(_TOLD, event_id="ref", date_start=DAY, date_end=DAY, event_type="Battles", sub_event_type="Armed clash",
               actor1="", sentence="Referred.")


@pytest.mark.parametrize("rows, dating, joined", [
    # a reference at the told event's town joins it and keeps its date
    ([_TOLD, _REF], {"told": "own", "ref": "reference"}, True),
    # a region around the town is a place containing it
    ([_TOLD, replace(_REF, location="Idlib", geonameid="2", geo_precision=3)], {"told": "own", "ref": "reference"}, True),
    # a reference that is dated by its own words stays
    ([_TOLD, _REF], {"told": "own", "ref": "own"}, False),
    # an undated telling that does not refer back stays
    ([_TOLD, _REF], {"told": "own", "ref": "borrowed"}, False),
    # another town
    ([_TOLD, replace(_REF, location="Binnish", geonameid="3")], {"told": "own", "ref": "reference"}, False),
    # attackers clash
    ([_TOLD, replace(_REF, actor1="Military Forces of Turkey")], {"told": "own", "ref": "reference"}, False),
    # roles swapped
    ([_TOLD, replace(_REF, actor2="Military Forces of Syria")], {"told": "own", "ref": "reference"}, False),
    # history is not news: a reference is not moved onto it
    ([replace(_TOLD, scope="background"), _REF], {"told": "own", "ref": "reference"}, False),
    # a place the told sentence does not name (taken from around it) may be the reference's own
    ([replace(_TOLD, place="Binnish"), _REF], {"told": "own", "ref": "reference"}, False),
    # a town taken is no one's death, and "last month" is no one deed's day
    ([replace(_TOLD, event_type="Battles", sub_event_type="Non-state actor overtakes territory"), _REF],
     {"told": "own", "ref": "reference"}, False),
    ([replace(_TOLD, date_precision="month", date_start="2018-01-01"), _REF], {"told": "own", "ref": "reference"}, False),
    # a protest is not the attack
    ([replace(_TOLD, event_type="Protests"), _REF], {"told": "own", "ref": "reference"}, False),
    # the story also tells one undated, as the day's news: the reference may name that one
    ([_TOLD, replace(_TOLD, event_id="today", date_start=DAY, date_end=DAY), _REF],
     {"told": "own", "today": "borrowed", "ref": "reference"}, False),
    # ... but one the story tells as background (an opinion, history) is not the day's news
    ([_TOLD, replace(_TOLD, event_id="today", date_start=DAY, date_end=DAY, scope="background"), _REF],
     {"told": "own", "today": "borrowed", "ref": "reference"}, True),
    # two days told alike at the town: which one is meant is unknown
    ([_TOLD, replace(_TOLD, event_id="other", date_start="2018-01-29", date_end="2018-01-29"), _REF],
     {"told": "own", "other": "own", "ref": "reference"}, False),
])
def test_join_references(rows, dating, joined):
    out = [e for e in join_references(rows, dating) if e is not None]
    assert (len(out) == len(rows) - 1) is joined
    if joined:
        assert out[0].date_start == "2018-01-31" and out[0].sentence == "Told in Saraqib. Referred."
        assert out[0].geo_precision == 1  # the finer place


@pytest.mark.parametrize("text, expected", [
    # the lead's undated death is the shelling the story dates
    ("A Dutch aid worker has been killed in Saraqib, his organisation said. Government forces shelled a clinic in "
     "Saraqib on Thursday, killing the aid worker and two nurses, colleagues said.", [("2018-02-01", "Saraqib")]),
    # dated by a speaker's day ("claimed on Saturday"): the airstrike told on Wednesday
    ("Turkish jets bombed the town of Jinderes on Wednesday, killing eight civilians, a monitor said. Kurdish officials "
     "claimed on Saturday that the airstrike on Jinderes targeted a bakery.", [("2018-01-31", "Jinderes")]),
    # two attacks told at the town on two days: the reference stays where it is
    ("A Dutch aid worker has been killed in Saraqib, his organisation said. Government forces shelled a clinic in "
     "Saraqib on Thursday, killing the aid worker, colleagues said. Rebels attacked an army post in Saraqib on Tuesday, "
     "killing three soldiers.", [("2018-02-03", "Saraqib"), ("2018-02-01", "Saraqib"), ("2018-01-30", "Saraqib")]),
    # another town
    ("A Dutch aid worker has been killed in Saraqib, his organisation said. Government forces shelled a clinic in "
     "Ariha on Thursday, killing two nurses, colleagues said.", [("2018-02-03", "Saraqib"), ("2018-02-01", "Arīḩā")]),
    # another attacker: two events
    ("Turkish jets bombed the town of Jinderes on Wednesday, killing eight civilians, a monitor said. Russian warplanes "
     "carried out the attack on Jinderes, state media claimed on Saturday.", [("2018-01-31", "Jinderes"), ("2018-02-03", "Jinderes")]),
])
def test_a_reference_joins_the_event_told(gazetteer, text, expected):
    events = extract_events(parse_article(text, date=DAY), gazetteer)
    assert [(e.date_start, e.location) for e in events] == expected, [(e.date_start, e.location, e.sentence) for e in events]


@pytest.mark.parametrize("text, expected", [
    # a death named in passing, dated nowhere: the weeks before the story, not its day
    ("Relatives of a Yemeni medic killed while evacuating the wounded in Taiz have demanded an inquiry.",
     [("2018-01-20", "2018-02-03")]),
    # ... but a death that is the sentence's news is the story's day, as wire reports tell it
    ("A Yemeni medic was killed while evacuating the wounded in Taiz, his colleagues said.", [("2018-02-03", "2018-02-03")]),
    # a deed named in passing (condemned) joins no telling: the weeks before; told as going on, the day's news
    ("Donors condemned the shelling of Taiz.", [("2018-01-20", "2018-02-03")]),
    ("Donors condemned the shelling of Taiz, which is continuing.", [("2018-02-03", "2018-02-03")]),
])
def test_a_reference_in_passing_is_dated_before_the_story(gazetteer, text, expected):
    events = extract_events(parse_article(text, date=DAY), gazetteer)
    assert [(e.date_start, e.date_end) for e in events] == expected, [(e.date_start, e.sentence) for e in events]
