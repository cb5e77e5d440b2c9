"""Shared fixtures. Each helper module's fixtures live in its own test file unless shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.records import Event as _Event
from geo.settings import PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"
SEEDS = PROJECT_ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_7a9f1f2f1cb3dd00.txt"

# Reference points of the seed article's places, from maps (not from our gazetteer): lat, lon.
IDLIB_CITY = (35.9306, 36.6339)
MAARET_AL_NUMAN = (35.6436, 36.6711)
ABU_DHUHUR_AIRBASE = (35.7319, 37.1042)
AFRIN = (36.5119, 36.8697)


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """The team's evaluation data; absent in a user's clone, present in CI."""
    path = SHARED / "eval"
    if not path.is_dir():
        pytest.skip("../shared/eval is absent (a user's clone): evaluation tests skipped")
    return path


@pytest.fixture(scope="session")
def gazetteer():
    """The real gazetteer, built once into data/ (as on the app's first start) and shared."""
    from geo.gazetteer.lookup import Gazetteer

    return Gazetteer.open()


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (skipped where none is installed)."""
    from geo.errors import SnapshotError
    from geo.render.browser import find_chromium, launch

    try:
        find_chromium()
    except SnapshotError as exc:
        pytest.skip(str(exc))
    b = launch()
    yield b
    b.close()


@pytest.fixture(scope="session")
def basemap_tiles():
    """The offline basemap's tiles, built once into data/ (as on the app's first start) and shared."""
    from geo.render.basemap import ensure_tiles

    return ensure_tiles()


# A small store's worth of events for the app's tests (one with hostile text in its sentence).
EVENTS = [
    _Event("e1", "a1", "2018-01-05", "2018-01-05", "day", "Explosions/Remote violence", "Air/drone strike",
          "Military Forces of Syria", "Civilians (Syria)", place="Maaret al-Numan", location="Maarat an Nu'man",
          admin1="Idlib", country_code="SY", lat=35.6476, lon=36.6749, geo_precision=1, fatalities=4,
          sentence="Air strikes hit Maaret al-Numan <script>alert(1)</script>.", source="Wire", url="https://example.org/1"),
    _Event("e2", "a1", "2018-01-20", "2018-01-20", "day", "Battles", "Armed clash",
          "Military Forces of Turkey", "YPG", place="Afrin", location="Afrin", admin1="Aleppo",
          country_code="SY", lat=36.5119, lon=36.8695, geo_precision=2, fatalities=0,
          sentence="Turkey launched an operation on Afrin.", source="Wire"),
    _Event("e3", "a2", "2018-01-21", "2018-01-21", "day", "Strategic developments", "Government regains territory",
          "Military Forces of Syria", "HTS", place="Abu Dhuhur", location="Abu Dhuhur", admin1="Idlib",
          country_code="SY", lat=35.7377, lon=37.0488, geo_precision=1, fatalities=0,
          sentence="The army retook the airbase of Abu Dhuhur.", source="Wire"),
    _Event("e4", "a3", "2018-02-03", "2018-02-03", "day", "Battles", "Armed clash",
          "HTS", "Military Forces of Russia", place="Maaret al-Numan", location="Maarat an Nu'man",
          admin1="Idlib", country_code="SY", lat=35.6476, lon=36.6749, geo_precision=2, fatalities=1,
          sentence="Fighters shot down a Su-25 near Maaret al-Numan.", source="Wire"),
    _Event("e5", "a4", "2018-03-01", "2018-03-01", "day", "Battles", "Armed clash",
          "Military Forces of Turkey", "YPG", place="Jinderes", location="Jindayris", admin1="Aleppo",
          country_code="SY", lat=36.3948, lon=36.6936, geo_precision=1, fatalities=2,
          sentence="Turkish forces entered Jinderes.", source="Wire"),
]


# --- map and snapshot tests ---------------------------------------------------------------

def _seed_event(event_id, day, event_type, sub, actor1, actor2, place, location, lat, lon, precision, dead, sentence, url):
    return dict(
        event_id=event_id, article_id="000_7a9f1f2f1cb3dd00", date_start=day, date_end=day, date_precision="day",
        event_type=event_type, sub_event_type=sub, actor1=actor1, actor2=actor2, assoc_actor1="", assoc_actor2="",
        place=place, location=location, admin1="Idlib" if lon < 36.8 or lat < 36 else "Aleppo", country_code="SY",
        lat=lat, lon=lon, geonameid="", geo_precision=precision, fatalities=dead, sentence=sentence,
        source="seed", url=url, confidence=0.8,
    )


@pytest.fixture()
def seed_frame():
    """The seed article's events as a DataFrame, coded by hand (the extraction is tested on its own)."""
    import pandas as pd

    rows = [
        _seed_event("seed-1", "2018-02-03", "Explosions/Remote violence", "Air/drone strike",
                    "Opposition fighters", "Military Forces of Russia", "Maaret al-Numan", "Ma'arrat an Nu'man",
                    35.6436, 36.6705, 1, 1,
                    "The Su25 aircraft was allegedly downed by opposition fire near the town of Maaret al-Numan.",
                    "https://example.org/seed"),
        _seed_event("seed-2", "2018-01-20", "Battles", "Government regains territory",
                    "Military Forces of Syria", "Opposition fighters", "Abu Dhuhur", "Abu ad Duhur",
                    35.7300, 37.0450, 2, 0,
                    "The Syrian army last month retook control of the strategic airbase of Abu Dhuhur.",
                    "https://example.org/seed"),
        _seed_event("seed-3", "2018-01-20", "Battles", "Armed clash",
                    "Military Forces of Turkey", "YPG", "Afrin", "Afrin", 36.5119, 36.8694, 2, 0,
                    "On Jan. 20, Turkey launched Operation Olive Branch to clear YPG fighters from Afrin.",
                    "https://example.org/seed"),
        _seed_event("seed-4", "2018-02-01", "Displacement", "Population displacement",
                    "Civilians (Syria)", "", "Idlib", "Idlib", 35.9306, 36.6339, 3, 0,
                    "The U.N. says more than 270,000 have been displaced in Idlib since Dec. 15.",
                    "https://example.org/seed"),
    ]
    return pd.DataFrame(rows)
