"""Articles to events: the seed article is the golden test; typing, tolls and sentences as tables."""

from __future__ import annotations

import json
import math
from datetime import date

import pytest

from conftest import SEED_ARTICLE, SEEDS
from geo.articles import parse_article, read_articles
from geo.cli import main
from geo.event_types import classify, fatalities
from geo.events import extract_events, find_mentions, split_sentences
from geo.records import EVENT_FIELDS
from geo.taxonomy import SUB_EVENT_TYPES, event_type_of

# Reference points (from maps, not from our gazetteer): the seed's places.
MAARET_AL_NUMAN = (35.6436, 36.6711)
IDLIB = (35.9306, 36.6339)
ABU_DHUHUR_AIRBASE = (35.7319, 37.1042)
AFRIN = (36.5119, 36.8697)
SYRIA_BBOX = (32.3, 35.7, 37.4, 42.4)  # south, west, north, east


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def seed_events(gazetteer):
    (article,) = read_articles(SEED_ARTICLE)
    return extract_events(article, gazetteer)


def actors_of(e) -> set[str]:
    return {n for f in (e.actor1, e.actor2, e.assoc_actor1, e.assoc_actor2) for n in f.split("; ") if n}


# what, date_start (None: before the end), date_end, precision, event types, actors that must take part,
# reference point, km, geo_precision at least, minimum fatalities
GOLDEN = [
    ("1. Su-25 shot down near Maaret al-Numan", "2018-02-03", "2018-02-03", "day", {"Battles"},
     {"Opposition Rebels (Syria)", "Military Forces of Russia"}, MAARET_AL_NUMAN, 25, 1, 0),
    ("2. the pilot killed resisting capture (1 fatality; merged into 1 is fine)", "2018-02-03", "2018-02-03", "day",
     {"Battles", "Violence against civilians"}, {"Military Forces of Russia"}, MAARET_AL_NUMAN, 25, 1, 1),
    ("3. government forces backed by Russian air power attack Idlib in recent weeks", None, "2018-02-03", None,
     {"Battles", "Explosions/Remote violence"}, {"Military Forces of Syria", "Military Forces of Russia"}, IDLIB, 25, 3, 0),
    ("4. Syrian army retakes Abu Dhuhur airbase last month", "2018-01-01", "2018-01-31", "month",
     {"Government regains territory"}, {"Military Forces of Syria", "Opposition Rebels (Syria)"}, ABU_DHUHUR_AIRBASE, 10, 1, 0),
    ("5. 270,000 displaced in Idlib since Dec. 15", "2017-12-15", "2018-02-03", None,
     {"Population displacement"}, set(), IDLIB, 25, 1, 0),
    ("6. Turkey launches Operation Olive Branch with the FSA against the YPG/PKK", "2018-01-20", "2018-01-20", "day",
     {"Battles"}, {"Military Forces of Turkey", "Free Syrian Army", "YPG: People's Protection Units",
                   "PKK: Kurdistan Workers Party"}, AFRIN, 10, 1, 0),
    ("7. Turkish troops and Turkey-backed opposition fight the YPG in Afrin", "2018-02-03", "2018-02-03", "day",
     {"Battles"}, {"Military Forces of Turkey", "Turkey-backed Syrian Opposition", "YPG: People's Protection Units"},
     AFRIN, 10, 1, 0),
]


@pytest.mark.parametrize("row", GOLDEN, ids=[g[0] for g in GOLDEN])
def test_seed_article_golden_events(seed_events, row):
    what, start, end, precision, types, actors, point, radius, min_precision, deaths = row

    def fits(e) -> bool:
        return (
            (e.date_start == start if start else e.date_start < end)
            and e.date_end == end
            and (precision is None or e.date_precision == precision)
            and bool({e.event_type, e.sub_event_type} & types)
            and actors <= actors_of(e)
            and e.lat is not None and km((e.lat, e.lon), point) <= radius
            and e.geo_precision >= min_precision
            and e.fatalities >= deaths
        )

    assert any(fits(e) for e in seed_events), f"{what}: not among\n" + "\n".join(
        f"{e.date_start}..{e.date_end} {e.sub_event_type} {sorted(actors_of(e))} {e.place} ({e.lat}, {e.lon}) p{e.geo_precision}"
        f" f{e.fatalities}" for e in seed_events)


def test_seed_article_events_are_all_in_syria(seed_events):
    assert len(seed_events) >= 6
    south, west, north, east = SYRIA_BBOX
    for e in seed_events:
        assert e.country_code == "SY", (e.place, e.sentence)
        assert south <= e.lat <= north and west <= e.lon <= east
        assert e.place and e.place in SEED_ARTICLE.read_text()  # as written (in its sentence, or inherited)


