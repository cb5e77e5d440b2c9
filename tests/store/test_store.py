"""The SQLite event store: filters, dedup across articles, idempotence, transactions, bad input."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from conftest import SEED_ARTICLE
from geo import EVENT_FIELDS, Event, EventFilter, Place, StoreError, pipeline
from geo.settings import PROJECT_ROOT
from geo.store.store import Store


@pytest.fixture(scope="session")
def pg_url():
    """A throw-away PostgreSQL server (the shared-database setting); skipped where none can start."""
    if os.environ.get("GEO_TEST_PG"):
        yield os.environ["GEO_TEST_PG"]
        return
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    initdb = shutil.which("initdb") or next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))), None)
    if initdb is None:
        pytest.skip("no PostgreSQL server on this machine")
    bindir, base = Path(initdb).parent, Path(tempfile.mkdtemp(prefix="geo-pg-"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    start = (f"{bindir}/initdb -D {base}/data -A trust -U postgres > {base}/initdb.log 2>&1 && "
             f"{bindir}/pg_ctl -D {base}/data -w -o '-k {base} -p {port} -c listen_addresses=' -l {base}/log start")
    as_user = []
    if os.geteuid() == 0:  # the server refuses to run as root
        user = pwd.getpwnam("postgres") if "postgres" in {p.pw_name for p in pwd.getpwall()} else None
        if user is None:
            pytest.skip("running as root and there is no postgres user to start a server")
        os.chown(base, user.pw_uid, user.pw_gid)
        as_user = ["su", "postgres", "-s", "/bin/sh", "-c"]
    if subprocess.run([*(as_user or ["sh", "-c"]), start], capture_output=True, timeout=120).returncode:
        pytest.skip(f"PostgreSQL did not start: {(base / 'log').read_text()[-300:] if (base / 'log').exists() else ''}")
    yield f"postgresql://postgres@/postgres?host={base}&port={port}"
    subprocess.run([*(as_user or ["sh", "-c"]), f"{bindir}/pg_ctl -D {base}/data -m immediate stop"],
                   capture_output=True, timeout=60)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request):
    """A fresh store: in memory, and the same tests again on PostgreSQL (`GEO_DB=postgresql://...`)."""
    if request.param == "sqlite":
        with Store(":memory:") as s:
            yield s
        return
    import psycopg

    url = request.getfixturevalue("pg_url")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    with Store(url) as s:
        yield s


def ev(event_id: str, **kw) -> Event:
    base = dict(
        article_id="art-" + event_id, date_start="2018-02-03", date_end="2018-02-03", date_precision="day",
        event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        actor1="Military Forces of Russia", actor2="", place="Maaret al-Numan", location="Ma'arrat an Nu'man",
        admin1="Idlib", country_code="SY", lat=35.6436, lon=36.6705, geonameid="169304", geo_precision=1,
        fatalities=1, sentence=f"Sentence of {event_id}.", source="wire", url=f"https://example.org/{event_id}",
        confidence=0.8,
    )
    base.update(kw)
    return Event(event_id, **base)


# A small world: each filter below selects a known subset.
WORLD = [
    ev("idlib-strike"),
    ev("afrin-clash", event_type="Battles", sub_event_type="Armed clash", actor1="Military Forces of Turkey",
       actor2="YPG", place="Afrin", location="Afrin", admin1="Aleppo", lat=36.5119, lon=36.8694,
       date_start="2018-01-20", date_end="2018-01-20", confidence=0.5),
    ev("ghouta-month", place="Eastern Ghouta", location="Eastern Ghouta", admin1="Rif Dimashq", lat=33.55,
       lon=36.45, date_start="2018-02-01", date_end="2018-02-28", date_precision="month",
       sentence="Air strikes on Eastern Ghouta killed 50% of ..."),
    ev("mosul-protest", event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Iraq)",
       place="Mosul", location="Mosul", admin1="Nineveh", country_code="IQ", lat=36.335, lon=43.119,
       date_start="2017-07-10", date_end="2017-07-10", fatalities=0, confidence=0.3),
    ev("fiji-riot", event_type="Riots", sub_event_type="Mob violence", actor1="Rioters (Fiji)",
       assoc_actor2="Police Forces of Fiji", place="Labasa", location="Labasa", admin1="Northern",
       country_code="FJ", lat=-16.43, lon=179.36, date_start="2019-05-05", date_end="2019-05-05"),
    ev("nowhere", event_type="Strategic developments", sub_event_type="Agreement", actor1="UN",
       place="", location="", admin1="", country_code="", lat=None, lon=None, date_start="2018-03-01",
       date_end="2018-03-01"),
]


@pytest.fixture()
def world(store):
    report = store.add_events(WORLD, dedup=False)
    assert (report.added, report.rejected) == (len(WORLD), [])
    return store


def test_query_returns_every_field_as_stored(world):
    df = world.query()
    assert list(df.columns) == list(EVENT_FIELDS) + ["n_sources"]
    got = {r["event_id"]: r for r in df.to_dict("records")}
    for e in WORLD:
        row = dict(got[e.event_id])
        assert row.pop("n_sources") == 1
        if e.lat is None:
            assert pd.isna(row.pop("lat")) and pd.isna(row.pop("lon"))
            row.update(lat=None, lon=None)
        assert Event(**row) == e


@pytest.mark.parametrize(
    "flt, expected",
    [
        (EventFilter(), {e.event_id for e in WORLD}),
        (EventFilter(date_from="2018-02-03", date_to="2018-02-03"), {"idlib-strike", "ghouta-month"}),
        (EventFilter(date_from="2018-02-10"), {"ghouta-month", "nowhere", "fiji-riot"}),
        (EventFilter(date_to="2018-01-31"), {"afrin-clash", "mosul-protest"}),
        (EventFilter(countries=("IQ", "FJ")), {"mosul-protest", "fiji-riot"}),
        (EventFilter(countries=("SY",), date_from="2018-02-01", date_to="2018-02-28"), {"idlib-strike", "ghouta-month"}),
        (EventFilter(admin1=("Aleppo",)), {"afrin-clash"}),
        (EventFilter(actors=("YPG",)), {"afrin-clash"}),
        (EventFilter(actors=("Police Forces of Fiji", "Protesters (Iraq)")), {"fiji-riot", "mosul-protest"}),
        (EventFilter(event_types=("Battles", "Protests")), {"afrin-clash", "mosul-protest"}),
        (EventFilter(bbox=(35.5, 36.5, 36.6, 37.0)), {"idlib-strike", "afrin-clash"}),
        (EventFilter(bbox=(35.5, 36.5, 36.6, 37.0), date_from="2018-02-01"), {"idlib-strike"}),
        (EventFilter(bbox=(-20, 170, -10, -170)), {"fiji-riot"}),  # across the antimeridian
        (EventFilter(bbox=(-20, -170, -10, 170)), set()),
        (EventFilter(text="ghouta"), {"ghouta-month"}),
        (EventFilter(text="50%"), {"ghouta-month"}),  # LIKE wildcards are literal
        (EventFilter(text="5_%"), set()),
        (EventFilter(text="ypg"), {"afrin-clash"}),
        (EventFilter(min_confidence=0.6), {"idlib-strike", "ghouta-month", "fiji-riot", "nowhere"}),
        (EventFilter(event_types=("Battles",), actors=("Nobody",)), set()),
    ],
)
def test_filters(world, flt, expected):
    assert set(world.query(flt)["event_id"]) == expected
    assert world.count(flt) == len(expected)


@pytest.mark.parametrize(
    "flt, expected",
    [
        (EventFilter(date_from="2016-06-01", date_to="2016-06-30"), {"siege"}),
        (EventFilter(date_from="2018-02-03", date_to="2018-02-03", countries=("SY",)),
         {"siege", "idlib-strike", "ghouta-month"}),
        (EventFilter(date_from="2018-02-21"), {"fiji-riot", "nowhere", "ghouta-month"}),
        (EventFilter(date_from="2016-01-01", bbox=(33, 36, 34, 37)), {"siege", "ghouta-month"}),
        (EventFilter(date_from="2016-01-01", date_to="2016-12-31", actors=("Military Forces of Syria",)), {"siege"}),
    ],
)
def test_long_events_overlap_every_range_they_cover(world, flt, expected):
    """A five-year event ("besieged since 2013") is found by a month query inside it."""
    world.add_events([ev("siege", date_start="2013-01-01", date_end="2018-02-20", date_precision="year",
                         actor1="Military Forces of Syria", place="Jobar", lat=33.52, lon=36.32)], dedup=False)
    assert set(world.query(flt)["event_id"]) == expected
    assert world.count(flt) == len(expected)


def test_geo_db_may_name_a_postgresql_database(pg_url, monkeypatch, capsys):
    """The one connection setting: the same store API and CLI on a shared PostgreSQL database."""
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    monkeypatch.setenv("GEO_DB", pg_url)
    with Store() as s:
        assert s.add_events(WORLD[:2]).added == 2
    from geo.cli import main

    assert main(["events", "--db", pg_url, "--country", "SY", "--format", "geojson"]) == 0
    assert '"id": "idlib-strike"' in capsys.readouterr().out
    with pytest.raises(StoreError, match=r"cannot open event store 'postgresql://u:\*\*\*@nowhere"):
        Store("postgresql://u:secret@nowhere.invalid/db", timeout=1)


def test_limit_and_order(world):
    df = world.query(EventFilter(limit=2))
    assert list(df["event_id"]) == ["mosul-protest", "afrin-clash"]  # oldest first
    assert world.count(EventFilter(limit=2)) == 2


def test_query_columns_subset(world):
    df = world.query(EventFilter(countries=("SY",)), columns=["event_id", "lat", "lon"])
    assert list(df.columns) == ["event_id", "lat", "lon"] and len(df) == 3
    with pytest.raises(StoreError, match="unknown column"):
        world.query(columns=["event_id", "id; DROP TABLE events"])


@pytest.mark.parametrize(
    "flt",
    [EventFilter(), EventFilter(countries=("SY",)), EventFilter(event_types=("Battles",), date_from="2018-01-01"),
     EventFilter(actors=("YPG",)), EventFilter(bbox=(30, 30, 40, 40))],
)
def test_count_by_day_agrees_with_the_events(world, flt):
    """Aggregated from `daily` or scanned: the same numbers as grouping the query result."""
    got = world.count_by_day(flt)
    df = world.query(flt)
    want = df.groupby(["date_start", "event_type"]).size().reset_index(name="n")
    want.columns = ["day", "event_type", "n"]
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_dtype=False)


def test_span_and_distinct(world, store):
    assert world.span() == ("2017-07-10", "2019-05-05")
    assert world.distinct("actor") == sorted(
        {"Military Forces of Russia", "Military Forces of Turkey", "YPG", "Protesters (Iraq)", "Rioters (Fiji)",
         "Police Forces of Fiji", "UN"}
    )
    assert world.distinct("country_code") == ["FJ", "IQ", "SY"]
    assert "Displacement" not in world.distinct("event_type")
    with pytest.raises(StoreError, match="unknown column 'sentence; --'"):
        world.distinct("sentence; --")
    assert Store(":memory:").span() is None


def test_bad_bbox_is_a_store_error(world):
    with pytest.raises(StoreError, match="south is above north"):
        world.query(EventFilter(bbox=(40, 30, 30, 40)))


# --- dedup across articles ------------------------------------------------------------------

@pytest.mark.parametrize(
    "second, merged",
    [
        (dict(), True),
        (dict(lat=35.68, lon=36.70), True),  # ~5 km away
        (dict(lat=35.80, lon=36.67), False),  # ~17 km away
        (dict(date_start="2018-02-01", date_end="2018-02-28", date_precision="month"), True),
        (dict(date_start="2018-02-04", date_end="2018-02-04"), False),
        (dict(sub_event_type="Shelling/artillery/missile attack"), False),
        (dict(event_type="Battles", sub_event_type="Armed clash"), False),
        (dict(actor2="Opposition fighters"), True),  # adds an actor: compatible
        (dict(actor1="Military Forces of Syria"), False),  # another perpetrator
        (dict(actor1=""), True),  # unknown actors fit anyone
    ],
)
def test_cross_article_dedup(store, second, merged):
    store.add_events([ev("a")], article_id="A", content_hash="hash-A")
    report = store.add_events([ev("b", **second)], article_id="B", content_hash="hash-B")
    assert (report.added, report.merged) == ((0, 1) if merged else (1, 0))
    assert store.count() == (1 if merged else 2)


def test_merged_event_keeps_every_source_and_sentence(store):
    store.add_events([ev("a", date_start="2018-02-01", date_end="2018-02-28", date_precision="month")])
    store.add_events([ev("b", actor2="Opposition fighters", fatalities=3, sentence="Second report.", source="AFP")])
    (row,) = store.query().to_dict("records")
    assert row["n_sources"] == 2
    assert (row["date_start"], row["date_precision"]) == ("2018-02-03", "day")  # the finer date wins
    assert (row["actor2"], row["fatalities"]) == ("Opposition fighters", 3)
    src = store.sources("a")
    assert list(src.columns) == ["article_id", "source", "url", "sentence"]
    assert list(src["sentence"]) == ["Sentence of a.", "Second report."]
    assert list(src["source"]) == ["wire", "AFP"]
    # the daily counts follow the date that moved
    assert list(store.count_by_day()["day"]) == ["2018-02-03"]


def test_events_without_coordinates_merge_by_place_name(store):
    store.add_events([ev("a", lat=None, lon=None, place="Khan al-Subul")])
    report = store.add_events([ev("b", lat=None, lon=None, place="khan al-subul")])
    assert report.merged == 1


# --- idempotence ----------------------------------------------------------------------------

def test_same_article_twice_adds_nothing(store):
    first = store.add_events([ev("a"), ev("x", place="Afrin", lat=36.51, lon=36.87)], article_id="A", content_hash="h")
    again = store.add_events([ev("a"), ev("x", place="Afrin", lat=36.51, lon=36.87)], article_id="A", content_hash="h")
    assert (first.added, again.added, again.skipped) == (2, 0, 2)
    assert store.count() == 2


def test_known_event_ids_are_skipped(store):
    store.add_events([ev("a"), ev("b")])  # b merges into a
    report = store.add_events([ev("a"), ev("b")])
    assert (report.skipped, report.added, report.merged) == (2, 0, 0)
    assert store.query()["n_sources"].tolist() == [2]


# --- validation -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "change, message",
    [
        (dict(date_start="2018-13-01"), "'2018-13-01' is not an ISO date"),
        (dict(date_start="1066-10-14", date_end="1066-10-14"), "out of range"),
        (dict(date_start="2999-01-01", date_end="2999-01-01"), "out of range"),
        (dict(date_end="2018-02-01"), "before date_start"),
        (dict(lat=91.0), "latitude 91.0 outside"),
        (dict(lon=-180.5), "longitude -180.5 outside"),
        (dict(lat=None), "half a coordinate"),
        (dict(event_type="Bombing"), "unknown event_type 'Bombing'"),
        (dict(date_precision="decade"), "date_precision 'decade'"),
        (dict(scope="history"), "scope 'history' is not one of event, background, country"),
    ],
)
def test_bad_events_are_rejected_alone(store, change, message):
    report = store.add_events([ev("good"), ev("bad", **change), ev("good2", place="Afrin", lat=36.5, lon=36.9)])
    assert report.added == 2
    assert len(report.rejected) == 1 and message in report.rejected[0] and "'bad'" in report.rejected[0]


# --- re-resolve after a gazetteer correction ------------------------------------------------

class FixedGazetteer:
    """A gazetteer that knows one corrected place."""

    def __init__(self, name: str, place: Place):
        self.name, self.place, self.calls = name, place, []

    def resolve(self, name, *, country=None, admin1=None, kind=None, context=None):
        self.calls.append((name, context))
        return self.place if name.casefold() == self.name.casefold() else None


def test_re_resolve_moves_only_the_named_events(world):
    fixed = Place("Ma'arrat al-Nu'man", 35.6480, 36.6740, "sup:42", "SY", admin1="Idlib", geo_precision=1)
    gaz = FixedGazetteer("Maaret al-Numan", fixed)
    assert pipeline.re_resolve(world, gaz, names=["Maaret al-Numan"]) == 1
    row = world.query(EventFilter(text="Sentence of idlib-strike")).iloc[0]
    assert (row["lat"], row["lon"], row["geonameid"], row["location"]) == (35.648, 36.674, "sup:42", fixed.name)
    assert gaz.calls == [("Maaret al-Numan", "Sentence of idlib-strike.")]
    assert pipeline.re_resolve(world, gaz, names=["Maaret al-Numan"]) == 0  # nothing left to change
    assert world.count() == len(WORLD)  # moved, not duplicated
    world.add_events([ev("SYR1", article_id="acled:SYR1", lat=35.60, lon=36.60)], dedup=False)
    assert pipeline.re_resolve(world, gaz, names=["Maaret al-Numan"]) == 0  # ACLED's own coding is kept
    assert world.count(EventFilter(bbox=(35.647, 36.673, 35.649, 36.675))) == 1  # the R*Tree followed


# --- ingest ---------------------------------------------------------------------------------

def fake_extract(article, gazetteer):
    """One event per article line that names a known place (the real extractor is tested on its own)."""
    out = []
    for i, line in enumerate(article.text.splitlines()):
        place = gazetteer.resolve(line.split(" in ")[-1].strip(". "), context=line)
        if place is not None:
            out.append(ev(f"{article.article_id}-{i}", article_id=article.article_id, date_start=article.date,
                          date_end=article.date, place=line.split(" in ")[-1].strip(". "), location=place.name,
                          lat=place.lat, lon=place.lon, geonameid=place.geonameid, sentence=line, source="", url=""))
    return out


def test_ingest_is_idempotent_and_re_resolves_after_a_correction(store, tmp_path):
    from geo.extract.articles import Article

    old = Place("Ma'arrat an Nu'man", 35.6436, 36.6705, "169304", "SY")
    arts = [Article("a1", "2018-02-03", "Jets struck in Maaret al-Numan."),
            Article("a2", "2018-02-03", "Russian jets bombed in Maaret al-Numan.", source="AFP")]
    first = pipeline.ingest_articles(store, arts, FixedGazetteer("Maaret al-Numan", old), extract=fake_extract)
    assert (first.added, first.merged) == (1, 1)
    assert store.sources("a1-0")["source"].tolist() == ["", "AFP"]  # the article's source fills the event's
    again = pipeline.ingest_articles(store, arts, FixedGazetteer("Maaret al-Numan", old), extract=fake_extract)
    assert (again.added, again.merged, again.skipped, again.updated) == (0, 0, 2, 0)
    new = replace(old, lat=35.6480, geonameid="sup:42")
    fixed = pipeline.ingest_articles(store, arts, FixedGazetteer("Maaret al-Numan", new), extract=fake_extract)
    assert (fixed.added, fixed.skipped, fixed.updated) == (0, 2, 1)
    assert store.query()["geonameid"].tolist() == ["sup:42"]
    # a place the gazetteer learns later: the article's event appears, once
    more = [Article("a3", "2018-02-05", "Shelling hit in Khan al-Subul.")]
    assert pipeline.ingest_articles(store, more, FixedGazetteer("Idlib", old), extract=fake_extract).added == 0
    subul = FixedGazetteer("Khan al-Subul", Place("Khan al-Subul", 35.75, 36.75, "sup:7", "SY"))
    assert pipeline.ingest_articles(store, more, subul, extract=fake_extract).added == 1
    assert pipeline.ingest_articles(store, more, FixedGazetteer("Khan al-Subul", replace(subul.place, lat=35.76)),
                                 extract=fake_extract).added == 0
    assert store.count() == 2


def test_ingest_reports_bad_articles_and_extraction_failures(store, tmp_path):
    (tmp_path / "ok.txt").write_text("date: 2018-02-03\n\nJets struck in Idlib.\n", encoding="utf-8")
    (tmp_path / "nodate.txt").write_text("Jets struck in Idlib.\n", encoding="utf-8")
    (tmp_path / "boom.txt").write_text("date: 2018-02-04\n\nboom\n", encoding="utf-8")

    def extract(article, gazetteer):
        if "boom" in article.text:
            raise RuntimeError("extractor crashed")
        return fake_extract(article, gazetteer)

    gaz = FixedGazetteer("Idlib", Place("Idlib", 35.93, 36.63, "169388", "SY"))
    seen = []
    report = pipeline.ingest(store, [tmp_path], gaz, extract=extract, progress=lambda done, total: seen.append((done, total)))
    assert report.added == 1
    assert any("nodate.txt" in r for r in report.rejected)
    assert any("boom.txt" in r and "extractor crashed" in r for r in report.rejected)
    assert seen == [(1, 0), (2, 0)]  # files are streamed: the total is unknown


# --- failures: locked, unwritable, killed ---------------------------------------------------

def test_locked_database_is_a_one_line_error_and_writes_nothing(tmp_path):
    path = tmp_path / "events.db"
    Store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store(path, timeout=0.2) as s:
            assert s.count() == 0  # readers still work (WAL)
            with pytest.raises(StoreError, match="locked.*another process") as err:
                s.add_events([ev("a")])
            assert "\n" not in str(err.value)
    finally:
        holder.execute("ROLLBACK")
    with Store(path) as s:
        assert s.count() == 0


def test_unwritable_location_is_a_store_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot open event store"):
        Store(blocker / "events.db")
    not_a_db = tmp_path / "junk.db"
    not_a_db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store(not_a_db)


def test_a_failing_batch_is_rolled_back_whole(store, monkeypatch):
    import geo.store.dedup

    calls = []

    def boom(db, row, e, span):
        calls.append(e.event_id)
        raise sqlite3.OperationalError("disk I/O error")

    store.add_events([ev("a")])
    with monkeypatch.context() as m:
        m.setattr(geo.store.dedup, "merge", boom)
        with pytest.raises(StoreError, match="disk I/O error; nothing was written"):
            store.add_events([ev("new", place="Afrin", lat=36.5, lon=36.9), ev("dup")], article_id="B", content_hash="hB")
    assert calls == ["dup"] and store.count() == 1
    assert store.add_events([ev("dup")], content_hash="hB").merged == 1  # the article was not marked as seen


KILL_SCRIPT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from bench.generate import generate
    from geo.store.store import Store
    store = Store({db!r})
    store.add_many(generate({n}, seed=7), dedup=False, batch=2000)
    """
)


