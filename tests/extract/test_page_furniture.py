"""Pasted web pages and wire copy: furniture and captions are not sentences, a line is a paragraph, a dateline's city is
where the reporter files from, and text wrapped at a fixed width still reads as running prose."""

from __future__ import annotations

import pytest

from geo.extract.articles import parse_article
from geo.extract.events import extract_events
from geo.extract.furniture import dateline_spans, furniture_line, opens_with_dateline
from geo.extract.sentences import split_sentences
from geo.gazetteer.index import MemoryGazetteer
from geo.records import Place


def place(name: str, lat: float, lon: float, cc: str = "SY", fcode: str = "PPL", pop: int = 20_000) -> Place:
    return Place(name, lat, lon, f"t:{name}", cc, "", fcode, pop)


GAZ = MemoryGazetteer([
    place("Syria", 35.0, 38.0, fcode="PCLI", pop=17_000_000),
    place("Lebanon", 33.9, 35.9, cc="LB", fcode="PCLI", pop=6_000_000),
    place("Beirut", 33.89, 35.50, cc="LB", fcode="PPLC", pop=1_900_000),
    place("Amman", 31.95, 35.93, cc="JO", fcode="PPLC", pop=4_000_000),
    place("Idlib", 35.93, 36.63, fcode="PPLA", pop=160_000),
    place("Sarmin", 35.95, 36.71),
    place("Tal Rifaat", 36.47, 37.10),
])


@pytest.mark.parametrize(
    "line, following, expected",
    [
        ("Skip to main content", "", True),
        ("  4. Skip to navigation", "", True),
        ("Published Tuesday, March 3, 2020 9:14AM EST", "", True),
        ("Updated 11:02 GMT, 4 May 2019", "", True),
        ("Wednesday 14/03/2018", "", True),
        ("3 min read", "", True),
        ("Image caption,", "", True),
        ("Read more: How the siege of Sarmin unfolded", "", True),
        ("By Jane Roe and Omar Haddad, Reuters", "", True),
        ("var slot = 'top-banner'; showAd(slot);", "", True),
        ("JOHN DOE/AFP via Getty Images", "", True),
        # a caption: closed by a photo credit, followed by one, or saying it shows a picture
        ("Rescuers search the rubble of a bakery in Sarmin on Monday. (Omar Haddad via AP)", "", True),
        ("Smoke rises over the outskirts of Tal Rifaat [Reuters]", "", True),
        ("Boys walk past a burnt-out bus in Sarmin", "JOHN DOE/AFP via Getty Images", True),
        ("In this file photo, fighters gather outside Tal Rifaat", "", True),
        # the story's prose, its headline and a dated lead are not furniture
        ("Jets pound rebel town of Sarmin, killing 12", "", False),
        ("Government jets struck a bakery in Sarmin on Monday, killing 12 people, rescuers said.", "", False),
        ("By Sunday evening the fighters had pulled out of Tal Rifaat.", "", False),
        ("On 3 March 2020, jets bombed Sarmin.", "", False),
    ],
)
def test_furniture_lines(line, following, expected):
    assert furniture_line(line, following) is expected


PAGE = """Skip to main content
Jets pound rebel town of Sarmin, killing 12
Rescuers search the rubble of a bakery in Sarmin. (Omar Haddad via AP)
Published Tuesday, March 3, 2020 9:14AM EST
BEIRUT (AP) — Government jets struck a bakery in Sarmin on Monday, killing 12 people. Rescuers said the toll may rise.
Rescuers search the rubble of a bakery in Sarmin. (Omar Haddad via AP)
The town lies on the main road north of Idlib"""

BROADCASTER = """Jets pound rebel town of Sarmin
Published
Rescuers carry a wounded boy out of a collapsed building
Image source, Reuters
Image caption,
Civil defence workers said the strike hit a crowded bakery
Government jets struck a crowded bakery in the rebel-held town of Sarmin on Monday, killing 12 people, rescuers said."""

WRAPPED = """BEIRUT, 3 MAR 20 -- GOVERNMENT JETS STRUCK A BAKERY IN THE
TOWN OF BINNISH ON MONDAY, KILLING 12 PEOPLE, RESCUERS
SAID.

THE TOWN LIES ON THE MAIN ROAD NORTH OF IDLIB."""


