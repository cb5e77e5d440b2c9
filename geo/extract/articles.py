"""Article files in, `Article` records out.

One reader for every input the app accepts: plain text with header lines (like the seed),
Markdown with front matter, HTML (text only), and bulk CSV / JSON Lines corpora with the
columns ``date,text[,title,source,url]``. A file that cannot be read raises one
`ArticleError` line naming the file and why; `iter_articles` reports it and goes on.

Over 400 lines: one reader per input format (text, Markdown, HTML, CSV, JSON Lines) with their shared checks.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterable, Iterator

from geo.errors import ArticleError, GeoError
from geo.extract.dates import parse_date
from geo.reading import clean_text, csv_header, csv_records, json_row, shorten, sniff_encoding

__all__ = [
    "Article",
    "read_articles",
    "iter_articles",
    "parse_article",
    "article_id",
    "MAX_ARTICLE_BYTES",
    "MAX_ROW_BYTES",
]

MB = 1 << 20
MAX_ARTICLE_BYTES = 2 * MB  # one article file; news stories are 2-50 kB
MAX_ROW_BYTES = 1 * MB  # one line of a bulk file
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".csv", ".jsonl", ".ndjson"}
_BULK_COLUMNS = ("date", "text", "title", "source", "url")


@dataclass(frozen=True)
class Article:
    article_id: str  # sha1 of date + text, first 16 hex digits: the same story gets the same id
    date: str  # ISO yyyy-mm-dd, the base of the story's relative dates
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    path: str = ""  # the file it came from, with :line for a bulk row


def article_id(date: str, text: str) -> str:
    return hashlib.sha1(f"{date}\n{text}".encode("utf-8")).hexdigest()[:16]


def _make(text: str, date: str | None, name: str, **meta: str) -> Article:
    text = clean_text(text).strip()
    if not text:
        raise ArticleError(f"{name}: no article text")
    iso = _iso_date(date, name)
    meta = {k: clean_text(v or "").strip() for k, v in meta.items()}
    return Article(article_id(iso, text), iso, text, path=name, **meta)


def _iso_date(value: str | None, name: str) -> str:
    if not value or not str(value).strip():
        raise ArticleError(f"{name}: no date (add a 'date YYYY-MM-DD' header line or a date column)")
    text = str(value).strip()
    # no digit, no year; a date is short: refuse these before the slow fallback parser (~7 ms each)
    day = parse_date(text) if len(text) <= 64 and any(ch.isdigit() for ch in text) else None
    if day is None:
        raise ArticleError(f"{name}: unreadable date {shorten(str(value))}")
    return day.isoformat()


# --- plain text and Markdown ------------------------------------------------------------------

_HEADER = re.compile(r"[ \t]*(date|title|source|url)[ \t]*:[ \t]*(.*)", re.I)
# The seed's form: "date 2018-02-03 The text goes on on the same line".
_INLINE_DATE = re.compile(r"[ \t]*date[ \t]*:?[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)", re.I)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKUP = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)|(?<!\w)[*_`]{1,3}(?=\S)|(?<=\S)[*_`]{1,3}(?!\w)", re.M)


def parse_article(
    text: str,
    *,
    name: str = "<text>",
    date: str | None = None,
    title: str = "",
    source: str = "",
    url: str = "",
    markdown: bool = False,
) -> Article:
    """An article from pasted or read text: header lines (or front matter) first, then the story.

    Arguments given here win over the headers found in the text.
    """
    meta: dict[str, str] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        meta.update(_front_matter(match.group(1)))
        text = text[match.end():]
        markdown = True
    body, headers = _split_headers(text)
    for key, value in headers.items():
        meta.setdefault(key, value)
    if markdown:
        if not meta.get("title"):
            heading = re.search(r"^[ \t]{0,3}#[ \t]+(.+)$", body, re.M)
            if heading:
                meta["title"] = heading.group(1).strip()
        body = _MD_MARKUP.sub("", _MD_LINK.sub(r"\1", body))
    return _make(
        body,
        date or meta.get("date"),
        name,
        title=title or meta.get("title", ""),
        source=source or meta.get("source", ""),
        url=url or meta.get("url", ""),
    )


def _split_headers(text: str) -> tuple[str, dict[str, str]]:
    """Leading header lines (blank lines between them allowed) and the rest of the text."""
    headers: dict[str, str] = {}
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        inline = _INLINE_DATE.match(line)
        if inline and "date" not in headers:
            headers["date"] = inline.group(1)
            rest = inline.group(2)
            if rest.strip():
                lines[i] = rest if rest.endswith("\n") else rest + "\n"
                break
            i += 1
            continue
        header = _HEADER.match(line.rstrip("\r\n"))
        if header and header.group(1).lower() not in headers:
            headers[header.group(1).lower()] = header.group(2).strip()
            i += 1
            continue
        break
    return "".join(lines[i:]), headers


def _front_matter(block: str) -> dict[str, str]:
    """Flat `key: value` pairs; nested YAML is not needed for article metadata."""
    out: dict[str, str] = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-", "#")):
            out[key.strip().lower()] = value.strip().strip("'\"")
    return out


# --- HTML ---------------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section", "blockquote"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "nav", "footer", "form", "iframe"}
_DATE_META = {"date", "pubdate", "publishdate", "dc.date", "article:published_time", "og:published_time", "datepublished"}


class _HTMLText(HTMLParser):
    """Visible text and the metadata an article page usually carries; markup is dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip = 0
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
            if key in _DATE_META:
                self.meta.setdefault("date", a.get("content", ""))
            elif key in {"og:title", "title"}:
                self.meta.setdefault("title", a.get("content", ""))
            elif key in {"og:site_name", "source"}:
                self.meta.setdefault("source", a.get("content", ""))
            elif key == "og:url":
                self.meta.setdefault("url", a.get("content", ""))
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("date", a["datetime"][:10])
        elif tag == "link" and a.get("rel", "").lower() == "canonical":
            self.meta.setdefault("url", a.get("href", ""))
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP_TAGS:
            self._skip += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self._title.append(data)
        elif not self._skip:
            self.parts.append(data)

    def result(self) -> tuple[str, dict[str, str]]:
        text = "".join(self.parts)
        text = re.sub(r"[ \t\r\f\v]+", " ", text)
        text = re.sub(r" *\n[ \n]*\n *", "\n\n", text)
        meta = dict(self.meta)
        if self._title and not meta.get("title"):
            meta["title"] = " ".join("".join(self._title).split())
        return text.strip(), meta


