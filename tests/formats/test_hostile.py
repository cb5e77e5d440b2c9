"""Hostile input: each bad file, row or cell through `ingest`, `import` and the Articles page's
reader costs one line naming the file and line, the batch goes on, and the exit code says so."""

from __future__ import annotations

import json

import pytest
from test_imports import acled, gdelt_event, ucdp, write_csv, write_gdelt

from geo.cli import REJECTED, main
from geo.formats.gdelt import gdelt_row
from geo.store.store import Store
from geo.ui.uploads import survey

GOOD = [
    ("2018-02-03", "Syrian government air strikes killed four civilians in Maaret al-Numan on Saturday."),
    ("2018-02-05", "Turkish artillery shelled villages near Afrin, killing two people, a monitor said."),
]
DEEP = "[" * 1100 + "]" * 1100


def _jsonl(bad: bytes) -> bytes:
    rows = [json.dumps({"date": d, "text": t}).encode() for d, t in GOOD]
    return rows[0] + b"\n" + bad + b"\n" + rows[1] + b"\n"


def _csv(bad: bytes) -> bytes:
    return f'date,text\n{GOOD[0][0]},"{GOOD[0][1]}"\n'.encode() + bad + f'\n{GOOD[1][0]},"{GOOD[1][1]}"\n'.encode()


