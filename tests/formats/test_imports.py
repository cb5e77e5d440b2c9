"""ACLED, UCDP GED and GDELT 2.0 files, written here in each public column layout, into the store."""

from __future__ import annotations

import csv

import pytest

from geo import Event, EventFilter, ImportFormatError, StoreError
from geo.cli import REJECTED, main
from geo.formats.acled import ACLED_COLUMNS
from geo.formats.countries import country_code
from geo.formats.gdelt import GDELT_COLUMNS, cameo_event_type, gdelt_row
from geo.formats.imports import import_file
from geo.formats.ucdp import UCDP_COLUMNS
from geo.store.store import Store


@pytest.fixture()
def store():
    with Store(":memory:") as s:
        yield s


def acled(**kw) -> dict[str, str]:
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row.update(
        event_id_cnty="SYR26745", event_date="2018-02-03", year="2018", time_precision="1",
        disorder_type="Political violence", event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", actor1="Military Forces of Russia (2000-)", inter1="8",
        actor2="Civilians (Syria)", inter2="7", interaction="78", iso="760", region="Middle East", country="Syria",
        admin1="Idleb", admin2="Maaret Tamsrin", location="Maaret An Nouman", latitude="35.6476",
        longitude="36.6739", geo_precision="1", source="SOHR", source_scale="Other",
        notes="On 3 February 2018, Russian warplanes struck Maaret An Nouman.", fatalities="4",
        timestamp="1552576924",
    )
    row.update(kw)
    return row


def ucdp(**kw) -> dict[str, str]:
    row = dict.fromkeys(UCDP_COLUMNS, "")
    row.update(
        id="244566", relid="SYR-2018-1-1-100", year="2018", active_year="1", code_status="Clear",
        type_of_violence="1", conflict_name="Syria: Government", dyad_name="Government of Syria - Syrian insurgents",
        side_a="Government of Syria", side_b="Syrian insurgents", number_of_sources="2",
        source_office="Reuters", source_headline="Syrian army advances near Abu al-Duhur airbase",
        where_prec="1", where_coordinates="Abu al-Duhur airbase", adm_1="Idlib governorate", latitude="35.7314",
        longitude="37.1047", geom_wkt="POINT (37.1047 35.7314)", country="Syria", country_id="652",
        region="Middle East", event_clarity="1", date_prec="1", date_start="2018-01-20 00:00:00.000",
        date_end="2018-01-20 00:00:00.000", deaths_a="3", deaths_b="9", best="12", high="15", low="12",
    )
    row.update(kw)
    return row


def write_csv(path, rows, header=None):
    header = header or list(rows[0])
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(h, "") for h in header] if isinstance(r, dict) else r)
    return path


def gdelt_event(event_id="g1", **kw) -> Event:
    base = dict(
        article_id="x", date_start="2018-02-03", date_end="2018-02-03", date_precision="day",
        event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", actor1="Russia", actor2="Rebel",
        place="Maarat an Numan", location="Maarat an Numan", admin1="Idlib", country_code="SY", lat=35.6436,
        lon=36.6705, geonameid="-2736484", url="https://news.example/a",
    )
    base.update(kw)
    return Event(event_id, **base)


def write_gdelt(path, rows):
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


# --- ACLED ----------------------------------------------------------------------------------

