"""Place names whose role in the sentence is not the event's setting: a capital standing for its
government, a person's home town, an organisation's name, the direction people flee in."""

from __future__ import annotations

import pytest

from geo.extract.articles import parse_article
from geo.extract.events import extract_events
from geo.extract.places import choose_location, event_place_hits, find_place_hits
from geo.gazetteer.index import MemoryGazetteer
from geo.records import Place


def place(name: str, lat: float, lon: float, cc: str = "SY", fcode: str = "PPL", pop: int = 20_000) -> Place:
    return Place(name, lat, lon, f"t:{name}", cc, "", fcode, pop)


GAZ = MemoryGazetteer([
    place("Syria", 35.0, 38.0, fcode="PCLI", pop=17_000_000),
    place("Damascus", 33.51, 36.29, fcode="PPLC", pop=1_500_000),
    place("Moscow", 55.75, 37.62, cc="RU", fcode="PPLC", pop=10_000_000),
    place("Ankara", 39.93, 32.86, cc="TR", fcode="PPLC", pop=3_500_000),
    place("Washington", 38.9, -77.04, cc="US", fcode="PPLC", pop=700_000),
    place("London", 51.5, -0.12, cc="GB", fcode="PPLC", pop=8_000_000),
    place("Jordan", 31.0, 36.0, cc="JO", fcode="PCLI", pop=9_000_000),
    place("Idlib", 35.93, 36.63, fcode="PPLA", pop=160_000),
    place("Saraqib", 35.86, 36.80),
    place("Afrin", 36.51, 36.87, fcode="PPLA2"),
    place("Daraa", 32.62, 36.10, fcode="PPLA", pop=100_000),
    place("Nawa", 32.89, 36.04),
    place("Hama", 35.13, 36.75, fcode="PPLA", pop=700_000),
    place("Suruc", 36.98, 38.42, cc="TR"),
    place("Middle East", 30.0, 40.0, cc="", fcode="RGN", pop=0),
])


def event_place(sentence: str, trigger: str) -> str | None:
    hits = event_place_hits(sentence, find_place_hits(sentence, GAZ), [], set(), GAZ)
    t0 = sentence.index(trigger)
    chosen = choose_location(sentence, 0, (t0, t0 + len(trigger)), hits)
    return chosen.text if chosen else None


def places(sentence: str) -> list[str]:
    return [h.text for h in event_place_hits(sentence, find_place_hits(sentence, GAZ), [], set(), GAZ)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a foreign capital standing for its government is no place at all
        ("Saraqib was spared an offensive last year after a ceasefire brokered by Moscow and Ankara.",
         ["Saraqib"]),
        ("Rebels shelled Afrin on behalf of Ankara, which wants the militia off its border.", ["Afrin"]),
        ("Jets struck Idlib, an attack Moscow ordered after talks in Damascus failed.", ["Idlib", "Damascus"]),
        ("Israel, Washington's close ally, struck targets near Damascus.", ["Damascus"]),
        ("Washington is gathering evidence about the gas attack on Saraqib, near Idlib.", ["Saraqib", "Idlib"]),
        ("Moscow, Ankara and Damascus closed in on a deal over Idlib.", ["Idlib"]),
        # what a government sends: a threat or a warning "from" its capital
        ("Rebels shelled Afrin again despite threats of retaliation from Ankara.", ["Afrin"]),
        ("Jets bombed Saraqib hours after a stern warning from Moscow.", ["Saraqib"]),
        # ... and whom a government speaks to or of
        ("The envoy urged Ankara to halt the shelling of Afrin.", ["Afrin"]),
        ("Rebels accused Moscow of bombing a hospital in Saraqib.", ["Saraqib"]),
        # the side someone takes
        ("Rebels pulled out of Saraqib overnight, according to a pro-Damascus commander.", ["Saraqib"]),
        # ... but a capital is a place where a locative word or a deed sets something there
        ("A car bomb exploded in Ankara on Tuesday, killing four police officers.", ["Ankara"]),
        ("Moscow was rocked by an explosion at a metro station.", ["Moscow"]),
        ("A knifeman was stopped by London police at a bus stop.", ["London"]),
        ("Protesters gathered outside the embassy in Washington.", ["Washington"]),
        # the story's own capital is often the subject of what happened to it
        ("Damascus has come under mortar fire from the eastern suburbs.", ["Damascus"]),
        ("Damascus is gathering its forces around Idlib.", ["Damascus", "Idlib"]),
        # a person's home town and an organisation's name
        ("Two brothers, a mechanic from west London and a student, also from west London, were detained in Syria.",
         ["Syria"]),
        ("A 23-year-old fighter from London was killed in an air strike on Saraqib.", ["Saraqib"]),
        ("The attack shows Isis can still strike, said a fellow at the Middle East Institute.", []),
    ],
)
def test_names_that_are_not_settings(sentence, expected):
    assert places(sentence) == expected