# name, content, bad line (None: nothing rejected), what the one error line says
ARTICLE_CASES = [
    ("deep.jsonl", _jsonl(b'{"date": "2018-02-04", "text": ' + DEEP.encode() + b"}"), 2, "nested deeper than"),
    ("bignum.jsonl", _jsonl(b'{"date": "2018-02-04", "text": "x", "title": ' + b"9" * 5000 + b"}"), 2, "5,000 digits"),
    ("nan.jsonl", _jsonl(b'{"date": "2018-02-04", "text": NaN}'), 2, "NaN is not a JSON number"),
    ("longdate.jsonl", _jsonl(json.dumps({"date": "7" * 5000, "text": "Shelling."}).encode()), 2, "(5,000 characters)"),
    ("unclosed.csv", _csv(b'2018-02-04,"Rebels shelled Aleppo'), 3, "unclosed quote"),
    ("stray.csv", _csv(b'2018-02-04,"Rebels" shelled Aleppo'), 3, "malformed CSV"),
    ("latin1.csv", _csv("2018-02-04,Caf\xe9 shelled".encode("latin-1")), 3, "not UTF-8"),
    ("utf16.csv", "\ufeff".encode("utf-16-le") + _csv(b"").decode().replace("\n\n", "\n").encode("utf-16-le"), None, ""),
    ("utf16nobom.jsonl", _jsonl(b"").decode().replace("\n\n", "\n").encode("utf-16-le"), None, ""),
    ("ansi.jsonl", _jsonl(json.dumps({"date": "2018-02-04", "text": "\x1b[31mRebels\x1b[0m shelled\x00 Aleppo."}).encode()),
     None, ""),
]
BAD_FILES = [  # refused whole: one line naming the file
    ("binary.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), "binary file"),
    ("empty.csv", b"", "empty file"),
]


def upload_to_articles(name: str, data: bytes) -> tuple[list, list[str]]:
    """What the Articles page reads from an upload: its previewed articles (all of these) and errors."""
    import io

    found = survey(io.BytesIO(data), name)
    assert found.articles == len(found.preview)
    return list(found.preview), list(found.errors)


def _one_line_each(errors: list[str]) -> None:
    assert all("\n" not in e and len(e) < 400 for e in errors), errors


@pytest.mark.parametrize("name, data, line, why", ARTICLE_CASES, ids=[c[0] for c in ARTICLE_CASES])
def test_articles_page_reader(name, data, line, why):
    articles, errors = upload_to_articles(name, data)
    assert len(articles) == len(GOOD) + (line is None and name.startswith("ansi")), (name, errors)
    assert {a.text for a in articles} >= {t for _, t in GOOD}
    assert all("\x1b" not in a.text and "\x00" not in a.text for a in articles)
    _one_line_each(errors)
    if line is None:
        assert errors == []
    else:
        assert len(errors) == 1 and errors[0].startswith(f"{name}:{line}: ") and why in errors[0], errors


@pytest.mark.parametrize("name, data, why", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_articles_page_reader_refuses_bad_files_in_one_line(name, data, why):
    articles, errors = upload_to_articles(name, data)
    assert articles == [] and len(errors) == 1 and errors[0].startswith(name) and why in errors[0]


@pytest.mark.parametrize(
    "name, safe",
    [("..", "upload.txt"), ("../../etc/passwd.txt", "passwd.txt"), ("a" * 300 + ".txt", "a" * 96 + ".txt"),
     ("C:\\Users\\x\\news.md", "news.md"), ("\x1b[2Jnews\x00.txt", "news.txt"), ("", "upload.txt")],
)
def test_odd_upload_names(name, safe):
    articles, errors = upload_to_articles(name, f"date 2018-02-03 {GOOD[0][1]}".encode())
    assert errors == [] and [a.path for a in articles] == [safe]


def test_ingest_reads_every_file_of_a_hostile_batch(tmp_path, capsys, gazetteer):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data, *_ in ARTICLE_CASES + BAD_FILES:
        (folder / name).write_bytes(data)
    db = tmp_path / "events.db"
    assert main(["ingest", str(folder), "--db", str(db)]) == REJECTED
    out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if line.startswith("rejected: ")]
    expected = [c for c in ARTICLE_CASES if c[2] is not None] + BAD_FILES
    assert len(lines) == len(expected), err
    for name, *_rest in expected:
        assert sum(name in line for line in lines) == 1, (name, lines)
    _one_line_each(lines)
    assert f"rejected {len(expected)}" in out  # the summary is printed
    with Store(db) as s:
        stored = s._read("SELECT count(*) FROM articles")[0][0]
        assert stored >= len(GOOD) + 1  # the good rows of every file (same text, same article) and the ANSI row
        assert not s._read("SELECT 1 FROM events WHERE sentence LIKE '%' || char(27) || '%'")


# --- imports ----------------------------------------------------------------------------------

def _gdelt(**cols) -> list[str]:
    from geo.formats.gdelt import GDELT_COLUMNS

    row = gdelt_row(gdelt_event(), global_id=7)
    for k, v in cols.items():
        row[GDELT_COLUMNS.index(k)] = v
    return row


IMPORT_CASES = [  # format, bad row, what its one error line says
    ("acled", acled(event_id_cnty="BAD", fatalities="1e400"), "fatalities '1e400' is not a finite number"),
    ("acled", acled(event_id_cnty="BAD", fatalities="-3"), "fatalities '-3' outside [0, 1e+06]"),
    ("acled", acled(event_id_cnty="BAD", fatalities="2.5"), "not a whole number"),
    ("acled", acled(event_id_cnty="BAD", geo_precision="99"), "geo_precision '99' outside [1, 3]"),
    ("acled", acled(event_id_cnty=""), "event_id_cnty is empty"),
    ("acled", acled(event_id_cnty="BAD", latitude="nan"), "latitude 'nan' is not a finite number"),
    ("acled", acled(event_id_cnty="BAD", event_date="9" * 5000), "(5,000 characters)"),
    ("acled", acled(event_id_cnty="BAD", source="s" * 5000), "source of 5,000 characters (at most 1,000)"),
    ("ucdp", ucdp(id="9", best="1e20"), "best '1e20' outside [0, 1e+06]"),
    ("ucdp", ucdp(id="9", best="1e400"), "best '1e400' is not a finite number"),
    ("ucdp", ucdp(id=""), "id is empty"),
    ("ucdp", ucdp(id="9", where_prec="99"), "where_prec '99' outside [1, 7]"),
    ("gdelt", _gdelt(NumSources="1e400"), "NumSources '1e400' is not a finite number"),
    ("gdelt", _gdelt(SOURCEURL="https://x.example/" + "a" * (10 << 20)), "url of 10,485,778 characters"),
    ("gdelt", _gdelt(GLOBALEVENTID=""), "GLOBALEVENTID '' is not a number"),
]


def _import_file(tmp_path, fmt, bad):
    path = tmp_path / f"data.{fmt}"
    if fmt == "acled":
        return write_csv(path, [acled(event_id_cnty="G1"), bad, acled(event_id_cnty="G2")])
    if fmt == "ucdp":
        return write_csv(path, [ucdp(id="1"), bad, ucdp(id="2")])
    return write_gdelt(path, [_gdelt(GLOBALEVENTID="1"), bad, _gdelt(GLOBALEVENTID="2", SQLDATE="20180204")])


@pytest.mark.parametrize("fmt, bad, why", IMPORT_CASES, ids=[f"{c[0]}-{c[2][:24]}" for c in IMPORT_CASES])
def test_import_rejects_a_bad_cell_and_goes_on(tmp_path, capsys, fmt, bad, why):
    path = _import_file(tmp_path, fmt, bad)
    db = tmp_path / "events.db"
    assert main(["import", "--format", fmt, str(path), "--db", str(db)]) == REJECTED
    out, err = capsys.readouterr()
    lines = err.splitlines()
    line = 2 if fmt == "gdelt" else 3
    assert len(lines) == 1 and f"{path}: line {line}: " in lines[0] and why in lines[0], err
    _one_line_each(lines)
    assert "rejected 1" in out
    with Store(db) as s:
        assert s.count() == 2


@pytest.mark.parametrize(
    "tail, kept, code, why",
    [
        (b'"B9,never closed\n', 2, REJECTED, "line 4: malformed CSV"),  # unclosed at the end: that row only
        (b"x" * 10, 2, REJECTED, "line 4: 1 fields"),
        ("caf\xe9".encode("latin-1"), 0, 1, "not UTF-8 text: byte 0xe9 at offset"),  # refused whole, nothing written
        (b"\x00\x01\x02", 0, 1, "binary file, not text (zero byte at offset"),
    ],
)
def test_import_of_a_damaged_file(tmp_path, capsys, tail, kept, code, why):
    path = write_csv(tmp_path / "acled.csv", [acled(event_id_cnty="G1"), acled(event_id_cnty="G2")])
    path.write_bytes(path.read_bytes() + tail)
    db = tmp_path / "events.db"
    assert main(["import", "--format", "acled", str(path), "--db", str(db)]) == code
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and why in err, err
    with Store(db) as s:
        assert s.count() == kept


def test_unclosed_quote_in_the_middle_keeps_the_rows_after_it(tmp_path):
    path = write_csv(tmp_path / "acled.csv", [acled(event_id_cnty="G1")])
    good = [",".join(f'"{v}"' for v in acled(event_id_cnty=f"G{i}").values()) for i in (2, 3)]
    path.write_bytes(path.read_bytes() + ('"B9,never closed\n' + "\n".join(good) + "\n").encode())
    from geo.formats.imports import import_file

    with Store(":memory:") as s:
        report = import_file(s, path, "acled")
        assert [r.split(":")[0] for r in report.rejected] == ["line 3"]
        assert sorted(s.query()["event_id"]) == ["G1", "G2", "G3"]


def test_utf16_and_control_characters_import(tmp_path):
    rows = [acled(event_id_cnty="G1", notes="\x1b[31mRed\x1b[0m notes\x00 here"), acled(event_id_cnty="G2")]
    path = write_csv(tmp_path / "acled.csv", rows)
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    from geo.formats.imports import import_file

    with Store(":memory:") as s:
        report = import_file(s, path, "acled")
        assert (report.added, report.rejected) == (2, [])
        assert s.query().set_index("event_id").loc["G1", "sentence"] == "Red notes here"


# --- hostile text out: CSV, ACLED and KML exports -------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.fixture()
def hostile_store(tmp_path):
    from geo.records import Event

    events = [
        Event(f"h{i}", "a", "2018-02-03", "2018-02-03", "day", "Battles", "Armed clash", actor1=f, actor2="YPG",
              place="Afrin", location="<img src=x onerror=alert(1)>", country_code="SY", lat=36.5, lon=36.8,
              sentence=f"{f} <script>alert('x')</script> ]]> &amp;", source=f)
        for i, f in enumerate(FORMULAS)
    ]
    with Store(tmp_path / "h.db") as s:
        s.add_events(events, dedup=False)
        yield s


@pytest.mark.parametrize("fmt, columns", [("csv", ("actor1", "sentence", "source")), ("acled", ("actor1", "notes", "source"))])
def test_csv_exports_neutralise_formulas(hostile_store, fmt, columns):
    import csv
    import io

    from geo.formats.exports import export_bytes
    from geo.records import EventFilter

    rows = list(csv.DictReader(io.StringIO(export_bytes(hostile_store, EventFilter(), fmt).decode("utf-8"), newline="")))
    assert len(rows) == len(FORMULAS)
    for row in rows:
        for c in columns:
            assert row[c][0] not in "=+-@\t\r", (c, row[c])
            assert row[c].startswith("'")
    lat = "lat" if fmt == "csv" else "latitude"
    assert all(not r[lat].startswith("'") for r in rows)  # numbers stay numbers


def test_cli_csv_export_is_neutralised_too(hostile_store, capsys):
    assert main(["events", "--format", "csv", "--db", hostile_store.path]) == 0
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert len(rows) == len(FORMULAS)
    assert all(r[c].startswith("'") for r in rows for c in ("actor1", "sentence", "source"))


def test_kml_description_renders_no_markup(hostile_store):
    import html
    import re
    import xml.etree.ElementTree as ET

    from geo.formats.exports import export_bytes
    from geo.records import EventFilter

    root = ET.fromstring(export_bytes(hostile_store, EventFilter(), "kml"))
    ns = "{http://www.opengis.net/kml/2.2}"
    descriptions = [d.text for d in root.iter(f"{ns}description")]
    assert len(descriptions) == len(FORMULAS)
    for d in descriptions:
        tags = set(re.findall(r"<(\w+)", d))
        assert tags <= {"b", "br"}, tags  # the only markup is ours; the article's is text
        assert "&lt;script&gt;" in d and "&lt;img" in d
        assert "<script>alert('x')</script>" in html.unescape(d)  # the text itself is kept
    balloon = root.find(f"{ns}Document/{ns}Style/{ns}BalloonStyle/{ns}text").text
    assert balloon == "$[description]"  # Google Earth shows only the escaped description


def test_an_upload_is_surveyed_in_bounded_memory_and_streamed_whole():
    import io

    from geo.ui.uploads import MAX_ERRORS, stream

    rows = [json.dumps({"date": "2018-02-03", "text": f"Shelling hit Saraqib, killing {i} people."}) for i in range(500)]
    rows += ["not json"] * (MAX_ERRORS + 5)
    data = ("\n".join(rows) + "\n").encode()
    found = survey(io.BytesIO(data), "corpus.jsonl", preview=10)
    assert (found.articles, len(found.preview), len(found.errors), found.more_errors) == (500, 10, MAX_ERRORS, 5)
    assert [a.path for a in stream(io.BytesIO(data), "corpus.jsonl")] == [f"corpus.jsonl:{i}" for i in range(1, 501)]


@pytest.mark.parametrize(
    "args",
    [["geocode", "x" * 5000], ["events", "--from", "9" * 5000, "--db", ":memory:"], ["events", "--type", "t" * 5000]],
)
def test_cli_error_lines_cut_long_values(args, capsys):
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and len(err) < 400 and "(5,000 characters)" in err


def test_an_upload_that_cannot_be_spooled_is_one_line(monkeypatch):
    import io
    import tempfile

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", full)
    found = survey(io.BytesIO(b"date 2018-02-03 Shelling hit Saraqib."), "../a.txt")
    assert found.articles == 0 and found.errors == ("a.txt: cannot read the upload (No space left on device)",)


@pytest.mark.parametrize("bad, code", [(True, REJECTED), (False, 0)])
def test_extract_exit_code_says_whether_anything_was_rejected(tmp_path, capsys, gazetteer, bad, code):
    (tmp_path / "good.txt").write_text(f"date {GOOD[0][0]} {GOOD[0][1]}")
    if bad:
        (tmp_path / "deep.jsonl").write_bytes(ARTICLE_CASES[0][1])
    assert main(["extract", str(tmp_path)]) == code
    err = capsys.readouterr().err
    assert err.count("\n") == int(bad)