def test_acled_rows_become_events(store, tmp_path):
    path = write_csv(tmp_path / "acled.csv", [
        acled(),
        acled(event_id_cnty="SYR26746", event_date="03 February 2018", time_precision="2", latitude="36.5119",
              longitude="36.8694", location="Afrin", admin1="Aleppo", event_type="Battles",
              sub_event_type="Armed clash", actor1="Military Forces of Turkey (2016-)", actor2="YPG", iso=""),
        acled(event_id_cnty="SYR26747", time_precision="3", location="Eastern Ghouta", latitude="33.55",
              longitude="36.45"),
    ])
    report = import_file(store, path, "acled")
    assert (report.rows, report.added, report.rejected) == (3, 3, [])
    got = store.query().set_index("event_id")
    first = got.loc["SYR26745"]
    assert (first["country_code"], first["admin1"], first["place"], first["fatalities"]) == ("SY", "Idleb", "Maaret An Nouman", 4)
    assert (first["lat"], first["lon"], first["source"], first["confidence"]) == (35.6476, 36.6739, "SOHR", 1.0)
    assert first["sentence"].startswith("On 3 February 2018")
    week = got.loc["SYR26746"]  # time_precision 2: the week around the date; country from its name
    assert (week["date_start"], week["date_end"], week["date_precision"], week["country_code"]) == (
        "2018-01-31", "2018-02-06", "week", "SY")
    month = got.loc["SYR26747"]
    assert (month["date_start"], month["date_end"], month["date_precision"]) == ("2018-02-01", "2018-02-28", "month")


def test_acled_bad_rows_are_reported_by_line_and_the_rest_goes_in(store, tmp_path):
    path = tmp_path / "acled.csv"
    write_csv(path, [
        acled(event_id_cnty="A1"),
        acled(event_id_cnty="A2", event_date="2018-02-30"),
        acled(event_id_cnty="A3", latitude="95.1"),
        acled(event_id_cnty="A4", longitude="east"),
        acled(event_id_cnty="A1", notes="a second row with the same id"),
        acled(event_id_cnty="A5", event_type="Remote violence"),
        acled(event_id_cnty="A6", sub_event_type="Armed clash"),
        acled(event_id_cnty="A7", event_date="1850-01-01"),
        acled(event_id_cnty="A8", notes="multi-line\nnotes are fine"),
        acled(event_id_cnty="A9"),
    ])
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("A10,2018-02-03,too,few,fields\n")
    report = import_file(store, path, "acled")
    assert report.rejected == [
        "line 3: event_date '2018-02-30' is not a date (expected yyyy-mm-dd or '03 February 2018')",
        "line 4: latitude '95.1' outside [-90, 90]",
        "line 5: longitude 'east' is not a number",
        "line 6: duplicate id 'A1' (first on line 2)",
        "line 7: event_type 'Remote violence' is not an ACLED event type",
        "line 8: sub_event_type 'Armed clash' is not a sub-type of 'Explosions/Remote violence'",
        "line 9: date_start '1850-01-01' is out of range (1900 to next year)",
        "line 13: 5 fields, the header has 31",
    ]
    assert sorted(store.query()["event_id"]) == ["A1", "A8", "A9"]
    assert report.added == 3


def test_reimport_adds_nothing(store, tmp_path):
    path = write_csv(tmp_path / "acled.csv", [acled(), acled(event_id_cnty="SYR2", location="Afrin")])
    import_file(store, path, "acled")
    again = import_file(store, path, "acled")
    assert (again.added, again.skipped) == (0, 2)
    assert store.count() == 2


@pytest.mark.parametrize(
    "fmt, header, message",
    [
        ("acled", UCDP_COLUMNS, "not in the ACLED CSV layout: missing column(s) event_id_cnty, event_date"),
        ("acled", UCDP_COLUMNS, "it looks like UCDP: use --format ucdp"),
        ("ucdp", ACLED_COLUMNS, "not in the UCDP GED CSV layout: missing column(s) id, type_of_violence"),
        ("ucdp", ACLED_COLUMNS, "it looks like ACLED: use --format acled"),
        ("acled", ("date", "text", "title"), "expected ACLED's header event_id_cnty, event_date"),
    ],
)
def test_wrong_layout_names_the_expected_format_and_writes_nothing(store, tmp_path, fmt, header, message):
    path = write_csv(tmp_path / "data.csv", [["x"] * len(header)], header=list(header))
    with pytest.raises(ImportFormatError) as err:
        import_file(store, path, fmt)
    assert message in str(err.value) and "\n" not in str(err.value)
    assert store.count() == 0


