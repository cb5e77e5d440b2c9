"""Who attacked, read from the story: an armed event that names no attacker takes the one the story's campaigns
against its place (or the side it hits) agree on; never a target, never when two attackers are named there."""

from __future__ import annotations

import pytest

from geo.extract.actors import default_dictionary
from geo.extract.articles import parse_article
from geo.extract.campaigns import Campaign, _agents_named, _one_side, find_campaigns
from geo.extract.events import _analyse, extract_events

SYRIA = "Military Forces of Syria"
TURKEY = "Military Forces of Turkey"


def _actor1(gazetteer, story: str, later: str) -> str:
    events = extract_events(parse_article(story, date="2018-02-26"), gazetteer)
    chosen = [e for e in events if later in e.sentence]
    assert chosen, f"no event for {later!r} in {[e.sentence for e in events]}"
    return chosen[0].actor1


@pytest.mark.parametrize(
    "story, later, actor1",
    [
        # a nominal campaign with its owner and its target, then an agentless deed inside the target
        ("Syrian regime forces pressed on with their offensive on the rebel-held enclave of eastern Ghouta on Saturday.\n\n"
         "Fourteen civilians were killed in Douma on Sunday, rescue workers said.", "Fourteen civilians", SYRIA),
        # a verbal campaign: "X pounded P", then a shell hits a house in a town of the same district
        ("Turkish jets pounded Afrin on Saturday as the offensive entered its second month.\n\n"
         "Two children died when a shell hit their house in Jinderes on Sunday, local officials said.", "Two children", TURKEY),
        # the by-agent of an attack noun is the attacker ("the bombardment of P by X")
        ("The bombardment of eastern Ghouta by government forces has gone on for a week.\n\n"
         "At least 22 people were killed in Douma on Monday, according to medics.", "22 people", SYRIA),
        # a passive campaign: "P, which has been pounded by X"
        ("Residents of Afrin, which has been pounded by Turkish warplanes for a month, are running out of water.\n\n"
         "Two patients were killed when shelling hit a hospital in Afrin on Sunday night.", "Two patients", TURKEY),
        # "the X-led offensive on P"
        ("Thousands have fled the Turkish-led offensive on Afrin since January.\n\n"
         "Five people were killed by shelling in Afrin on Sunday, doctors said.", "Five people", TURKEY),
        # the targeted side: a deed that hits it takes the side that campaigns against it
        ("Turkey launched its offensive against the YPG in January.\n\n"
         "Three YPG fighters were killed on Sunday near the border, the group said.", "Three YPG fighters", TURKEY),
        # the by-agent may be the forces loyal to a leader
        ("Rocket fire by forces loyal to Assad has pounded Douma since Tuesday.\n\n"
         "Nine people were killed in Douma on Monday, rescue workers said.", "Nine people", SYRIA),
        # closing in on a place is a campaign against it
        ("The SDF closed in on Baghuz on Saturday.\n\n"
         "Four people were killed by mortar fire in Baghuz on Sunday, a monitor said.", "Four people",
         "SDF: Syrian Democratic Forces"),
        # a state and the rebels it backs are one side: the state leads
        ("Turkish troops and Turkey-backed rebels stepped up their assault on Afrin last week.\n\n"
         "Turkish artillery shelled Afrin on Friday.\n\n"
         "Seven civilians were killed in Afrin on Sunday, a monitoring group said.", "Seven civilians", TURKEY),
    ],
)
def test_agentless_deed_takes_the_campaigns_attacker(gazetteer, story, later, actor1):
    assert _actor1(gazetteer, story, later) == actor1


@pytest.mark.parametrize(
    "story, later",
    [
        # two attackers against one place: nobody is chosen
        ("Syrian government forces have besieged Douma since 2013. Rebels in Douma shelled Damascus on Friday.\n\n"
         "Islamic State fighters attacked Douma last week.\n\n"
         "Nine people were killed in Douma on Sunday, medics said.", "Nine people"),
        # the campaign is against another place, far away
        ("Turkish jets pounded Afrin in northern Syria on Saturday.\n\n"
         "Four people were killed by shelling in Douma on Sunday, medics said.", "Four people"),
        # the most-named side is the target, not the attacker; no campaign names who attacks
        ("Isis fighters are holed up in Baghuz. Isis has lost nearly all its territory, and Isis families are leaving.\n\n"
         "Four fighters were killed in clashes in Baghuz on Sunday.", "Four fighters"),
        # a common noun as an adjective is no side: "a terrorist attack", "the military campaign"
        ("The military campaign in eastern Ghouta is in its third week.\n\n"
         "Six people were killed in Douma on Sunday, rescue workers said.", "Six people"),
        # the side the event hits is never its attacker
        ("Syrian regime forces pressed on with their offensive on eastern Ghouta on Saturday.\n\n"
         "Twelve Syrian soldiers were killed in Douma on Sunday, a monitor said.", "Twelve Syrian soldiers"),
        # the side that holds the place does not attack it
        ("Rebel forces launched an attack from the rebel-held enclave of eastern Ghouta on Friday.\n\n"
         "Eleven people were killed in Douma on Sunday, medics said.", "Eleven people"),
    ],
)
def test_no_attacker_without_one_agreed_campaign(gazetteer, story, later):
    assert _actor1(gazetteer, story, later) == ""


