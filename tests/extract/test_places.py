"""Event places on their own, over an in-memory gazetteer: which named place is where the event happened,
and how precise it is. The SQLite gazetteer is not needed for these rules."""

from __future__ import annotations

import pytest

from geo.extract.events import extract_events
from geo.extract.articles import parse_article
from geo.extract.places import PlaceHit, choose_location, event_place_hits, find_place_hits, geo_precision
from geo.extract.referents import namesake_section, town_referred
from geo.gazetteer.index import MemoryGazetteer, PlaceIndex
from geo.records import Place


def place(name: str, lat: float, lon: float, cc: str = "SY", fcode: str = "PPL", pop: int = 20_000, admin1: str = "") -> Place:
    return Place(name, lat, lon, f"t:{name}", cc, admin1, fcode, pop)


GAZ = MemoryGazetteer([
    place("Syria", 35.0, 38.0, fcode="PCLI", pop=17_000_000),
    place("Turkey", 39.0, 35.0, cc="TR", fcode="PCLI", pop=80_000_000),
    place("Idlib", 35.93, 36.63, fcode="PPLA", pop=160_000, admin1="Idlib"),
    place("Saraqib", 35.86, 36.80, admin1="Idlib"),
    place("Afrin", 36.51, 36.87, fcode="PPLA2", admin1="Aleppo"),
    place("Jinderes", 36.39, 36.69, admin1="Aleppo"),
    place("Damascus", 33.51, 36.29, fcode="PPLC", pop=1_500_000),
    place("Douma", 33.57, 36.40, admin1="Rif Dimashq"),
    place("Eastern Ghouta", 33.55, 36.45, fcode="RGN", pop=0),
    place("Hajin", 34.69, 40.83, admin1="Deir ez-Zor"),
    place("Euphrates", 35.5, 39.5, cc="", fcode="STM", pop=0),
    place("Aleppo", 36.2, 37.16, fcode="PPLA", pop=2_000_000, admin1="Aleppo"),
    place("Sukkari", 36.18, 37.15, fcode="PPLX", pop=0, admin1="Aleppo"),
    place("Kilis", 36.72, 37.12, cc="TR", fcode="ADM1", pop=130_000),
    place("Tell Rifaat", 39.9, 32.8, cc="TR"),  # a namesake abroad: the gazetteer lacks the Syrian town
    place("Leeds", 53.8, -1.55, cc="GB", pop=450_000),
])


def test_the_fake_is_a_place_index():
    assert isinstance(GAZ, PlaceIndex)
    assert GAZ.resolve("idlib").name == "Idlib"
    assert [m.text for m in GAZ.find_places("From Idlib to Afrin.")] == ["Idlib", "Afrin"]


def event_place(sentence: str, trigger: str) -> str | None:
    hits = event_place_hits(sentence, find_place_hits(sentence, GAZ), [], set(), GAZ)
    t0 = sentence.index(trigger)
    chosen = choose_location(sentence, 0, (t0, t0 + len(trigger)), hits)
    return chosen.text if chosen else None


