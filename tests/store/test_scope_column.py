"""The scope column: kept by the store, selected by the filter, added to stores made before it."""

from __future__ import annotations

import sqlite3

import pytest

from geo.records import Event, EventFilter
from geo.store.store import Store


def _event(event_id: str, scope: str, day: str = "2018-02-03") -> Event:
    return Event(event_id, "a-" + event_id, day, day, "day", "Explosions/Remote violence", "Air/drone strike",
                 actor1="Military Forces of Syria", place="Saraqeb", location="Saraqib", admin1="Idlib", country_code="SY",
                 lat=35.86, lon=36.8, geonameid="163345", geo_precision=1, sentence=f"Strike {event_id}.",
                 url=f"https://example.org/{event_id}", scope=scope)


@pytest.mark.parametrize("scopes, expected", [
    ((), {"news", "history", "national"}),
    (("event",), {"news"}),
    (("background", "country"), {"history", "national"}),
])
def test_filter_by_scope(scopes, expected):
    with Store(":memory:") as store:
        store.add_events([_event("news", "event"), _event("history", "background", "2016-05-01"),
                          _event("national", "country", "2018-01-10")], dedup=False)
        flt = EventFilter(scopes=scopes)
        assert set(store.query(flt)["event_id"]) == expected
        assert store.count(flt) == len(expected)
        assert int(store.count_by_day(flt)["n"].sum()) == len(expected)


def test_a_store_made_before_scopes_gets_the_column(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.add_events([_event("news", "event")], dedup=False)
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE events DROP COLUMN scope")
    db.commit()
    db.close()
    with Store(path) as store:
        assert list(store.query(EventFilter(scopes=("event",)))["event_id"]) == ["news"]
