"""Names the town lists lack or get wrong: the war zone's many spellings, regions and waters, countries in lists,
and capitalised words of English prose that only look like towns."""

from __future__ import annotations

import pytest

from geo.geometry import haversine_km
from geo.gazetteer.names import is_acronym, is_english_word
from geo.records import Place


def km(place: Place | None, point: tuple[float, float]) -> float:
    assert place is not None
    return haversine_km(place.lat, place.lon, *point)


# Syrian towns in their Arabic, Kurdish and Turkish forms and Iraqi towns in their common English spellings, with
# each town's real point (public maps): every one must resolve within 15 km with no text around it
SPELLINGS = [
    ('Kobani', (36.891, 38.354)), ('Kobane', (36.891, 38.354)), ('Ain al-Arab', (36.891, 38.354)),
    ('Kobanê', (36.891, 38.354)), ('Qamishli', (37.052, 41.226)), ('Qamishlo', (37.052, 41.226)),
    ('Kamishli', (37.052, 41.226)), ('al-Qamishli', (37.052, 41.226)), ('Ras al-Ain', (36.851, 40.071)),
    ('Ras al-Ayn', (36.851, 40.071)), ('Serekaniye', (36.851, 40.071)), ('Sere Kaniye', (36.851, 40.071)),
    ('Resulayn', (36.851, 40.071)), ('Tal Abyad', (36.697, 38.956)), ('Tell Abyad', (36.697, 38.956)),
    ('Gire Spi', (36.697, 38.956)), ('Manbij', (36.528, 37.955)), ('Menbij', (36.528, 37.955)),
    ('Minbic', (36.528, 37.955)), ('Hasakah', (36.502, 40.747)), ('al-Hasakah', (36.502, 40.747)),
    ('Hasaka', (36.502, 40.747)), ('Haseke', (36.502, 40.747)), ('Amuda', (37.104, 40.93)),
    ('Amude', (37.104, 40.93)), ('Ain Issa', (36.385, 38.859)), ('Ayn Issa', (36.385, 38.859)),
    ('Ayn Isa', (36.385, 38.859)), ('Tal Rifaat', (36.47, 37.097)), ('Tell Rifaat', (36.47, 37.097)),
    ('Tall Rifat', (36.47, 37.097)), ('Azaz', (36.586, 37.045)), ("A'zaz", (36.586, 37.045)),
    ('Jarablus', (36.818, 38.011)), ('Cerablus', (36.818, 38.011)), ('Abu Kamal', (34.453, 40.918)),
    ('Albu Kamal', (34.453, 40.918)), ('Bukamal', (34.453, 40.918)), ('Mayadin', (35.02, 40.452)),
    ('al-Mayadeen', (35.02, 40.452)), ('Tabqa', (35.836, 38.548)), ('Palmyra', (34.56, 38.267)),
    ('Tadmur', (34.56, 38.267)), ('Daraa', (32.618, 36.102)), ('Deraa', (32.618, 36.102)),
    ('Sweida', (32.709, 36.566)), ('Suwayda', (32.709, 36.566)), ('Quneitra', (33.126, 35.824)),
    ('Tartus', (34.889, 35.887)), ('Tartous', (34.889, 35.887)), ('Jableh', (35.361, 35.925)),
    ('Qusayr', (34.509, 36.58)), ('al-Qusayr', (34.509, 36.58)), ('Rastan', (34.926, 36.733)),
    ('Zabadani', (33.725, 36.097)), ('Darayya', (33.458, 36.236)), ('Daraya', (33.458, 36.236)),
    ('Yabroud', (33.967, 36.657)), ('Kafranbel', (35.614, 36.561)), ('Kafr Nabl', (35.614, 36.561)),
    ('Binnish', (35.957, 36.713)), ('Ariha', (35.812, 36.608)), ('Sinjar', (36.322, 41.876)),
    ('Shingal', (36.322, 41.876)), ('Mosul', (36.335, 43.119)), ('Erbil', (36.191, 44.009)),
    ('Arbil', (36.191, 44.009)), ('Hawler', (36.191, 44.009)), ('Kirkuk', (35.468, 44.392)),
    ('Sulaymaniyah', (35.561, 45.437)), ('Sulaimaniyah', (35.561, 45.437)), ('Slemani', (35.561, 45.437)),
    ('Duhok', (36.867, 42.988)), ('Dohuk', (36.867, 42.988)), ('Tikrit', (34.616, 43.679)),
    ('Samarra', (34.198, 43.874)), ('Fallujah', (33.349, 43.784)), ('Falluja', (33.349, 43.784)),
    ('Ramadi', (33.42, 43.307)), ('Baquba', (33.746, 44.644)), ('Baqubah', (33.746, 44.644)),
    ('Najaf', (32.0, 44.336)), ('Karbala', (32.616, 44.024)), ('Kerbala', (32.616, 44.024)),
    ('Nasiriyah', (31.052, 46.257)), ('Nassiriya', (31.052, 46.257)), ('Basra', (30.508, 47.783)),
    ('Basrah', (30.508, 47.783)), ('Amarah', (31.836, 47.144)), ('Kut', (32.506, 45.825)),
    ('Hilla', (32.464, 44.42)), ('Haditha', (34.14, 42.38)), ('Tal Afar', (36.374, 42.449)),
    ('Tall Afar', (36.374, 42.449)), ('Hawija', (35.326, 43.778)), ('Hawijah', (35.326, 43.778)),
    ('Baiji', (34.929, 43.493)), ('Beiji', (34.929, 43.493)), ('Qaim', (34.37, 41.09)), ('al-Qaim', (34.37, 41.09)),
    ('Rutba', (33.037, 40.285)), ('Abu Ghraib', (33.29, 44.07)), ('Kadhimiya', (33.38, 44.34)),
    ('Sadr City', (33.39, 44.46)), ('Khanaqin', (34.348, 45.39)), ('Halabja', (35.178, 45.986)),
    ('Zakho', (37.144, 42.682)), ('Makhmour', (35.776, 43.58)), ('Qaraqosh', (36.269, 43.378)),
    ('Bakhdida', (36.269, 43.378)), ('Mayadeen', (35.02, 40.45)), ('al-Mayadin', (35.02, 40.45)),
    ('Deir Ezzor', (35.336, 40.141)), ('Deir al-Zor', (35.336, 40.141)), ('al-Omar oilfield', (35.08, 40.53)),
    ('Omar oil field', (35.08, 40.53)), ('al-Omar', (35.08, 40.53)),
]