def test_killed_writer_leaves_whole_batches_and_a_rerun_completes(tmp_path):
    """kill -9 in the middle of a bulk load; a reader watches through WAL meanwhile."""
    db, n = str(tmp_path / "events.db"), 40_000
    script = KILL_SCRIPT.format(root=str(PROJECT_ROOT), db=db, n=n)
    proc = subprocess.Popen([sys.executable, "-c", script])
    reader = Store(db)
    try:
        deadline = time.monotonic() + 60
        while reader.count() < 4000 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        proc.kill()
        proc.wait()
        seen = reader.count()
    finally:
        reader.close()
    assert 0 < seen < n, "the writer finished before it could be killed; raise n"
    with Store(db) as s:
        got = s.count()
        assert got % 2000 == 0  # whole batches only
        assert s._read("PRAGMA integrity_check")[0][0] == "ok"
        assert int(s.count_by_day()["n"].sum()) == got
        from bench.generate import generate

        s.add_many(generate(n, seed=7), dedup=False, batch=2000)
        assert s.count() == n


def test_ingest_of_the_seed_article_with_the_real_pipeline(store, gazetteer, monkeypatch):
    """The default path: geo.articles reads, geo.events extracts, the real gazetteer places."""
    first = pipeline.ingest(store, [SEED_ARTICLE], gazetteer)
    assert first.added > 0 and first.rejected == []
    df = store.query()
    assert df["lat"].between(32, 38).all() and df["lon"].between(35, 43).all()  # all in or by Syria
    assert pipeline.ingest(store, [SEED_ARTICLE], gazetteer).skipped == 1
    monkeypatch.setattr("geo.pipeline.gazetteer_version", lambda g: "a corrected gazetteer")
    again = pipeline.ingest(store, [SEED_ARTICLE], gazetteer)
    assert (again.added, again.merged, again.skipped, again.updated) == (0, 0, 1, 0)  # re-extracted, nothing moved
    assert store.count() == len(df)