@pytest.mark.parametrize(
    "sentence, trigger, expected",
    [
        ("Air strikes hit Saraqib, east of Idlib, on Tuesday.", "strikes", "Saraqib"),
        ("Turkish shelling killed three civilians in Jinderes, near Afrin.", "shelling", "Jinderes"),
        ("Government shelling killed 12 civilians in Eastern Ghouta, the enclave near Damascus.", "shelling", "Eastern Ghouta"),
        ("Families who fled Idlib said an air strike hit Saraqib.", "strike", "Saraqib"),
        ("Rebels attacked a checkpoint outside Saraqib, while fighting also erupted in Jinderes.", "attacked", "Saraqib"),
        ("Syria said rebels shelled Damascus.", "shelled", "Damascus"),
        ("A car bomb exploded in Afrin, Syria, on Sunday.", "bomb", "Afrin"),
        ("Jets struck Jinderes, near Afrin, at dawn.", "struck", "Jinderes"),
        ("Rival factions fought at a farm near Hajin in the Euphrates valley.", "fought", "Hajin"),  # a river is long
        ("The army launched an offensive on the enclave known as Eastern Ghouta.", "offensive", "Eastern Ghouta"),
        ("The Afrin offensive began after Damascus agreed to it.", "offensive", "Afrin"),  # the name that qualifies the deed
        ("Shelling killed two people, Saraqib officials told the chief of staff to Damascus.", "Shelling", "Saraqib"),
        # a person's home town is not where the event happened
        ("Tom Reed, 24, from Leeds, was killed by a mine in Jinderes.", "killed", "Jinderes"),
        ("A nurse from Leeds was wounded when shells hit Saraqib.", "shells", "Saraqib"),
        ("A father of two from west Leeds died in an air strike on Douma.", "strike", "Douma"),
        ("Tom Reed, 24, from Leeds, was killed by a mine, his family said.", "killed", None),
        ("Rockets fired from Afrin hit Kilis on Sunday.", "hit", "Kilis"),
        # a yardstick is not the setting
        ("Shelling resumed at a pace not seen even in the siege of Aleppo.", "Shelling", None),
        ("The bombing, officials warned, could match the destruction of Aleppo.", "bombing", None),
        ("Shelling of Douma resumed at a pace not seen even in the siege of Aleppo.", "Shelling", "Douma"),
        ("The assault resumed at a pace not seen since the battle for Aleppo.", "assault", None),
        ("Fighting in Jinderes was worse than in Afrin, residents said.", "Fighting", "Jinderes"),
    ],
)
def test_the_place_the_event_verb_governs(sentence, trigger, expected):
    assert event_place(sentence, trigger) == expected


@pytest.mark.parametrize(
    "sentence, name, precision",
    [
        ("Jets bombed Saraqib.", "Saraqib", 1),
        ("Clashes erupted near Saraqib.", "Saraqib", 2),
        ("Fighting raged across Syria.", "Syria", 3),
    ],
)
def test_precision_of_a_place(sentence, name, precision):
    hit = next(h for h in find_place_hits(sentence, GAZ) if h.text == name)
    assert geo_precision(hit, sentence) == precision


def test_an_unresolved_hit_is_still_a_place_hit():
    hit = PlaceHit("Kafr Nubl", 0, 9, None, "town")
    assert choose_location("Kafr Nubl was shelled.", 0, (14, 21), [hit]) is hit


def test_extraction_runs_on_the_fake_gazetteer():
    art = parse_article("Turkish jets struck Jinderes, near Afrin, on Jan. 24, killing four civilians.", date="2018-01-25")
    events = extract_events(art, GAZ)
    assert [(e.place, e.date_start, e.country_code) for e in events] == [("Jinderes", "2018-01-24", "SY")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rebels withdrew from Saraqib and Idlib province. The city was shelled on Monday.", "Saraqib"),
        ("Fighters left Douma for Idlib. Jets then bombed the town.", "Idlib"),
        ("Talks were held in Ankara about Afrin. The city was calm.", "Afrin"),  # only the story's country
        ("Clashes spread across Eastern Ghouta. The enclave was bombed.", None),  # a region is no "city"
        ("Fighters left Douma. The city of Saraqib was shelled.", None),  # it names its own
    ],
)
def test_the_city_is_the_town_named_just_before(text, expected):
    first, second = text.split(". ", 1)
    hits = event_place_hits(first, find_place_hits(first, GAZ), [], set(), GAZ)
    found = town_referred(second, hits, "SY")
    assert (found.text if found else None) == expected


FAR = place("Busayra", 35.15, 40.43, admin1="Deir ez-Zor")  # a village 100 km from the city below
CITY = place("Raqqa", 35.95, 39.01, fcode="PPLA", admin1="Raqqa")