def test_malformed_csv_rows(store, tmp_path):
    path = tmp_path / "acled.csv"
    write_csv(path, [acled(event_id_cnty="B1")])
    good = ",".join(f'"{v}"' for v in acled(event_id_cnty="B3").values())
    with open(path, "a", encoding="utf-8", newline="") as fh:
        fh.write('B2,"2018-02-03"x,broken\n' + good + '\n"B4,never closed\n')
    report = import_file(store, path, "acled")
    assert report.rejected == [
        "line 3: malformed CSV (',' expected after '\"')",
        "line 5: malformed CSV (unexpected end of data)",
    ]
    assert sorted(store.query()["event_id"]) == ["B1", "B3"]


def test_non_utf8_and_missing_files(store, tmp_path):
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(",".join(ACLED_COLUMNS).encode() + b"\nSYR1,2018-02-03,caf\xe9\n")
    with pytest.raises(ImportFormatError, match=r"not UTF-8 text: byte 0xe9 at offset \d+ \(line 2\); nothing was read"):
        import_file(store, bad, "acled")
    assert store.count() == 0
    with pytest.raises(StoreError, match="no such file"):
        import_file(store, tmp_path / "nope.csv", "acled")
    with pytest.raises(ImportFormatError, match="unknown import format 'xls'"):
        import_file(store, bad, "xls")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(ImportFormatError, match="empty file"):
        import_file(store, empty, "ucdp")


# --- UCDP -----------------------------------------------------------------------------------

def test_ucdp_rows_become_events(store, tmp_path):
    path = write_csv(tmp_path / "ged.csv", [
        ucdp(),
        ucdp(id="244567", type_of_violence="3", side_a="IS", side_b="Civilians", date_prec="4",
             date_start="2018-03-01 00:00:00.000", date_end="2018-03-31 00:00:00.000", where_prec="4",
             country="Russia (Soviet Union)", latitude="55.75", longitude="37.62", best="1"),
        ucdp(id="244568", type_of_violence="9"),
    ])
    report = import_file(store, path, "ucdp")
    assert report.rejected == ["line 4: type_of_violence '9' is not 1, 2 or 3"]
    got = store.query().set_index("event_id")
    a = got.loc["ucdp:244566"]
    assert (a["event_type"], a["sub_event_type"], a["actor1"], a["actor2"]) == (
        "Battles", "Armed clash", "Government of Syria", "Syrian insurgents")
    assert (a["date_start"], a["fatalities"], a["country_code"], a["admin1"], a["geo_precision"]) == (
        "2018-01-20", 12, "SY", "Idlib governorate", 1)
    b = got.loc["ucdp:244567"]
    assert (b["event_type"], b["date_end"], b["date_precision"], b["country_code"], b["geo_precision"]) == (
        "Violence against civilians", "2018-03-31", "month", "RU", 3)


