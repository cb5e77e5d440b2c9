"""Reading untrusted files so that one bad byte, line or cell never stops a batch.

Shared by the article reader (geo/articles.py) and the importers (geo/imports.py):
- `text_encoding` finds a file's encoding (UTF-8, or UTF-16 by its BOM or its zero bytes) or
  refuses the whole file with one line naming the byte offset, before anything is written;
- `csv_records` yields CSV records with their line numbers; a malformed record (an unclosed
  quote above all) is reported alone and reading resumes on the line after its first one, so
  the rows it swallowed are not lost;
- `json_row` parses one JSON Lines row with its nesting depth and number sizes bounded;
- `clean_text` strips terminal escapes and control characters from a cell; `shorten` is how
  every error line quotes a value (repr, at most ~80 characters).
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections import deque
from pathlib import Path
from typing import Iterable, Iterator

from geo.errors import GeoError

__all__ = [
    "shorten",
    "clean_text",
    "safe_filename",
    "text_encoding",
    "sniff_encoding",
    "csv_records",
    "csv_header",
    "json_row",
    "MAX_JSON_DEPTH",
    "MAX_NUMBER_CHARS",
]

MAX_JSON_DEPTH = 20  # a flat article row has depth 1
MAX_NUMBER_CHARS = 40  # digits of one JSON number; Python's int() refuses 4,300 with a ValueError
_SHOWN = 80

# CSI (colours, cursor moves), OSC (window titles, hyperlinks) and two-character escapes,
# then every other C0/C1 control except tab, newline and carriage return.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def shorten(value: object, limit: int = _SHOWN) -> str:
    """`repr` of a value for an error line, cut to `limit` characters with the full length shown."""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}... ({len(text):,} characters)"


def clean_text(value: str) -> str:
    """The text without terminal escapes, NUL and other control characters (tab and newlines stay)."""
    if value.isprintable():
        return value
    return _CONTROL.sub("", _ANSI.sub("", value))


def safe_filename(name: str, default: str = "upload.txt", limit: int = 100) -> str:
    """A plain file name from an uploaded one: no folders, no '..', no control characters, not too long.

    The suffix is kept, since readers choose by it."""
    base = re.split(r"[\\/]", clean_text(str(name)))[-1].strip().strip(".")
    base = re.sub(r"[^\w .,()+-]", "_", base)
    if not base:
        return default
    stem, dot, suffix = base.rpartition(".")
    if not dot or len(suffix) > 10:
        stem, suffix = base, ""
    stem = stem.encode("utf-8")[: limit - len(suffix) - 1].decode("utf-8", "ignore").strip() or "upload"
    return f"{stem}.{suffix}" if suffix else stem


# --- encoding --------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CHUNK = 1 << 20


def text_encoding(path: Path, name: str | None = None) -> str:
    """The codec to read `path` with: 'utf-8-sig' or 'utf-16'. Anything else raises GeoError naming
    the first bad byte's offset and line: the file is refused whole, never read up to a bad byte."""
    shown = name or str(path)
    with open(path, "rb") as fh:
        codec = sniff_encoding(fh.read(4096), shown)
        decoder = codecs.getincrementaldecoder(codec)("strict")
        fh.seek(0)
        offset, lines = 0, 1
        while True:
            chunk = fh.read(_CHUNK)
            pending = decoder.getstate()[0]  # the start of a character cut by the last chunk
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                bad = offset - len(pending) + exc.start
                lines += exc.object[: exc.start].count(b"\n")
                raise GeoError(
                    f"{shown}: not {codec.split('-sig')[0].upper()} text: byte {exc.object[exc.start]:#04x} "
                    f"at offset {bad:,} (line {lines:,}); nothing was read. "
                    "Re-save it as UTF-8 (from Latin-1: iconv -f latin1 -t utf-8)"
                ) from None
            if not chunk:
                return codec
            offset += len(chunk)
            lines += chunk.count(b"\n")


def sniff_encoding(head: bytes, name: str) -> str:
    """The codec the first bytes of a file point to; GeoError for a binary file."""
    codec = next((c for bom, c in _BOMS if head.startswith(bom)), None)
    if codec is None and b"\x00" in head:
        codec = _utf16_without_bom(head)
        if codec is None:
            at = head.index(b"\x00")
            raise GeoError(f"{name}: binary file, not text (zero byte at offset {at}); expected UTF-8 text")
    return codec or "utf-8-sig"


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text of mostly ASCII characters has a zero byte in every other position."""
    even, odd = head[0::2], head[1::2]
    if len(head) >= 4 and odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if len(head) >= 4 and even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


# --- CSV -----------------------------------------------------------------------------------

class _Lines:
    """The lines csv.reader consumes, with the ones of the current record kept for a resume."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._source = iter(lines)
        self._pending: deque[str] = deque()
        self.taken: list[str] = []
        self.lineno = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self._pending.popleft() if self._pending else next(self._source)
        self.lineno += 1
        self.taken.append(line)
        return line

    def push_back(self, lines: list[str]) -> None:
        self._pending.extendleft(reversed(lines))
        self.lineno -= len(lines)


def csv_records(lines: Iterable[str], **fmt) -> Iterator[tuple[int, list[str] | None, str]]:
    """(first line number, fields or None, why) for each CSV record of `lines`, the header included.

    The reader is strict, so a stray or unclosed quote is an error rather than a record that
    swallows the next rows; the bad record's first line is reported and reading resumes on its
    second line.
    """
    src = _Lines(lines)
    reader = csv.reader(src, strict=True, **fmt)
    while True:
        src.taken = []
        start = src.lineno + 1
        try:
            rec = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            taken = src.taken
            if len(taken) > 1:
                src.push_back(taken[1:])
            why = f"malformed CSV ({exc})"
            if len(taken) > 1 and taken[0].count('"') % 2:
                why = f"malformed CSV: unclosed quote ({exc}); the lines after it are read as rows"
            yield start, None, why
            reader = csv.reader(src, strict=True, **fmt)
            continue
        yield start, rec, ""


def csv_header(records: Iterator[tuple[int, list[str] | None, str]]) -> tuple[list[str] | None, str]:
    """The first record's cells, stripped (a BOM too), or None and why the file has no header."""
    first = next(records, None)
    if first is None:
        return None, "empty file"
    if first[1] is None:
        return None, f"unreadable header ({first[2]})"
    return [h.strip().lstrip("\ufeff") for h in first[1]], ""


# --- JSON Lines ------------------------------------------------------------------------------

def _bounded_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number of {len(text):,} digits (at most {MAX_NUMBER_CHARS})")
    return int(text)


def _bounded_float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number of {len(text):,} characters (at most {MAX_NUMBER_CHARS})")
    return float(text)


def _no_constant(text: str) -> float:
    raise ValueError(f"{text} is not a JSON number")


def _depth_ok(line: str, limit: int) -> bool:
    """Cheap upper bound of the nesting depth: brackets counted outside strings would be exact,
    counting all of them over-estimates only for text holding many brackets."""
    if line.count("[") + line.count("{") <= limit:
        return True
    depth = 0
    in_string = escaped = False
    for ch in line:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def json_row(line: str) -> object:
    """One JSON Lines value; ValueError (JSONDecodeError is one) says why it is refused."""
    if not _depth_ok(line, MAX_JSON_DEPTH):
        raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        return json.loads(line, parse_int=_bounded_int, parse_float=_bounded_float, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError("nested too deeply") from None
