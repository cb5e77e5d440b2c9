"""Who leads, who backs, who claims: the doer of a deed among the states and groups a sentence names with it.

'US-led strikes' are struck by the leader; 'the Turks' in a war story are Turkey's forces; 'by Russian planes'
names the attacker; 'US-backed fighters' in Syria are the SDF; who is 'on the offensive' attacks; a state that says it has proof that another
did a deed is the claimant, never the doer; who claims responsibility for a deed, or tells it of its own
forces, is."""

from __future__ import annotations

import pytest

from geo.extract.articles import parse_article
from geo.extract.events import extract_events

SDF = "SDF: Syrian Democratic Forces"
US = "Military Forces of United States"


def _actor1(gazetteer, text: str) -> str:
    events = extract_events(parse_article(text, date="2018-04-16"), gazetteer)
    assert events, f"no event in {text!r}"
    return events[0].actor1


@pytest.mark.parametrize(
    "text, actor1",
    [
        # X-led deed: the leader does it
        ("US-led airstrikes hit research sites near Damascus before dawn on Saturday.", US),
        ("A Turkish-led offensive on the town of Jinderes killed 20 civilians on Sunday.", "Military Forces of Turkey"),
        ("Saudi-led air raids struck a market in Saada on Tuesday, killing 14 people.", "Military Forces of Saudi Arabia"),
        # the plural name of a people at war is its state's forces
        ("The Turks and their Syrian rebel allies swept into the town of Jinderes on Sunday after weeks of fighting.",
         "Military Forces of Turkey"),
        ("The Russians bombed the town of Saraqib on Monday, killing seven people.", "Military Forces of Russia"),
        # planes named by their state, also after "by" and joined by "and"
        ("The shelling of Saraqib by Russian and Syrian planes on Monday was the heaviest in weeks.",
         "Military Forces of Russia"),
        ("Syrian planes bombed the town of Ariha on Thursday, killing nine people.", "Military Forces of Syria"),
        # the US's ground partner in Syria, not in Iraq
        ("US-backed fighters seized the last Isis pocket at Hajin in eastern Syria on Friday.", SDF),
        ("United States-backed fighters drove Isis out of the town of Shafa in eastern Syria on Friday.", SDF),
        ("US-backed fighters clashed with Isis near the town of Tal Afar in Iraq on Friday.", "Unidentified Armed Group (Iraq)"),
        # "been on the offensive" is not a passive: its subject attacks
        ("Government troops have been on the offensive in the Ghouta enclave since Sunday.", "Military Forces of Syria"),
        ("Turkish soldiers were on the offensive around the town of Rajo on Friday.", "Military Forces of Turkey"),
        # a claim about another's deed: the claimant is not the doer; its own deed told in its words still is
        ("The French government said it had evidence that Syrian government forces carried out the gas attack in Douma "
         "on Saturday.", "Military Forces of Syria"),
        ("The Pentagon said it had evidence that regime forces shelled the town of Harasta on Saturday.",
         "Military Forces of Syria"),
        ("Islamic State claimed responsibility for the suicide car bomb in Manbij on Wednesday.", "Islamic State"),
        ("The US-led coalition said its aircraft had struck Isis positions near Hajin on Friday.", "US-led Coalition"),
        ("The Turkish army said it had shelled YPG positions near the town of Rajo on Saturday.",
         "Military Forces of Turkey"),
    ],
)
def test_the_doer_among_leaders_backers_and_claimants(gazetteer, text, actor1):
    assert _actor1(gazetteer, text) == actor1
