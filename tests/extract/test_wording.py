"""The driver's own check on events that are only wished for (geo/extract/wording.py `unreal`): one table."""

from __future__ import annotations

import pytest

from geo.extract.event_types import classify
from geo.extract.wording import unreal

# sentence, whether its first trigger is unreal (threatened, planned, demanded, voted for)
CASES = [
    ("The assembly in Tripoli voted unanimously for a ceasefire in the south.", True),
    ("Lawmakers in Kiev voted in favour of a truce along the front line.", True),
    ("Both sides observed a truce around Idlib on Sunday.", False),
]


@pytest.mark.parametrize("sentence, expected", CASES, ids=[c[0][:50] for c in CASES])
def test_unreal(sentence, expected):
    match = classify(sentence)
    assert match is not None and unreal(sentence, match) is expected