@pytest.mark.parametrize(
    "articles, expected",
    [
        (["a1"], [("a1", "added", "e1")]),
        (["a9"], [("a9", "merged", "e1")]),  # the second report names the event it joined
        (["a1", "a9"], [("a1", "added", "e1"), ("a9", "merged", "e1")]),
        (["nobody"], []),
        ([], []),
    ],
)
def test_events_of_articles_names_added_and_merged_events(tmp_path, articles, expected):
    from geo.records import Event
    from geo.store.store import Store

    def report(event_id, article_id, source, sentence):
        return Event(event_id, article_id, "2018-01-20", "2018-01-20", "day", "Battles", "Armed clash",
                     "Military Forces of Turkey", "YPG", place="Afrin", location="Afrin", admin1="Aleppo",
                     country_code="SY", lat=36.51, lon=36.87, geo_precision=1, sentence=sentence, source=source)

    with Store(tmp_path / "events.db") as store:
        store.add_many([report("e1", "a1", "Wire A", "Turkish troops fought YPG fighters in Afrin.")])
        assert store.add_many([report("e9", "a9", "Wire B", "Clashes between Turkish forces and the YPG in Afrin.")]).merged == 1
        found = store.events_of_articles(articles)
    assert sorted(zip(found["article_id"], found["how"], found["event_id"])) == expected
