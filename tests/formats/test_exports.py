"""Exports: CSV, RFC 7946 GeoJSON, KML and ACLED-format CSV, and the `events` verb."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from geo import EVENT_FIELDS, Event, EventFilter, StoreError
from geo.cli import main
from geo.formats.exports import export_events, write_acled, write_csv, write_geojson, write_kml
from geo.formats.acled import ACLED_COLUMNS
from geo.formats.imports import import_file
from geo.store.store import Store

KML = "{http://www.opengis.net/kml/2.2}"

EVENTS = [
    Event("SYR1", "a1", "2018-02-03", "2018-02-03", "day", "Explosions/Remote violence", "Air/drone strike",
          actor1="Military Forces of Russia", actor2="Civilians (Syria)", place="Maaret al-Numan",
          location="Ma'arrat an Nu'man", admin1="Idlib", country_code="SY", lat=35.6436, lon=36.6705,
          fatalities=4, sentence='Jets struck <b>"Maaret"</b> & fled\x07.', source="SOHR", url="https://e.org/1",
          confidence=0.9),
    Event("SYR2", "a2", "2018-02-01", "2018-02-28", "month", "Displacement", "Population displacement",
          actor1="Civilians (Syria)", place="Idlib", location="Idlib", admin1="Idlib", country_code="SY",
          lat=35.9306, lon=36.6339, sentence="More than 270,000 displaced.", confidence=0.7),
    Event("IRQ1", "a3", "2017-07-10", "2017-07-16", "week", "Protests", "Peaceful protest",
          actor1="Protesters (Iraq)", place="Mosul", location="Mosul", country_code="IQ", lat=36.335, lon=43.119),
    Event("X1", "a4", "2018-03-01", "2018-03-01", "day", "Strategic developments", "Agreement", actor1="UN"),
]


@pytest.fixture()
def store():
    with Store(":memory:") as s:
        s.add_events(EVENTS, dedup=False)
        yield s


def render(writer, df) -> str:
    buf = io.StringIO()
    writer(df, buf)
    return buf.getvalue()


def test_csv_has_every_field(store):
    df = pd.read_csv(io.StringIO(render(write_csv, store.query())), keep_default_na=False)
    assert list(df.columns) == list(EVENT_FIELDS) + ["n_sources"]
    assert sorted(df["event_id"]) == sorted(e.event_id for e in EVENTS)


def test_geojson_is_rfc7946(store):
    def no_nan(token):
        raise AssertionError(f"{token} is not JSON")

    doc = json.loads(render(write_geojson, store.query()), parse_constant=no_nan)
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    by_id = {f["id"]: f for f in doc["features"]}
    assert set(by_id) == {e.event_id for e in EVENTS}
    strike = by_id["SYR1"]
    assert strike["type"] == "Feature"
    assert strike["geometry"] == {"type": "Point", "coordinates": [36.6705, 35.6436]}  # [lon, lat]
    assert strike["properties"]["sentence"] == EVENTS[0].sentence
    assert "lat" not in strike["properties"] and strike["properties"]["n_sources"] == 1
    assert by_id["X1"]["geometry"] is None


def test_kml_parses_escapes_hostile_text_and_carries_time(store):
    text = render(write_kml, store.query())
    root = ET.fromstring(text.encode("utf-8"))
    marks = root.findall(f"{KML}Document/{KML}Placemark")
    assert len(marks) == 3  # the event without coordinates has nothing to show
    strike = next(m for m in marks if m.get("id") == "e-SYR1")
    description = strike.findtext(f"{KML}description")  # HTML of escaped text: a viewer shows the tags as text
    assert description.endswith("<br/>Jets struck &lt;b&gt;&quot;Maaret&quot;&lt;/b&gt; &amp; fled.")  # control char dropped
    assert "<b>" not in description.split("<br/>", 1)[1]
    assert strike.findtext(f"{KML}Point/{KML}coordinates") == "36.670500,35.643600"
    assert strike.findtext(f"{KML}TimeSpan/{KML}begin") == "2018-02-03"
    data = {d.get("name"): d.findtext(f"{KML}value") for d in strike.iter(f"{KML}Data")}
    assert data["actor1"] == "Military Forces of Russia" and data["fatalities"] == "4"


def test_acled_export_has_acleds_columns_and_reimports_to_the_same_events(store, tmp_path):
    text = render(write_acled, store.query())
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(ACLED_COLUMNS)
    strike = next(r for r in rows if r["event_id_cnty"] == "SYR1")
    assert (strike["iso"], strike["country"], strike["disorder_type"], strike["time_precision"]) == (
        "760", "Syria", "Political violence", "1")
    path = tmp_path / "acled.csv"
    path.write_text(text, encoding="utf-8")
    with Store(":memory:") as other:
        report = import_file(other, path, "acled")
        assert (report.added, report.rejected) == (4, [])
        keep = ["event_id", "date_start", "date_end", "date_precision", "event_type", "sub_event_type", "actor1",
                "actor2", "admin1", "country_code", "lat", "lon", "fatalities", "sentence", "source"]
        before = store.query()[keep].set_index("event_id").sort_index()
        before["sentence"] = before["sentence"].str.replace("\x07", "")  # imports drop control characters
        after = other.query()[keep].set_index("event_id").sort_index()
        pd.testing.assert_frame_equal(before, after)


def test_export_to_a_file_is_atomic(store, tmp_path):
    out = tmp_path / "events.geojson"
    out.write_text("old")
    assert export_events(store, EventFilter(countries=("SY",)), "geojson", out) == 2
    assert len(json.loads(out.read_text())["features"]) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["events.geojson"]  # no temporary file left

    def boom(df, fh):
        fh.write("half")
        raise OSError(28, "No space left on device")

    import geo.formats.exports

    geo.formats.exports.WRITERS["boom"] = boom
    try:
        with pytest.raises(StoreError, match="No space left on device; nothing was written"):
            export_events(store, EventFilter(), "boom", out)
    finally:
        del geo.formats.exports.WRITERS["boom"]
    assert len(json.loads(out.read_text())["features"]) == 2  # the previous file is intact
    assert [p.name for p in tmp_path.iterdir()] == ["events.geojson"]
    with pytest.raises(StoreError, match="cannot write"):
        export_events(store, EventFilter(), "csv", tmp_path / "missing-dir" / "x.csv")


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "events.db"
    with Store(path) as s:
        s.add_events(EVENTS, dedup=False)
    return str(path)


@pytest.mark.parametrize(
    "args, ids",
    [
        ([], {"SYR1", "SYR2", "IRQ1", "X1"}),
        (["--country", "sy"], {"SYR1", "SYR2"}),
        (["--from", "2018-02-10", "--to", "2018-02-20"], {"SYR2"}),
        (["--actor", "UN", "--actor", "Protesters (Iraq)"], {"X1", "IRQ1"}),
        (["--type", "Protests"], {"IRQ1"}),
        (["--admin1", "Idlib", "--text", "jets"], {"SYR1"}),
        (["--bbox", "35,36,36,37"], {"SYR1", "SYR2"}),
        (["--min-confidence", "0.8"], {"SYR1"}),
        (["--limit", "1"], {"IRQ1"}),
    ],
)
def test_cli_events_filters(db, capsys, args, ids):
    assert main(["events", "--db", db, *args]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    assert set(df["event_id"]) == ids


@pytest.mark.parametrize("fmt", ["csv", "geojson", "kml", "acled"])
def test_cli_events_out_file(db, tmp_path, capsys, fmt):
    out = tmp_path / f"out.{fmt}"
    assert main(["events", "--db", db, "--format", fmt, "--out", str(out)]) == 0
    assert out.stat().st_size > 100
    assert f"({fmt}, 4 events)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--bbox", "36,36,35,37"], "--bbox south must be below north"),
        (["--bbox", "1,2,3"], "--bbox must be four numbers S,W,N,E"),
        (["--from", "03/02/2018"], "dates must be YYYY-MM-DD: '03/02/2018'"),
        (["--db", "/nonexistent/events.db"], "no event store at '/nonexistent/events.db'"),
    ],
)
def test_cli_events_bad_arguments(db, capsys, args, message):
    assert main(["events", "--db", db, *args]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