@pytest.mark.parametrize(
    "sentence, trigger, expected",
    [
        # the direction of a flight is not where the fighting was
        ("Fighting has driven 50,000 people from their homes in Daraa, towards the borders with Jordan.",
         "Fighting", "Daraa"),
        ("The offensive has driven 50,000 people from their homes, towards the border with Jordan and the Golan.",
         "offensive", None),
        ("Families fled the shelling of Nawa towards Daraa.", "shelling", "Nawa"),
        # ... while where troops push along a border is still their place
        ("Troops pushed to the border with Jordan near Nawa after heavy fighting.", "fighting", "Nawa"),
        ("Government forces advanced towards Saraqib under heavy air cover.", "advanced", "Saraqib"),
    ],
)
def test_a_destination_is_not_the_setting(sentence, trigger, expected):
    assert event_place(sentence, trigger) == expected


@pytest.mark.parametrize(
    "sentence, trigger, expected",
    [
        # a capital doing a deed is its government at work (the sides still read it as the state), not the place
        ("Ankara launched the offensive on Saturday to push the militia from the border.", "offensive", None),
        ("Fighting raged on Sunday in the second week of Ankara's offensive.", "Fighting", None),
        ("Moscow's jets struck Saraqib on Sunday.", "struck", "Saraqib"),
        # ... while a deed done to the capital stays there
        ("A car bomb struck Damascus's southern suburbs on Monday.", "car bomb", "Damascus"),
        ("Jets bombed the outskirts of Damascus on the third day of the offensive.", "bombed", "Damascus"),
    ],
)
def test_a_capital_at_work_is_not_the_place(sentence, trigger, expected):
    assert event_place(sentence, trigger) == expected


STORY = ("Government forces pressed their offensive on Idlib province, where jets struck Saraqib and Idlib city on "
         "Monday, and Hama, killing 20. ")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sentence naming no place goes on in the scene the sentence before set, not the place the story names most
        (STORY + "Rebels made their last stand in a hospital in Afrin. The final positions fell to Turkish-backed "
         "fighters last week.", ("Afrin", 2)),
        # ... only a scene in the story's country, and not a landmark it is named by
        (STORY + "Kurdish leaders met in Suruc, across the border. The final positions fell to Turkish-backed "
         "fighters last week.", ("Idlib", 3)),
        (STORY + "Aid agencies could not reach the villages bordering Damascus. More than 50 people were "
         "killed in air strikes last week.", ("Idlib", 3)),
    ],
)
def test_an_unplaced_sentence_goes_on_in_the_scene_before(text, expected):
    last = extract_events(parse_article(text, date="2018-01-27"), GAZ)[-1]
    assert (last.place, last.geo_precision) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the capital at work is still the state that acts, while the deed is placed where it was done
        ("Ankara launched a ground offensive into Afrin on Saturday, shelling the militia's positions.",
         ("Afrin", "Military Forces of Turkey")),
    ],
)
def test_a_capital_at_work_acts_elsewhere(text, expected):
    first = extract_events(parse_article(text, date="2018-01-20"), GAZ)[0]
    assert (first.place, first.actor1) == expected
