"""The geopy-style geocoder and the CLI verbs over it (no test touches the network)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from geopy.location import Location

from geo.gazetteer.geocoder import OfflineGeocoder
from geo.settings import PROJECT_ROOT

from conftest import SEED_ARTICLE


@pytest.fixture(scope="module")
def geocoder(gazetteer):
    return OfflineGeocoder(gazetteer, online=False)


def test_geocode_returns_a_location_with_the_place_fields(geocoder):
    loc = geocoder.geocode("Maaret al-Numan", country="SY")
    assert isinstance(loc, Location) and abs(loc.latitude - 35.65) < 0.1 and abs(loc.longitude - 36.67) < 0.1
    for key in ("name", "lat", "lon", "geonameid", "country_code", "admin1", "feature_code", "population",
                "geo_precision", "where_prec", "confidence", "candidates"):
        assert key in loc.raw


def test_geocode_uses_context_and_lists(geocoder):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    assert geocoder.geocode("Tripoli", context=text).raw["country_code"] == "LB"
    many = geocoder.geocode("Tripoli", exactly_one=False)
    assert isinstance(many, list) and len(many) >= 2 and all(isinstance(x, Location) for x in many)


@pytest.mark.parametrize("bad", ["", "  ", "Qwzxvbnmq", "x" * 100_000, "\x00", None])
def test_nothing_found_is_none_never_an_empty_list(geocoder, bad):
    assert geocoder.geocode(bad) is None
    assert geocoder.geocode(bad, exactly_one=False) is None


def test_reverse(geocoder):
    loc = geocoder.reverse((36.51, 36.87))
    assert "Afr" in loc.raw["name"]
    assert geocoder.reverse("36.51, 36.87").raw["name"] == loc.raw["name"]
    assert geocoder.reverse("nonsense") is None


def test_online_fallback_only_when_enabled_and_asks_once(gazetteer, tmp_path):
    calls = []

    class Answer:
        latitude, longitude = 12.5, 42.25
        raw = {"address": {"country_code": "er", "state": "Southern Red Sea"}}

    def fake_lookup(query, **kwargs):
        calls.append(query)
        return Answer()

    off = OfflineGeocoder(gazetteer, online=False, online_lookup=fake_lookup)
    assert off.geocode("Zzyzxqor Wadi") is None and calls == []
    import sqlite3

    from geo.gazetteer.lookup import Gazetteer

    path = tmp_path / "gaz.sqlite"
    dst = sqlite3.connect(path)
    sqlite3.connect(gazetteer.path).backup(dst)
    dst.close()
    on = OfflineGeocoder(Gazetteer.open(path, build=False), online=True, online_lookup=fake_lookup)
    first = on.geocode("Zzyzxqor Wadi")
    assert first.raw["country_code"] == "ER" and first.raw["source"] == "nominatim"
    assert on.geocode("Zzyzxqor Wadi").raw["geonameid"] == first.raw["geonameid"]
    assert calls == ["Zzyzxqor Wadi"]  # cached in the gazetteer's user entries


def _cli(*args: str, env_path=None) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ)
    if env_path:
        env["GEO_GAZETTEER"] = str(env_path)
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=120, env=env)


def test_cli_geocode(gazetteer):
    out = _cli("geocode", "Abu Dhuhur airbase", "--country", "SY", env_path=gazetteer.path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["feature_code"] == "AIRB" and abs(data["lat"] - 35.73) < 0.1
    ctx = _cli("geocode", "Paris", "--context", "Storms hit Paris, Texas and Dallas.", env_path=gazetteer.path)
    assert json.loads(ctx.stdout)["country_code"] == "US"


@pytest.mark.parametrize("bad", ["", "Qwzxvbnmq", "'; DROP TABLE places; --"])
def test_cli_geocode_bad_input_is_one_line_and_exit_1(gazetteer, bad):
    out = _cli("geocode", bad, env_path=gazetteer.path)
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
