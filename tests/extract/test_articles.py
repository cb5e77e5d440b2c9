"""Article files in every accepted format, and one clear line for each file that cannot be read."""

from __future__ import annotations

import json

import pytest

from conftest import SEED_ARTICLE
from geo.extract.articles import MAX_ARTICLE_BYTES, Article, article_id, iter_articles, parse_article, read_articles
from geo.errors import ArticleError

STORY = "Rebels shelled the town of Saraqib on Friday, a monitor said."


def read_one(path) -> Article:
    (article,) = list(read_articles(path))
    return article


def test_the_seed_article_with_its_date_on_the_first_line():
    a = read_one(SEED_ARTICLE)
    assert a.date == "2018-02-03"
    assert a.text.startswith("Syrian opposition fighters said Saturday")
    assert "date 2018" not in a.text
    assert a.article_id == article_id(a.date, a.text) and len(a.article_id) == 16
    assert a.path == str(SEED_ARTICLE)


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("inline.txt", f"date 2018-02-03 {STORY}", {"date": "2018-02-03", "text": STORY}),
        ("headers.txt", f"title: Saraqib shelled\nsource: Wire\nurl: https://example.org/a\ndate: 2018-02-03\n\n{STORY}\n",
         {"date": "2018-02-03", "title": "Saraqib shelled", "source": "Wire", "url": "https://example.org/a", "text": STORY}),
        ("long-date.txt", f"Date: February 3, 2018\n{STORY}", {"date": "2018-02-03", "text": STORY}),
        ("front.md", f"---\ntitle: \"Saraqib shelled\"\ndate: 2018-02-03\nsource: Wire\n---\n# Heading\n\n**{STORY}**\n",
         {"date": "2018-02-03", "title": "Saraqib shelled", "source": "Wire", "text": f"Heading\n\n{STORY}"}),
        ("plain.md", f"date: 2018-02-03\n\n# Saraqib shelled\n\nSee [the report](https://x.org): {STORY}",
         {"title": "Saraqib shelled", "text": f"Saraqib shelled\n\nSee the report: {STORY}"}),
        ("page.html",
         "<!doctype html><html><head><title>Saraqib shelled</title><meta property='article:published_time' "
         "content='2018-02-03T10:00:00Z'><script>var x = '<p>no</p>';</script><style>p{}</style></head>"
         f"<body><nav>Home | World</nav><article><p>{STORY.replace('Saraqib', '<b>Saraqib</b>')}</p>"
         "<p>Second &amp; last paragraph.</p></article></body></html>",
         {"date": "2018-02-03", "title": "Saraqib shelled", "text": f"{STORY}\n\nSecond & last paragraph."}),
    ],
)
def test_single_article_formats(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    a = read_one(path)
    for key, value in expected.items():
        assert getattr(a, key) == value, key


def test_bulk_csv_and_jsonl(tmp_path):
    csv_path = tmp_path / "corpus.csv"
    csv_path.write_text(
        'Date,Text,Title,Source,URL,extra\n2018-02-03,"Line one.\nLine two, with a comma.",T1,S1,U1,x\n'
        f'2018-02-04,"{STORY}",,,,\n',
        encoding="utf-8",
    )
    rows = list(read_articles(csv_path))
    assert [a.date for a in rows] == ["2018-02-03", "2018-02-04"]
    assert rows[0].text == "Line one.\nLine two, with a comma." and rows[0].title == "T1" and rows[0].url == "U1"
    assert rows[0].path == f"{csv_path}:2" and rows[1].path == f"{csv_path}:4"  # the line each row starts on

    jsonl = tmp_path / "corpus.jsonl"
    jsonl.write_text("\n".join(json.dumps({"date": d, "text": STORY, "source": "W"}) for d in ("2018-02-03", "2018-02-05")) + "\n")
    assert [(a.date, a.source, a.path) for a in read_articles(jsonl)] == [
        ("2018-02-03", "W", f"{jsonl}:1"), ("2018-02-05", "W", f"{jsonl}:2")]


def test_same_story_same_id_different_story_different_id():
    a = parse_article(STORY, date="2018-02-03")
    assert parse_article(f"date 2018-02-03 {STORY}").article_id == a.article_id
    assert parse_article(STORY, date="2018-02-04").article_id != a.article_id
    assert parse_article(STORY + " More.", date="2018-02-03").article_id != a.article_id


def test_parse_article_arguments_win_over_headers():
    a = parse_article(f"date 2018-02-03 {STORY}", date="2018-03-01", title="Pasted", name="<pasted>")
    assert (a.date, a.title, a.path) == ("2018-03-01", "Pasted", "<pasted>")


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("latin1.txt", f"date 2018-02-03 Caf\xe9 {STORY}".encode("latin-1"), "not UTF-8"),
        ("nodate.txt", STORY.encode(), "no date"),
        ("baddate.txt", f"date: someday\n{STORY}".encode(), "unreadable date"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t\n", "empty"),
        ("onlyheader.txt", b"date 2018-02-03\n", "no article text"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
        ("nocolumns.csv", b"when,body\n2018-02-03,text\n", "lacks column"),
    ],
)
def test_unreadable_files_raise_one_line_naming_file_and_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ArticleError) as err:
        list(read_articles(path))
    message = str(err.value)
    assert str(path) in message and reason in message and "\n" not in message