@pytest.mark.parametrize(("name", "point"), SPELLINGS)
def test_war_zone_spellings_resolve_without_context(gazetteer, name, point):
    assert km(gazetteer.resolve(name), point) <= 15


def test_one_spelling_for_each_syrian_governorate(gazetteer):
    """The supplement's rows vote for the same governorate as GeoNames' towns ('Deir ez-Zor' is 'Dayr az Zawr')."""
    areas = {gazetteer.resolve(n).admin1 for n in ("Baghuz", "Deir ez-Zor", "al-Omar oilfield", "Mayadeen")}
    assert len(areas) == 1, areas


@pytest.mark.parametrize(
    ("name", "context", "point"),
    [
        ("Madaya", "Aid convoys reached Madaya and Zabadani, north-west of Damascus.", (33.688, 36.100)),
        ("Palmyra", "Islamic State fighters retook Palmyra and advanced on Homs province.", (34.560, 38.267)),
        ("Ariha", "Air strikes hit Ariha and Saraqib in Idlib province.", (35.812, 36.608)),
    ],
)
def test_namesakes_abroad_lose_to_the_syrian_town_the_text_is_about(gazetteer, name, context, point):
    assert km(gazetteer.resolve(name, context=context), point) <= 15


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the first word of an unknown Arabic name is not a place abroad ('Ain', a French departement)
        ("Kurdish fighters pulled out of Ain Dakhna and Tal Shair after the shelling.", ["Kurdish"]),
        ("Shelling hit Tal Rifaat and Ain Issa on Sunday.", ["Tal Rifaat", "Ain Issa"]),
        # a common English word, a surname or an office is no place unless something says so
        ("Most of the convoy reached the Chamber of Commerce, Jones said. Tom Jones is a driver.", []),
        ("Man charged after Christmas crash on the Interstate.", []),
        ("Police in Ohio said Capt. Roy A. Nelson found the car. Nelson said Taylor fled. Taylor told a friend.", ["Ohio"]),
        ("The grant pays for the Webb Center in Atlanta, Georgia.", ["Atlanta", "Georgia"]),
        ("A United Russia deputy met Free Syrian Army commanders; crowds chanted free Syria.", ["Syria"]),
        # ... but a list that ends in a kind, a cue, or the place's own police make it one
        ("Storms hit Clay, Grant and Swift counties overnight.", ["Clay", "Grant", "Swift"]),
        ("The Commerce police chief said the road to Dallas, Texas, was closed.", ["Commerce", "Dallas", "Texas"]),
    ],
)
def test_words_that_look_like_towns(gazetteer, text, found):
    assert [m.text for m in gazetteer.find_places(text)] == found


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Fighters from Iraq, Iran, Lebanon and Afghanistan joined the offensive in Syria.", "Iraq", "IQ"),
        ("Fighters from Iraq, Iran, Lebanon and Afghanistan joined the offensive in Syria.", "Lebanon", "LB"),
        ("Tehran and Isfahan protested as Russia sent envoys to Iraq.", "Iraq", "IQ"),
        ("Moscow said Russia would answer the sanctions.", "Russia", "RU"),
    ],
)
def test_a_country_named_exactly_stays_the_country(gazetteer, text, name, country):
    by_text = {m.text: m.place for m in gazetteer.find_places(text)}
    assert (by_text[name].country_code, by_text[name].feature_code) == (country, "PCLI")


