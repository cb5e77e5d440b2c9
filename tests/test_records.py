from dataclasses import FrozenInstanceError

import pytest

from geo import EVENT_FIELDS, Event, Place

CONTRACT = (
    "event_id article_id date_start date_end date_precision event_type sub_event_type actor1 actor2 "
    "assoc_actor1 assoc_actor2 place location admin1 country_code lat lon geonameid geo_precision "
    "fatalities sentence source url confidence scope"
).split()


def test_event_fields_are_the_contract():
    assert list(EVENT_FIELDS) == CONTRACT


def test_records_are_frozen():
    p = Place("Idlib", 35.93, 36.63, "169388", "SY")
    with pytest.raises(FrozenInstanceError):
        p.name = "x"  # type: ignore[misc]


def test_place_to_dict_carries_candidates():
    runner_up = Place("Idlib", 35.8, 36.5, "169389", "SY", feature_code="ADM1")
    p = Place("Idlib", 35.93, 36.63, "169388", "SY", candidates=(runner_up,))
    d = p.to_dict()
    assert d["candidates"][0]["feature_code"] == "ADM1"
    assert "candidates" not in d["candidates"][0]


def test_event_to_dict_round_trip():
    e = Event("e1", "a1", "2018-02-03", "2018-02-03", "day", "Battles", "Armed clash")
    assert Event(**e.to_dict()) == e