@pytest.mark.parametrize(
    "text, expected",
    [
        # a pasted page: a line is a paragraph; furniture, captions (also one told twice) and the headline the story
        # goes on to tell are no sentences
        (PAGE, [("BEIRUT (AP) — Government jets struck a bakery in Sarmin on Monday, killing 12 people.", 0),
                ("Rescuers said the toll may rise.", 0),
                ("The town lies on the main road north of Idlib", 1)]),
        # a picture's description before its "Image source" and "Image caption" labels, the caption after them
        (BROADCASTER, [("Government jets struck a crowded bakery in the rebel-held town of Sarmin on Monday, killing 12 "
                        "people, rescuers said.", 0)]),
        # a headline with nothing after it but furniture is the only telling there is
        ("Skip to content\nJets pound rebel town of Sarmin, killing 12\nRescue workers search the rubble of a bakery in the "
         "centre of Sarmin after the strike on Monday morning (Omar Haddad via AP)\n3 min read",
         [("Jets pound rebel town of Sarmin, killing 12", 0)]),
        # a first line that ends its sentence is the lead, not a headline
        ("Government jets pounded the rebel-held town of Sarmin on Monday, killing at least 12 people, local rescuers said.\n"
         "Rescuers said the toll may rise.",
         [("Government jets pounded the rebel-held town of Sarmin on Monday, killing at least 12 people, local rescuers "
           "said.", 0), ("Rescuers said the toll may rise.", 1)]),
        # copy wrapped at a fixed width: a line break is a space
        (WRAPPED, [("BEIRUT, 3 MAR 20 -- GOVERNMENT JETS STRUCK A BAKERY IN THE\nTOWN OF BINNISH ON MONDAY, KILLING 12 "
                    "PEOPLE, RESCUERS\nSAID.", 0),
                   ("THE TOWN LIES ON THE MAIN ROAD NORTH OF IDLIB.", 1)]),
    ],
)
def test_pasted_pages_and_wrapped_copy(text, expected):
    assert [(text[s.start:s.end], s.paragraph) for s in split_sentences(text)] == expected


@pytest.mark.parametrize(
    "text, cities",
    [
        ("BEIRUT (AP) — Jets struck Sarmin.", ["BEIRUT"]),
        ("BEIRUT, Lebanon - Jets struck Sarmin.", ["BEIRUT"]),
        ("AMMAN/BEIRUT: Jets struck Sarmin.", ["AMMAN/BEIRUT"]),
        ("First paragraph.\nAMMAN, Jordan (Reuters) -- Jets struck Sarmin.", ["AMMAN"]),
        # not a dateline: a dashed word, a dateline alone on its line (MUC-4), a name in mixed case
        ("US-led jets struck Sarmin.", []),
        ("SAN SALVADOR --\n\nJets struck the town.", []),
        ("Beirut - a city on edge.", []),
    ],
)
def test_datelines(text, cities):
    assert [text[a:b] for a, b in dateline_spans(text)] == cities


@pytest.mark.parametrize(
    "text, expected",
    [
        # the dateline city is where the reporter is; a country after it still tells the story's country
        ("BEIRUT (AP) — A car bomb exploded outside a mosque on Tuesday, killing nine people, activists said.", ""),
        ("BEIRUT, Syria - A car bomb exploded outside a mosque on Tuesday, killing nine people, activists said.",
         "Syria"),
        ("AMMAN, Jordan (Reuters) - Jets struck the town of Sarmin on Tuesday, killing nine people.", "Sarmin"),
        # a city named in the story's prose is a place
        ("A car bomb exploded outside a mosque in Beirut on Tuesday, killing nine people, activists said.", "Beirut"),
    ],
)
def test_a_dateline_city_is_not_the_event_place(text, expected):
    events = extract_events(parse_article(text, date="2020-03-03"), GAZ)
    assert events and events[0].place == expected


@pytest.mark.parametrize(
    "text, dispatch, cities",
    [
        ("AMMAN (AFP) - Jordan reopened the Nasib crossing on Monday.", True, ["AMMAN"]),
        ("IDLIB, Syria: Shelling hit a market on Friday.", True, ["IDLIB"]),
        # a transcript's dateline on a line of its own: a dispatch, but its city is where the story is
        ("LA PAZ (BOLIVIA) --\n\nTHE POLICE ARRESTED TWO MEN TODAY.", True, []),
        ("We should not look away from what is happening in Syria.", False, []),
        ("UN envoys met in Geneva on Tuesday - and agreed nothing.", False, []),
    ],
)
def test_a_story_that_opens_on_a_dateline_is_a_dispatch(text, dispatch, cities):
    assert opens_with_dateline(text) is dispatch
    assert [text[s:e] for s, e in dateline_spans(text)] == cities