def test_town_named_like_a_country_inside_a_local_story(gazetteer):
    text = ("Lebanon schedules spring clean-up. Residents of Lebanon, Zionsville and Whitestown in Boone County, "
            "Indiana, can leave heavy trash at the curb.")
    assert gazetteer.resolve("Lebanon", context=text).country_code == "US"


@pytest.mark.parametrize(
    ("name", "point", "max_km"),
    [
        ("Middle East", (29.0, 41.0), 500), ("EU", (50.85, 4.35), 50), ("Mediterranean", (35.0, 18.0), 500),
        ("Indian Ocean", (-10.0, 75.0), 1000), ("Euphrates", (35.5, 39.5), 300), ("Korean Peninsula", (37.5, 127.5), 300),
        ("Soviet Union", (55.75, 37.62), 100), ("DPRK", (40.0, 127.0), 200), ("Caucasus", (42.5, 44.5), 300),
        ("Persian Gulf", (26.5, 52.0), 300), ("Qandil Mountains", (36.45, 45.05), 30),
        # GeoNames' own points for first-order areas, not the middle of their towns
        ("Virginia", (37.55, -77.45), 100), ("Ontario", (49.25, -84.5), 100), ("Alaska", (64.0, -150.0), 100),
    ],
)
def test_regions_waters_and_usual_points(gazetteer, name, point, max_km):
    assert km(gazetteer.resolve(name), point) <= max_km


@pytest.mark.parametrize(
    ("name", "fcode"),
    [("Middle East", "RGN"), ("Atlantic", "OCN"), ("Pacific", "OCN"), ("EU", "ZN"), ("Kurdish", "RGN"),
     ("Korean", "PEN"), ("Sicilian", "ADM1"), ("Soviet", "PCLH")],
)
def test_regions_beat_small_towns_of_the_same_name(gazetteer, name, fcode):
    assert gazetteer.resolve(name).feature_code == fcode


@pytest.mark.parametrize(
    ("name", "context"),
    [
        ("Caribbean", "Hurricanes crossed the Caribbean toward Kentucky."),
        ("Institute", "She studied at the Institute in West Virginia."),
        ("EL", "EL PASO POLICE SAID THE MAN FLED TO MICHIGAN."),
        ("AREA", "AREA SCHOOLS IN ILLINOIS CLOSED."),
    ],
)
def test_loose_spellings_never_for_words_or_acronyms(gazetteer, name, context):
    place = gazetteer.resolve(name, context=context)
    assert place is None or place.confidence > 0 and not any(
        x in place.name for x in ("Corbin", "Springfield", "Yale", "Mundelein"))


@pytest.mark.parametrize(("word", "english"), [("Commerce", True), ("Most", True), ("Aleppo", False), ("Idlib", False)])
def test_english_words(word, english):
    assert is_english_word(word) is english


@pytest.mark.parametrize(("raw", "acronym"), [("EL", True), ("U.N.", True), ("AREA", True), ("Area", False)])
def test_acronyms(raw, acronym):
    assert is_acronym(raw) is acronym


@pytest.mark.parametrize(
    ("name", "context", "point"),
    [
        ("Heathrow", "Flights were cancelled at Heathrow as fog covered London.", (51.47, -0.46)),
        ("Gatwick Airport", None, (51.15, -0.19)),
        ("Damascus International Airport", None, (33.41, 36.52)),
    ],
)
def test_airports_from_packaged_data(gazetteer, name, context, point):
    place = gazetteer.resolve(name, context=context)
    assert place.feature_code in ("AIRP", "AIRB") and km(place, point) <= 10