# --- GDELT ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "code, expected",
    [
        ("190", ("Battles", "Armed clash")),
        ("193", ("Battles", "Armed clash")),
        ("194", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("195", ("Explosions/Remote violence", "Air/drone strike")),
        ("1951", ("Explosions/Remote violence", "Air/drone strike")),
        ("183", ("Explosions/Remote violence", "Suicide bomb")),
        ("1833", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("181", ("Violence against civilians", "Abduction/forced disappearance")),
        ("1821", ("Violence against civilians", "Sexual violence")),
        ("202", ("Violence against civilians", "Attack")),
        ("201", ("Displacement", "Population displacement")),
        ("2041", ("Explosions/Remote violence", "Chemical weapon")),
        ("141", ("Protests", "Peaceful protest")),
        ("145", ("Riots", "Violent demonstration")),
        ("173", ("Strategic developments", "Arrests")),
        ("057", ("Strategic developments", "Agreement")),
        ("010", None),  # make statement
        ("043", None),  # host a visit
        ("112", None),  # accuse
        ("160", None),  # reduce relations
    ],
)
def test_cameo_codes(code, expected):
    assert cameo_event_type(code) == expected


def test_gdelt_rows_become_events_and_repeated_reports_merge(store, tmp_path):
    rows = [
        gdelt_row(gdelt_event(), global_id=1),
        gdelt_row(gdelt_event(lat=35.65, lon=36.68, url="https://other.example/b"), global_id=2),  # same strike
        gdelt_row(gdelt_event(place="Afrin", location="Afrin", admin1="Aleppo", lat=36.51, lon=36.87,
                              event_type="Battles", sub_event_type="Armed clash"), global_id=3),
        gdelt_row(gdelt_event(lat=None, lon=None, place="", location=""), global_id=4),
    ]
    verbal = gdelt_row(gdelt_event(), global_id=5)
    verbal[GDELT_COLUMNS.index("EventCode")] = "010"
    short = gdelt_row(gdelt_event(), global_id=6)[:58]
    bad_date = gdelt_row(gdelt_event(), global_id=7)
    bad_date[GDELT_COLUMNS.index("SQLDATE")] = "20181332"
    path = write_gdelt(tmp_path / "20180203.export.CSV", rows + [verbal, short, bad_date])
    report = import_file(store, path, "gdelt")
    assert (report.rows, report.added, report.merged, report.ignored) == (7, 3, 1, 1)
    assert report.rejected == ["line 6: 58 columns, expected 61", "line 7: SQLDATE '20181332' is not yyyymmdd"]
    got = store.query().set_index("event_id")
    strike = got.loc["gdelt:1"]
    assert (strike["n_sources"], strike["admin1"], strike["country_code"], strike["source"]) == (2, "Idlib", "SY", "news.example")
    assert store.sources("gdelt:1")["url"].tolist() == ["https://news.example/a", "https://other.example/b"]
    assert pd_isna(got.loc["gdelt:4"]["lat"])
    again = import_file(store, path, "gdelt")
    assert (again.added, again.merged, again.skipped) == (0, 0, 4)


def pd_isna(x) -> bool:
    return x != x


@pytest.mark.parametrize(
    "columns, message",
    [
        (58, "line 1 has 58 tab-separated columns (GDELT 1.0 has 57 or 58), expected 61"),
        (31, "not a GDELT 2.0 event export: line 1 has 31"),
    ],
)
def test_gdelt_wrong_layout(store, tmp_path, columns, message):
    path = write_gdelt(tmp_path / "x.tsv", [gdelt_row(gdelt_event(), 1)[:columns]] * 3)
    with pytest.raises(ImportFormatError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_file(store, path, "gdelt")
    assert store.count() == 0


def test_gdelt_header_line_is_accepted(store, tmp_path):
    path = write_gdelt(tmp_path / "x.tsv", [list(GDELT_COLUMNS), gdelt_row(gdelt_event(), 9)])
    assert import_file(store, path, "gdelt").added == 1


@pytest.mark.parametrize(
    "name, code",
    [("Syria", "SY"), ("syria", "SY"), ("Russia (Soviet Union)", "RU"), ("DR Congo (Zaire)", "CD"),
     ("Myanmar (Burma)", "MM"), ("Turkey", "TR"), ("Atlantis", "")],
)
def test_country_names(name, code):
    assert country_code(name) == code


# --- CLI ------------------------------------------------------------------------------------

def test_cli_import(tmp_path, capsys):
    db = tmp_path / "events.db"
    good = write_csv(tmp_path / "acled.csv", [acled(), acled(event_id_cnty="X2", latitude="91")])
    assert main(["import", "--format", "acled", str(good), "--db", str(db)]) == REJECTED  # done, one row refused
    out, err = capsys.readouterr()
    assert "added 1" in out and "rejected 1" in out
    assert "acled.csv: line 3: latitude '91' outside [-90, 90]" in err
    assert main(["import", "--format", "gdelt", str(good), "--db", str(db)]) == 1
    _, err = capsys.readouterr()
    assert err.startswith("error: ") and "not a GDELT 2.0 event export" in err and err.count("\n") == 1
    with Store(db) as s:
        assert s.count(EventFilter()) == 1