def _parse_html(raw: str, name: str) -> Article:
    parser = _HTMLText()
    parser.feed(raw)
    parser.close()
    text, meta = parser.result()
    body, headers = _split_headers(text)  # a date line in the page body works too
    for key, value in headers.items():
        meta.setdefault(key, value)
    return _make(body, meta.get("date"), name, title=meta.get("title", ""),
                 source=meta.get("source", ""), url=meta.get("url", ""))


# --- reading files ------------------------------------------------------------------------------

def _check_file(path: Path) -> int:
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    if not path.is_file():
        raise ArticleError(f"{path}: not a file")
    size = path.stat().st_size
    if size == 0:
        raise ArticleError(f"{path}: empty file")
    with path.open("rb") as fh:
        head = fh.read(8192)
    try:
        codec = sniff_encoding(head, str(path))
    except GeoError as exc:
        raise ArticleError(str(exc)) from None
    if not (head.decode(codec, "ignore") if codec.startswith("utf-16") else head).strip():
        raise ArticleError(f"{path}: empty file (only blanks)")
    return size, codec


def _decode(data: bytes, name: str, codec: str = "utf-8-sig") -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        what = "UTF-16" if codec.startswith("utf-16") else "UTF-8"
        raise ArticleError(
            f"{name}: not {what} text (byte {data[exc.start]:#04x} at offset {exc.start}); re-save it as UTF-8"
        ) from None


def read_articles(path) -> Iterator[Article]:
    """The articles of one file; the first bad file or bulk row raises ArticleError."""

    def fail(err: ArticleError) -> None:
        raise err

    yield from _read(Path(path), fail)