@pytest.mark.parametrize(
    "text, resolved, expected",
    [
        ("killed in the Busayra neighbourhood after a raid", FAR, True),  # a namesake far off
        ("killed in the Busayra district", place("Busayra", 47.6, -122.0, cc="US"), True),  # in another country
        ("killed in the Busayra district", FAR, False),  # a district may be a region of its own
        ("killed in the Busayra neighbourhood", place("Busayra", 35.96, 39.02, fcode="PPLX"), False),
        ("killed in Busayra after a raid", FAR, False),  # a town, not a part of one
    ],
)
def test_a_neighbourhood_the_gazetteer_lacks_is_not_a_far_namesake(text, resolved, expected):
    start = text.index("Busayra")
    hit = PlaceHit("Busayra", start, start + 7, resolved)
    assert namesake_section(hit, text, CITY) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # an undated, unplaced sentence goes on telling the day and place of the one before
        ("The raid took place on Jan. 25 in Saraqib. Officials say a firefight broke out between rival factions.",
         [("Saraqib", "2018-01-25")]),
        # a new paragraph starts a new story
        ("The raid took place on Jan. 25 in Saraqib.\n\nOfficials say a firefight broke out in Jinderes.",
         [("Jinderes", "2018-01-27")]),
        # "two days later" counts from the day named before
        ("Jets bombed Douma on Jan. 24. Two days later, government shelling killed five civilians in Saraqib.",
         [("Douma", "2018-01-24"), ("Saraqib", "2018-01-26")]),
    ],
)
def test_a_sentence_goes_on_telling_the_one_before(text, expected):
    events = extract_events(parse_article(text, date="2018-01-27"), GAZ)
    assert [(e.place, e.date_start) for e in events] == expected


@pytest.mark.parametrize(
    "sentence, places",
    [
        ("Fighters were detained near Afrin, the Idlib Morning Herald reported.", ["Afrin"]),  # a newspaper's name
        ("The Damascus Post said jets struck Saraqib.", ["Saraqib"]),
        ("Shells hit the Idlib Post Office.", ["Idlib"]),
    ],
)
def test_a_newspaper_is_no_event_place(sentence, places):
    assert [h.text for h in event_place_hits(sentence, find_place_hits(sentence, GAZ), [], set(), GAZ)] == places


@pytest.mark.parametrize(
    "sentence, trigger, expected",
    [
        # "<A> <kind word> of <B>": the broader name qualifies the smaller, whichever comes first
        ("Jets struck the Idlib town of Saraqib on Monday.", "struck", "Saraqib"),
        ("Shelling hit the Damascus suburb of Douma, killing five.", "Shelling", "Douma"),
        ("A car bomb exploded in Aleppo's eastern district of Sukkari.", "bomb", "Sukkari"),
        ("A car bomb exploded in the Sukkari district of Aleppo on Friday.", "bomb", "Sukkari"),
        ("The army launched an assault in the Eastern Ghouta region of rural Damascus.", "assault", "Eastern Ghouta"),
        ("Rebels began a counter-offensive near the Sukkari area of east Aleppo.", "counter-offensive", "Sukkari"),
        ("A cleric was shot dead near his home in Idlib's Saraqib district.", "shot", "Saraqib"),
        ("Rebels shelled positions on the edge of Eastern Ghouta in rural Damascus.", "shelled", "Eastern Ghouta"),
        # "<town> in <region>": the region is only where the town lies
        ("A bomb went off at Jinderes town in Afrin district on Saturday.", "bomb", "Jinderes"),
        ("Gunmen killed 12 people in the village of Jinderes in the Afrin district.", "killed", "Jinderes"),
        ("Shelling killed four in Jinderes in Syria on Monday.", "Shelling", "Jinderes"),
        # a town the gazetteer put abroad, named with the region that holds it, is a namesake: the region stands
        ("Rebels attacked the Tell Rifaat checkpoint, Idlib province, at dawn.", "attacked", "Idlib"),
        ("Rebels attacked the Tell Rifaat checkpoint, Kilis province, at dawn.", "attacked", "Tell Rifaat"),
        ("Gunmen attacked the villages of Jinderes and Rajo inside the Afrin district.", "attacked", "Jinderes"),
        ("Two fighters were killed at a checkpoint west of Jinderes in the vicinity of Afrin.", "killed", "Jinderes"),
    ],
)
def test_the_smaller_of_two_joined_names(sentence, trigger, expected):
    assert event_place(sentence, trigger) == expected
