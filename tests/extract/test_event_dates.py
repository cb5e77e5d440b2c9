"""The date of an event told inside talk about it (geo/extract/event_dates.py): a date that belongs to someone's
speaking of a deed, or to a describing clause, is not the deed's own."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.articles import parse_article
from geo.extract.dates import find_dates
from geo.extract.event_dates import aside, spoken
from geo.extract.events import extract_events
from geo.extract.sentences import Sentence

DAY = "2018-02-03"  # a Saturday


@pytest.mark.parametrize("text, expected", [
    # the day someone spoke
    ("The ministry said on Thursday that jets had struck the depot.", True),
    ("Monitors today condemned the shelling of the camp.", True),
    ("The governor on Friday accused the militia of the ambush.", True),
    ("Notes released after Monday's security session blamed the rebels.", True),
    ("In Tuesday’s briefing the spokesman described the raid.", True),
    # the deed's own day
    ("Jets struck the depot on Thursday, the ministry said.", False),
    ("Militants on Friday ambushed a convoy near the dam.", False),
    ("Thursday's airstrike killed nine people.", False),
])
def test_a_date_spoken_of(text, expected):
    d = find_dates(text, date.fromisoformat(DAY))[0]
    assert spoken(text, Sentence(0, len(text), 0), d) is expected


@pytest.mark.parametrize("text, trigger, expected", [
    # a describing clause dates its own deed, not the main one
    ("Loyalist troops have taken the district of Zamalka, where a gas attack choked dozens on Tuesday.", "taken", True),
    ("The militia, which seized the bridge on Monday, is now shelling the town.", "shelling", True),
    # the same deed's dead, dated in the clause: the strike's date too
    ("Jets struck the village of Kafr Nabl, where nine people were killed on Monday.", "struck", False),
    # the trigger is inside the clause: the date is its own
    ("Crowds gathered in the square, where police fired on them on Monday.", "fired", False),
    ("Rebels shelled the airbase on Monday, killing two.", "shelled", False),
])
def test_a_date_in_a_describing_clause(text, trigger, expected):
    d = find_dates(text, date.fromisoformat(DAY))[0]
    assert aside(text, Sentence(0, len(text), 0), d, text.index(trigger)) is expected


@pytest.mark.parametrize("text, expected", [
    # the retaking is today's news; Tuesday is the gas attack's day
    ("Government troops have recaptured the town of Harasta, where shelling hit a crowded market on Tuesday.",
     [("2018-02-03", "Ḩarastā")]),
    # a reference dated by the day it was condemned joins the strike the story dates
    ("Jets bombed a hospital in Maarat al-Numan on Wednesday, killing 11 people, rescuers said. Aid agencies today "
     "condemned the bombing of the hospital in Maarat al-Numan.", [("2018-01-31", "Ma‘arrat an Nu‘mān")]),
    ("Jets bombed a hospital in Maarat al-Numan on Wednesday, killing 11 people, rescuers said. After Friday's emergency "
     "meeting, the council condemned the bombing of the hospital in Maarat al-Numan.", [("2018-01-31", "Ma‘arrat an Nu‘mān")]),
    # the day of a statement, told in the sentence before, is not the day of the shelling it speaks of
    ("Rebels shelled Jisr al-Shughour on Wednesday. Nothing was settled at Friday’s emergency session of the "
     "council. The ministry blamed the rebels for the “cowardly and criminal” shelling of Jisr al-Shughour.",
     [("2018-01-31", "Jisr ash Shughūr")]),
    # the one who spoke of it is no attacker that could keep the reference apart
    ("Russian jets bombed a hospital in Maarat al-Numan on Wednesday, killing 11 people, rescuers said. UN monitors "
     "today condemned the bombing of the hospital in Maarat al-Numan.", [("2018-01-31", "Ma‘arrat an Nu‘mān")]),
    # who did it, argued over on a speaker's day: the attack the story dates
    ("Government jets dropped chlorine on Saraqib on Sunday, medics said. The French minister said on Thursday he had "
     "proof that the regime used chemical weapons in Saraqib.", [("2018-01-28", "Saraqib")]),
    # a death told without its day ("killed while ...") is the attack the story dates
    ("Relatives of a medic killed while evacuating the wounded in Saraqib have demanded an inquiry. Militants attacked "
     "the clinic in Saraqib on Tuesday, a monitor said.", [("2018-01-30", "Saraqib")]),
])
def test_the_deed_takes_its_own_date(gazetteer, text, expected):
    events = extract_events(parse_article(text, date=DAY), gazetteer)
    assert [(e.date_start, e.location) for e in events] == expected, [(e.date_start, e.location, e.sentence) for e in events]


_STORY = ("Jets bombed a hospital in Maarat al-Numan on Wednesday, killing 11 people, rescuers said. The governor visited "
          "the ward on Friday. She spoke of her own past. ")


@pytest.mark.parametrize("text, expected", [
    # past the lead, an undated deed whose sentence is dated only by history elsewhere in it is a life story
    (_STORY + "Her brother was killed in Hama, and she fled north to Idlib, where she found work in 2016.", []),
    # a recent day there leaves the deed undated: the story's day
    (_STORY + "Her brother was killed in Hama, and she fled north to Idlib, where she found work on Monday.",
     [("2018-02-03", "Ḩamāh")]),
])
def test_an_undated_deed_beside_history(gazetteer, text, expected):
    events = [e for e in extract_events(parse_article(text, date=DAY), gazetteer) if e.location != "Ma‘arrat an Nu‘mān"]
    assert [(e.date_start, e.location) for e in events if e.scope == "event"] == expected