def iter_articles(
    paths: Iterable | str | Path, on_error: Callable[[ArticleError], None] | None = None
) -> Iterator[Article]:
    """The articles of files and folders (recursively); bad files and rows are reported and skipped."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    report = on_error or (lambda err: None)
    for item in paths:
        for path in _expand(Path(item)):
            try:
                yield from _read(path, report)
            except ArticleError as err:
                report(err)
            except (OSError, ValueError, RecursionError, MemoryError, csv.Error) as exc:  # one file never stops a batch
                report(ArticleError(f"{path}: unreadable ({type(exc).__name__}: {shorten(str(exc))[1:-1]})"))


def _expand(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES and not child.name.startswith("."):
                yield child
    else:
        yield path


def _read(path: Path, on_error: Callable[[ArticleError], None]) -> Iterator[Article]:
    size, codec = _check_file(path)
    suffix = path.suffix.lower()
    if suffix in {".csv", ".jsonl", ".ndjson"}:
        yield from _read_bulk(path, suffix, on_error, codec)
        return
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{path}: too large for one article ({size / MB:.1f} MB > {MAX_ARTICLE_BYTES / MB:.0f} MB);"
            " split it or use a CSV/JSONL bulk file"
        )
    raw = _decode(path.read_bytes(), str(path), codec)
    if suffix in {".html", ".htm"} or (suffix not in {".md", ".markdown"} and _looks_html(raw)):
        yield _parse_html(raw, str(path))
    else:
        yield parse_article(raw, name=str(path), markdown=suffix in {".md", ".markdown"})


def _looks_html(raw: str) -> bool:
    head = raw[:1000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


# --- bulk CSV / JSON Lines ----------------------------------------------------------------------

class _Lines:
    """Lines of a binary bulk file, each at most MAX_ROW_BYTES; a longer line is skipped and reported."""

    def __init__(self, fh, path: Path, on_error: Callable[[ArticleError], None]) -> None:
        self.fh = fh
        self.path = path
        self.on_error = on_error
        self.lineno = 0

    def __iter__(self) -> Iterator[str]:
        while True:
            line = self.fh.readline(MAX_ROW_BYTES + 1)
            if not line:
                return
            self.lineno += 1
            if len(line) > MAX_ROW_BYTES and not line.endswith(b"\n"):
                while (chunk := self.fh.readline(MB)) and not chunk.endswith(b"\n"):
                    pass
                self.on_error(_row_error(self.path, self.lineno, f"line longer than {MAX_ROW_BYTES / MB:.0f} MB, skipped"))
                yield "\n"
                continue
            if self.lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            yield line.decode("utf-8", errors="surrogateescape")


def _row_error(path: Path, lineno: int, why: str) -> ArticleError:
    return ArticleError(f"{path}:{lineno}: {why}")


def _from_row(row: dict, path: Path, lineno: int) -> Article:
    values = {k: (v if isinstance(v, str) else ("" if v is None else str(v)[:1000])) for k, v in row.items()}
    for key, value in values.items():
        if any("\udc80" <= ch <= "\udcff" for ch in value):
            raise _row_error(path, lineno, f"column {key!r} is not UTF-8 text")
    return _make(values.get("text", ""), values.get("date"), f"{path}:{lineno}",
                 title=values.get("title", ""), source=values.get("source", ""), url=values.get("url", ""))


def _read_bulk(path: Path, suffix: str, on_error, codec: str = "utf-8-sig") -> Iterator[Article]:
    with path.open("rb") as raw:
        # UTF-16 is re-encoded to UTF-8 on the fly, so lines stay bounded bytes either way
        fh = codecs.EncodedFile(raw, "utf-8", codec) if codec.startswith("utf-16") else raw
        lines = _Lines(fh, path, on_error)
        rows = _csv_rows(path, lines, on_error) if suffix == ".csv" else _jsonl_rows(path, lines, on_error)
        for lineno, row in rows:
            try:
                yield _from_row(row, path, lineno)
            except ArticleError as err:
                on_error(err)


def _csv_rows(path: Path, lines: _Lines, on_error) -> Iterator[tuple[int, dict]]:
    csv.field_size_limit(MAX_ROW_BYTES)
    records = csv_records(lines)
    header, why = csv_header(records)
    if header is None:
        raise ArticleError(f"{path}: {why}, expected a CSV with a date,text header")
    columns = [h.lower() for h in header]
    missing = [c for c in ("date", "text") if c not in columns]
    if missing:
        raise ArticleError(f"{path}: CSV lacks column(s) {', '.join(missing)} (has {shorten(', '.join(columns))})")
    for lineno, values, why in records:
        if values is None:
            on_error(_row_error(path, lineno, why))
            continue
        if not any(v.strip() for v in values):
            continue
        yield lineno, {c: v for c, v in zip(columns, values) if c in _BULK_COLUMNS}


def _jsonl_rows(path: Path, lines: _Lines, on_error) -> Iterator[tuple[int, dict]]:
    for line in lines:
        if not line.strip():
            continue
        try:
            row = json_row(line)
        except ValueError as exc:  # not JSON, too deep, a 5,000-digit number
            on_error(_row_error(path, lines.lineno, str(exc)))
            continue
        if not isinstance(row, dict):
            on_error(_row_error(path, lines.lineno, f"expected a JSON object, got {type(row).__name__}"))
            continue
        yield lines.lineno, {str(k).lower(): v for k, v in row.items() if str(k).lower() in _BULK_COLUMNS}