def test_seed_article_events_are_coded_as_contracted(seed_events):
    for e in seed_events:
        assert event_type_of(e.sub_event_type) == e.event_type
        assert e.date_precision in {"day", "week", "month", "year"}
        assert date.fromisoformat(e.date_start) <= date.fromisoformat(e.date_end) <= date(2018, 2, 3)
        assert e.geo_precision in {1, 2, 3} and 0 < e.confidence <= 1
        assert "Syrian Observatory for Human Rights" not in actors_of(e) and "TASS" not in actors_of(e)
        assert not any("terrorist" in a.lower() for a in actors_of(e))  # loaded words never reach the data
        assert e.sentence and all(s.strip() in SEED_ARTICLE.read_text() for s in [e.sentence.split(". ")[0]])


def test_event_ids_are_stable_across_runs(gazetteer, seed_events):
    (article,) = read_articles(SEED_ARTICLE)
    again = extract_events(article, gazetteer)
    assert [e.event_id for e in again] == [e.event_id for e in seed_events]
    assert len({e.event_id for e in seed_events}) == len(seed_events)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Britain-based Syrian Observatory for Human Rights said rebels shelled the town.", {"Britain"}),
        ("the TASS news agency quoted Russia's Defense Ministry as saying a jet was downed.", {"TASS", "Russia"}),
        ("Russia is a major ally of Bashar al-Assad whose forces made territorial gains.", {"Russia"}),
        ("A bomb killed three policemen in the traditional Sunni neighborhood of Adhamiyah in north Baghdad.", {"Sunni"}),
        ("Aleppo bore the brunt of the regime and Russia’s intensifying air strikes.", {"Russia"}),
        ("The Turkey-backed Free Syrian Army shelled the town of Afrin.", {"Turkey"}),
    ],
)
def test_demonyms_and_organisations_put_no_event_there(gazetteer, text, expected):
    events = extract_events(parse_article(text, date="2018-02-03"), gazetteer)
    assert not {e.place for e in events} & expected


def test_unknown_place_announced_by_a_cue_is_kept_unresolved(gazetteer):
    text = "Government forces shelled the village of Qarqurzeyya on Friday, killing three civilians."
    (e,) = extract_events(parse_article(text, date="2018-02-03"), gazetteer)
    assert e.place == "Qarqurzeyya" and e.lat is None and e.lon is None and e.location == ""
    assert e.sub_event_type == "Shelling/artillery/missile attack" and e.fatalities == 3
    assert e.date_start == "2018-02-02"


def test_find_mentions_for_highlighting(gazetteer):
    (article,) = read_articles(SEED_ARTICLE)
    mentions = find_mentions(article, gazetteer)
    by_kind = {k: [m for m in mentions if m.kind == k] for k in ("place", "actor", "date")}
    assert {"Maaret al-Numan", "Idlib", "Afrin", "Abu Dhuhur"} <= {m.text for m in by_kind["place"]}
    assert "Britain" not in {m.text for m in by_kind["place"]}
    assert "YPG: People's Protection Units" in {m.value for m in by_kind["actor"]}
    assert "2017-12-15/2018-02-03/day" in {m.value for m in by_kind["date"]}
    for m in mentions:
        assert article.text[m.start:m.end] == m.text


def test_every_seed_article_gives_events(gazetteer):
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) >= 1
    for path in paths:
        (article,) = read_articles(path)
        events = extract_events(article, gazetteer)
        assert events, path.name
        assert all(e.date_end <= article.date for e in events), path.name


@pytest.mark.parametrize(
    "sentence, sub_event_type",
    [
        ("Syrian opposition fighters said Saturday they had shot down a Russian warplane.", "Armed clash"),
        ("The Syrian army last month retook control of the airbase from insurgents.", "Government regains territory"),
        ("Islamic State militants seized the town of Hajin.", "Government regains territory"),  # actors decide later
        ("An air strike hit the main hospital, killing 16 civilians.", "Air/drone strike"),
        ("Turkish air raids and shelling killed more than 20 civilians.", "Air/drone strike"),
        ("Rebels fired mortars at the city.", "Shelling/artillery/missile attack"),
        ("A suicide bomber blew himself up at a checkpoint.", "Suicide bomb"),
        ("A roadside bomb exploded as the patrol passed.", "Remote explosive/landmine/IED"),
        ("Rescue workers said 11 people were treated after a chlorine attack.", "Chemical weapon"),
        ("Gunmen kidnapped three aid workers.", "Abduction/forced disappearance"),
        ("Soldiers killed two farmers in the village.", "Attack"),
        ("Thousands of protesters marched through the capital.", "Peaceful protest"),
        ("Police fired tear gas to disperse hundreds of demonstrators.", "Protest with intervention"),
        ("Rioters torched cars and threw stones at police.", "Violent demonstration"),
        ("The two sides agreed a ceasefire on Sunday.", "Agreement"),
        ("Police arrested 12 suspected militants.", "Arrests"),
        ("More than 270,000 have been displaced in Idlib.", "Population displacement"),
        ("Engineers defused a bomb left near the school.", "Disrupted weapons use"),
        ("Turkey set up an observation post near the town.", "Headquarters or base established"),
        ("GUERRILLAS BURNED THE FACILITIES AND STOLE FOOD.", "Looting/property destruction"),
        ("The fighters withdrew from the town under the deal.", "Non-violent transfer of territory"),
        ("Air defences intercepted two missiles over the city.", "Disrupted weapons use"),
        ("The boat was intercepted by a vessel which fired automatic weapons.", "Attack"),
        ("She took a group of students as hostages, threatening them with hand grenades.", "Abduction/forced disappearance"),
        ("Gunmen attacked a public bus near the boulevard.", "Attack"),
    ],
)
def test_event_types(sentence, sub_event_type):
    match = classify(sentence)
    assert match is not None and match.sub_event_type == sub_event_type, match
    assert sentence[match.start:match.end] == match.trigger


