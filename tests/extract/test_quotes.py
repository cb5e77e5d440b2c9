"""Where a direct quote stands and whether it tells a time, a number or a toll of its own (the quote rule's rows,
'"they are killing civilians by the dozens," she said', are in test_no_deed.py)."""

from __future__ import annotations

import pytest

from geo.extract.wording import quote_around, quote_has_facts


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