@pytest.mark.parametrize(
    "sentence, agents",
    [
        ("A medic from the brigade died when a mine laid by Isis went off.", {"Islamic State"}),
        ("Three soldiers were killed by Turkish shelling.", {"Military Forces of Turkey"}),
        ("Three soldiers were killed on Sunday, Turkish officials said.", set()),
    ],
)
def test_a_sentence_that_names_its_agent_keeps_it(sentence, agents):
    """A campaign's attacker never overrides the agent a sentence names ('an IED planted by Isis' in an SDF offensive)."""
    assert _agents_named(sentence, default_dictionary(), "SY") == agents


def test_an_attacker_named_in_its_own_sentence_is_kept(gazetteer):
    story = ("The US-backed SDF resumed its offensive on Baghuz on Sunday.\n\n"
             "One fighter was killed by a roadside bomb planted by Isis in Baghuz on Monday.")
    assert _actor1(gazetteer, story, "roadside bomb") == "Islamic State"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Russian jets bombed the town of Saraqib in Idlib province on Tuesday.", [("Military Forces of Russia", "Saraqib")]),
        ("The regime's assault on Douma, east of Damascus, went on.", [(SYRIA, "Dūmā")]),
        ("Scores were killed in airstrikes by Syrian and Russian jets on the town of Saraqib in Idlib.", [(SYRIA, "Saraqib")]),
        # a possessive before a name does not make it part of a longer name
        ("Scores were killed in shelling by forces loyal to Syria's Bashar al-Assad in eastern Ghouta.",
         [(SYRIA, "Eastern Ghouta")]),
        # a name that holds an actor's word is no actor
        ("Nobody expected the Manchester Arena bombing in London.", []),
        # the target ends at the comma after it: Idlib belongs to the next clause
        ("The SDF closed in on the militants by the river, while near the city of Idlib nine guards died.",
         [("SDF: Syrian Democratic Forces", None)]),
        # 'US-led coalition' names the coalition, not a second attacker
        ("Hundreds were killed in US-led coalition airstrikes on the city of Raqqa in 2017.", [("US-led Coalition", "Ar Raqqah")]),
    ],
)
def test_campaigns_of_a_sentence(gazetteer, text, expected):
    a = _analyse(parse_article(text, date="2018-02-26"), gazetteer)
    found = find_campaigns(a.article.text, a.actors, a.event_places, default_dictionary())
    assert [(c.attacker, c.place.name if c.place else None) for c in found] == expected


REBELS = "Turkey-backed Syrian Opposition"


@pytest.mark.parametrize(
    "attackers, chosen",
    [
        ([(TURKEY, "")], TURKEY),
        ([(TURKEY, ""), (REBELS, TURKEY)], TURKEY),  # a state and the rebels it backs: one side, the state leads
        ([(REBELS, TURKEY)], REBELS),
        ([(TURKEY, ""), (SYRIA, "")], ""),  # two attackers: no one
        ([(TURKEY, ""), (REBELS, TURKEY), ("YPG: People's Protection Units", "")], ""),
    ],
)
def test_one_side_agreed(attackers, chosen):
    assert _one_side([Campaign(a, b, None, "", i) for i, (a, b) in enumerate(attackers)]) == chosen


@pytest.mark.parametrize(
    "text, actor1",
    [
        # a device set on the ground that nobody claims: ACLED's unidentified armed group
        ("A roadside bomb exploded near a market in Azaz on Monday, killing three civilians.", "Unidentified Armed Group (Syria)"),
        ("At a checkpoint in Aden on Sunday a suicide bomber blew himself up, killing five civilians.",
         "Unidentified Armed Group (Yemen)"),
        # a bombing from the air is no planted device; a named bomber keeps its name
        ("Three hospitals were bombed in Douma on Monday, killing six civilians.", ""),
        ("A car bomb planted by Islamic State killed eight civilians in Azaz on Monday.", "Islamic State"),
    ],
)
def test_an_unclaimed_bomb_is_an_unidentified_groups(gazetteer, text, actor1):
    events = [e for e in extract_events(parse_article(text, date="2018-02-05"), gazetteer) if e.event_type]
    assert [e.actor1 for e in events][:1] == [actor1]