@pytest.mark.parametrize(
    "sentence",
    [
        "According to the Turkish General Staff, the operation aims to establish security.",
        "Turkey on Wednesday summoned the ambassadors to protest against the decision.",
        "The minister will visit Moscow next week.",
        "He said the pilots were captured about 5 kilometers from the site.",
    ],
)
def test_sentences_without_an_event(sentence):
    assert classify(sentence) is None or not classify(sentence).strong


def test_precedence_follows_acled_within_a_clause():
    assert classify("Clashes and air strikes killed 12 fighters.", ("Rebel group", "State forces")).event_type == "Battles"
    subs = [s for subs in SUB_EVENT_TYPES.values() for s in subs]
    from geo.event_types import PRECEDENCE
    assert sorted(PRECEDENCE) == sorted(subs)


@pytest.mark.parametrize(
    "sentence, deaths",
    [
        ("At least 12 civilians were killed and 30 wounded.", 12),
        ("The air raids killed 5 people, activists said, while the observatory put the toll at 7.", 5),
        ("killing 16 civilians", 16),
        ("the Russian pilot was shot and killed when he resisted capture", 1),
        ("GUERRILLAS KILLED A PEASANT IN THE CITY OF FLORES", 1),
        ("Three people were killed in a bomb attack.", 3),
        ("the death toll rose to 45", 45),
        ("between 10 and 15 people died", 10),
        ("more than 270,000 have been displaced", 0),
        ("30 people were wounded", 0),
        ("a strike had killed more than 30 militants", 30),
    ],
)
def test_fatalities_most_conservative_stated_number(sentence, deaths):
    assert fatalities(sentence) == deaths


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.N. says 270,000 fled since Dec. 15. On Jan. 20, Turkey launched it.",
         ["The U.N. says 270,000 fled since Dec. 15.", "On Jan. 20, Turkey launched it."]),
        ("Lt. Col. Smith said so. Then he left!", ["Lt. Col. Smith said so.", "Then he left!"]),
        ("First paragraph without stop\n\nSecond one.", ["First paragraph without stop", "Second one."]),
        ('"We shot it down," he said. "Yes."', ['"We shot it down," he said.', '"Yes."']),
    ],
)
def test_split_sentences(text, expected):
    assert [text[s.start:s.end] for s in split_sentences(text)] == expected


def test_paragraphs_are_numbered():
    text = "One. Two.\n\nThree."
    assert [s.paragraph for s in split_sentences(text)] == [0, 0, 1]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson"])
def test_cli_extract_formats(capsys, gazetteer, tmp_path, fmt):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    assert main(["extract", "--format", fmt, str(SEED_ARTICLE), str(bad)]) == 0
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "bad.txt: binary file" in err
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
        assert len(rows) >= 6 and list(rows[0]) == list(EVENT_FIELDS)
    elif fmt == "csv":
        assert out.splitlines()[0] == ",".join(EVENT_FIELDS) and len(out.splitlines()) > 6
    else:
        features = json.loads(out)["features"]
        assert len(features) >= 6
        lon, lat = features[0]["geometry"]["coordinates"]
        assert km((lat, lon), MAARET_AL_NUMAN) < 25


def test_cli_extract_fails_when_nothing_is_readable(capsys, tmp_path):
    assert main(["extract", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt: no such file" in capsys.readouterr().err


def test_a_run_without_full_stops_is_cut_into_bounded_sentences():
    from geo.events import MAX_SENTENCE

    text = "rebels attacked the town and killed five people " * 400
    sentences = split_sentences(text)
    assert len(sentences) > 10 and all(s.end - s.start <= MAX_SENTENCE for s in sentences)
    assert " ".join(text[s.start:s.end] for s in sentences).split() == text.split()