def test_a_huge_one_line_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.write(b"date 2018-02-03 ")
        fh.write(b"x" * (50 * 1024 * 1024))
    with pytest.raises(ArticleError, match=r"too large .*50\.\d MB"):
        list(read_articles(path))
    assert path.stat().st_size > MAX_ARTICLE_BYTES


def test_bad_bulk_rows_are_reported_and_the_rest_is_kept(tmp_path):
    path = tmp_path / "mixed.jsonl"
    with path.open("wb") as fh:
        fh.write(json.dumps({"date": "2018-02-03", "text": "first"}).encode() + b"\n")
        fh.write(b'{"date": "2018-02-03", "text": "' + b"y" * (50 * 1024 * 1024) + b'"}\n')  # 50 MB line
        fh.write(b"not json\n")
        fh.write(json.dumps({"date": "", "text": "no date"}).encode() + b"\n")
        fh.write(b'{"date": "2018-02-03", "text": "caf\xe9"}\n')
        fh.write(b"[1, 2]\n")
        fh.write(json.dumps({"date": "2018-02-04", "text": "last"}).encode() + b"\n")
    errors: list[ArticleError] = []
    kept = list(iter_articles([path], on_error=errors.append))
    assert [a.text for a in kept] == ["first", "last"]
    lines = sorted(int(str(e).split(":")[1]) for e in errors)
    assert lines == [2, 3, 4, 5, 6], [str(e) for e in errors]
    assert all("\n" not in str(e) for e in errors)
    with pytest.raises(ArticleError, match=r"mixed.jsonl:2: line longer"):
        list(read_articles(path))


def test_a_batch_goes_on_past_bad_files(tmp_path):
    (tmp_path / "a.txt").write_text(f"date 2018-02-03 {STORY}")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00bad")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.md").write_text(f"---\ndate: 2018-02-05\n---\n{STORY}")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not an article suffix: folders skip it
    errors: list[ArticleError] = []
    kept = list(iter_articles([tmp_path, tmp_path / "missing.txt"], on_error=errors.append))
    assert [a.date for a in kept] == ["2018-02-03", "2018-02-05"]
    assert len(errors) == 2 and "b.txt" in str(errors[0]) and "missing.txt: no such file" in str(errors[1])


def test_html_text_is_only_text(tmp_path):
    path = tmp_path / "x.html"
    path.write_text("<html><body><p>date 2018-02-03</p><p>Fighters &lt;b&gt; attacked.</p>"
                    "<script>alert('x')</script></body></html>")
    a = read_one(path)
    assert a.text == "Fighters <b> attacked." and a.date == "2018-02-03"


def test_bad_csv_rows_are_reported_and_the_rest_is_kept(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b'date,text\n2018-02-03,first\n2018-02-03,"' + b"z" * (3 << 20) + b'"\n'
                     b"2018-02-04,last\n2018-02-05,\xe9t\xe9\n,no date\n")
    errors: list[ArticleError] = []
    assert [a.text for a in iter_articles(path, on_error=errors.append)] == ["first", "last"]
    assert [str(e).split(": ", 1)[1] for e in errors] == [
        "line longer than 1 MB, skipped", "column 'text' is not UTF-8 text",
        "no date (add a 'date YYYY-MM-DD' header line or a date column)"]
