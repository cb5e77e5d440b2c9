"""Argument pieces (letters, columns, editorials) told apart from reports, and what that does to their openings."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from geo.extract.articles import parse_article
from geo.extract.events import extract_events
from geo.extract.genre import argues, fresh_toll, genre_of

from conftest import SHARED

LETTER = (
    "Omar Haddad argues that sanctions alone will lift the siege of the port (The blockade cannot hold, 14 March). "
    "He forgets that we tried exactly this in Iraq for a decade. Our government should instead press for a corridor "
    "for grain and medicine. Why do we keep repeating the same mistake? I spent two winters in Basra and saw what "
    "hunger does to children. Lena Marsh, Bristol")
COLUMN = (
    "There is a comfortable myth in western capitals that the war in Yemen will burn itself out. It will not. We have "
    "armed one side for four years and we should stop pretending otherwise. What would it cost us to halt the sales "
    "tomorrow? Very little. Ministers must choose between contracts and conscience. Our silence is a choice too.")
EDITORIAL = (
    "The shelling of a crowded market is a stain on everyone who armed the coalition. Britain must suspend its export "
    "licences. The government should publish the legal advice it claims to hold. How many more funerals will it take? "
    "Words of regret are not enough. Parliament ought to demand answers before the recess.")
REPLY = (
    "Nadia Karim says the siege will end only when the talks resume (The long winter of Taiz, 3 December). She is "
    "right, as she says, that the talks have stalled. But she told a radio audience that aid should wait for a deal. "
    "It should not: we must send it now. Tom Reyes, Leeds")
TESTIMONY = (
    "I left Aleppo in the winter with my two daughters and a bag of bread. We walked for three days before a lorry "
    "picked us up near the border. My husband stayed behind to guard our shop. I still dream about our kitchen and "
    "the lemon tree in the yard. Now we share one room with another family.")
WIRE = (
    "Syrian government forces shelled the rebel-held town of Kafr Nabl on Tuesday, killing six civilians, rescue "
    "workers said. The monitoring group said the shells hit a vegetable market. Rebels said they had fired rockets at "
    "army positions in response. State media reported that troops repelled an attack near the highway. “We must leave, "
    "where can we go?” one resident told reporters. The United Nations said it was alarmed by the fighting.")
ANALYSIS = (
    "Russia's air campaign has changed the balance of the war, analysts say. Moscow's jets have flown thousands of "
    "sorties, according to its defence ministry. Western diplomats said the regime now holds most large cities. "
    "Rebel commanders told the Guardian their supply lines had been cut. The question is what the Kremlin wants next. "
    "A senior official said talks would resume in the spring.")
SPEECH = ("WE CALL ON ALL CITIZENS TO DEFEND THE PORT. THE INVADERS MUST LEAVE OUR LAND. WHY DOES THE WORLD STAY "
          "SILENT? OUR FIGHTERS SHOULD BE READY FOR THE DAYS AHEAD.")
FEATURE = (
    "The road into the old city is lined with the shells of burnt cars. A boy pushes a cart of bricks past a collapsed "
    "mosque. Shopkeepers have reopened a few stalls near the river. The smell of smoke still hangs over some streets. "
    "Women queue for water at a tanker. A bulldozer clears rubble from the yard of a school.")


@pytest.mark.parametrize("text, expected", [
    (LETTER, True),  # answers a piece cited by title and date, in the writer's own voice
    (REPLY, True),  # quotes the piece it answers in every sentence, but cites it and argues back
    (COLUMN, True),  # we, should, must, a question to the reader
    (EDITORIAL, True),  # no first person, but duty and a question, and nobody quoted
    (TESTIMONY, True),  # the writer's own story, nothing attributed
    (WIRE, False),  # attributed sentence after sentence; the "we must" is the resident's, inside quotes
    (ANALYSIS, False),  # argues a little, but through sources it names
    (FEATURE, False),
    (SPEECH, True),  # a broadcast speech, all capitals: duty and a question, nothing attributed
    ("ADEN --\n\n" + SPEECH, False),  # ... filed under a dateline: a dispatch that reports the speech
    ("SANAA, Yemen (Reuters) - " + COLUMN, False),  # few attributions, but no voice of its own: a scene reported
])
def test_genre(text, expected):
    assert argues(text) is expected, genre_of(text)


@pytest.mark.parametrize("sentence, expected", [
    ("Dozens have died and hundreds lie wounded in the shelled quarter.", True),
    ("At least 40 people have been killed in the strike on the market.", True),
    ("Hundreds of thousands have died in eight years of war.", False),  # the war's toll, not a day's
    ("Dozens died in the shelling of the market.", False),  # past tense: dated by its own words or not news
    ("The regime has killed with impunity.", False),
])
def test_fresh_toll(sentence, expected):
    assert fresh_toll(sentence) is expected


DAY = "2018-02-03"  # a Saturday
REPORT_TAIL = (" The monitoring group said the helicopters struck a bakery. Residents said they had fled to the olive "
               "groves. A rebel commander told reporters his fighters had no air defences.")
ARGUMENT_TAIL = (" The west must stop pretending that a ceasefire exists. We should ask why our ministers still "
                 "speak of talks. What would it take for them to act? Nobody believes the promises any more.")
UNDATED = ("Government helicopters hit a crowded market in the town of Saraqeb with barrel bombs, and again no western "
           "capital protested.")


def drawn(gazetteer, text: str) -> list[str]:
    return [e.scope for e in extract_events(parse_article(text, date=DAY), gazetteer)
            if e.event_type == "Explosions/Remote violence"]


@pytest.mark.parametrize("text, expected", [
    # a report's lead tells the day's news undated
    (UNDATED + REPORT_TAIL, ["event"]),
    # an editorial or a column names the same deed, undated, as its argument: not news of a day
    (UNDATED + ARGUMENT_TAIL, ["background"]),
    # a letter answering a piece: the piece's date (in brackets after its title) dates no deed
    ("Your correspondent is right that government helicopters hit a crowded market in the town of Saraqeb with "
     "barrel bombs, but wrong "
     "about what should follow (The red line has gone, 1 February). I served in Basra and we learned that air power "
     "alone settles nothing. Why should it be different now?", ["background"]),
    # the argument dates the deed with its own words: news
    (UNDATED.replace("bombs,", "bombs on Friday,") + ARGUMENT_TAIL, ["event"]),
    # ... or opens on the dead of the day in the present perfect
    ("Dozens of civilians have now been killed by the bombing of the hospital in the town of Saraqeb." + ARGUMENT_TAIL,
     ["event"]),
])
def test_undated_attack_in_the_lead(gazetteer, text, expected):
    assert drawn(gazetteer, text) == expected


GOLD = SHARED / "eval/events/realnews/gold.json"
TEXTS = Path("/tmp/realnews_articles.json")


@pytest.mark.skipif(not (GOLD.exists() and TEXTS.exists()), reason="real-news gold or rebuilt texts absent")
def test_no_coded_report_is_called_an_argument():
    """On the 50 coded articles: no report flagged (the costly error), and the flagged ones are not reports."""
    kinds = {row["row"]: row["kind"] for row in json.loads(GOLD.read_text())}
    flagged = Counter(kinds[a["row"]] for a in json.loads(TEXTS.read_text()) if argues(a["text"]))
    assert flagged["report"] == 0 and sum(flagged.values()) >= 2, flagged
