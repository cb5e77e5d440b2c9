"""Existing event data (ACLED, UCDP GED, GDELT 2.0) into the store's schema.

Each reader turns one row into an `Event` or raises ValueError naming the bad field; the
importer reports that row with its line number and goes on. A file whose header (or first
row) does not have its format's layout is refused whole with ImportFormatError, before
anything is written.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from geo.errors import ImportFormatError, StoreError
from geo.formats.acled import ACLED_COLUMNS, ACLED_REQUIRED, acled_event
from geo.formats.fields import Ignored
from geo.formats.gdelt import GDELT_COLUMNS, gdelt_event
from geo.formats.ucdp import UCDP_COLUMNS, UCDP_REQUIRED, ucdp_event
from geo.records import Event
from geo.store.store import Store, validate_event

__all__ = ["ImportReport", "import_file", "READERS"]

_BATCH = 5000


@dataclass
class ImportReport:
    """Rows read; events added, merged into one already stored, skipped as already imported,
    ignored (GDELT verbal/cooperative codes, not an event type); rejected rows with line numbers."""

    fmt: str
    rows: int = 0
    added: int = 0
    merged: int = 0
    skipped: int = 0
    ignored: int = 0
    rejected: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.fmt}: {self.rows} rows: added {self.added}, merged {self.merged}, skipped {self.skipped} "
            f"(already stored), ignored {self.ignored} (not an event type), rejected {len(self.rejected)}"
        )


def _csv_rows(fh, fmt: str, path: Path, columns: tuple[str, ...], required: tuple[str, ...]) -> Iterator[tuple[int, dict | None, str]]:
    """(line number, row or None, why) for every record of a headed CSV; the header is checked first."""
    reader = csv.reader(fh, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFormatError(f"{path}: empty file, expected a {fmt} CSV with a header row") from None
    except csv.Error as exc:
        raise ImportFormatError(f"{path}: not a CSV file ({exc})") from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        hint = _guess_format(header)
        raise ImportFormatError(
            f"{path}: not in the {fmt} CSV layout: missing column(s) {', '.join(missing)} "
            f"(expected {fmt}'s header {', '.join(columns[:8])}, ...){hint}"
        )
    line = reader.line_num
    while True:
        start = line + 1
        try:
            rec = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = reader.line_num
            yield start, None, f"malformed CSV ({exc})"
            continue
        line = reader.line_num
        if not rec or rec == [""]:
            continue
        if len(rec) != len(header):
            yield start, None, f"{len(rec)} fields, the header has {len(header)}"
            continue
        yield start, dict(zip(header, rec)), ""


def _guess_format(header: list[str]) -> str:
    cols = set(header)
    for name, req in (("acled", ACLED_REQUIRED), ("ucdp", UCDP_REQUIRED)):
        if set(req) <= cols:
            return f"; it looks like {name.upper()}: use --format {name}"
    if "GLOBALEVENTID" in cols or len(header) in (57, 58, 61):
        return "; it looks like GDELT: use --format gdelt"
    return ""


def _gdelt_rows(fh, path: Path) -> Iterator[tuple[int, list[str] | None, str]]:
    first = True
    for n, line in enumerate(fh, 1):
        if not line.strip():
            continue
        cols = line.rstrip("\r\n").split("\t")
        if first:
            first = False
            if cols[0].strip() == "GLOBALEVENTID":
                continue
            if len(cols) != len(GDELT_COLUMNS):
                extra = " (GDELT 1.0 has 57 or 58)" if len(cols) in (57, 58) else ""
                raise ImportFormatError(
                    f"{path}: not a GDELT 2.0 event export: line {n} has {len(cols)} tab-separated columns{extra}, "
                    f"expected {len(GDELT_COLUMNS)} (GLOBALEVENTID, SQLDATE, ..., SOURCEURL)"
                )
        if len(cols) != len(GDELT_COLUMNS):
            yield n, None, f"{len(cols)} columns, expected {len(GDELT_COLUMNS)}"
        else:
            yield n, cols, ""


READERS: dict[str, str] = {"acled": "ACLED export CSV", "ucdp": "UCDP GED CSV", "gdelt": "GDELT 2.0 event export"}


def _events(path: Path, fmt: str, report: ImportReport) -> Iterator[Event]:
    converters: dict[str, Callable] = {"acled": acled_event, "ucdp": ucdp_event, "gdelt": gdelt_event}
    seen: dict[str, int] = {}
    with open(path, encoding="utf-8-sig", errors="strict", newline="") as fh:
        if fmt == "gdelt":
            rows = _gdelt_rows(fh, path)
        elif fmt == "acled":
            rows = _csv_rows(fh, "ACLED", path, ACLED_COLUMNS, ACLED_REQUIRED)
        else:
            rows = _csv_rows(fh, "UCDP GED", path, UCDP_COLUMNS, UCDP_REQUIRED)
        line = 0
        try:
            for line, row, why in rows:
                report.rows += 1
                if row is None:
                    report.rejected.append(f"line {line}: {why}")
                    continue
                try:
                    ev = converters[fmt](row)
                    validate_event(ev)
                except Ignored:
                    report.ignored += 1
                    continue
                except (ValueError, KeyError) as exc:
                    report.rejected.append(f"line {line}: {exc}")
                    continue
                if ev.event_id in seen:
                    report.rejected.append(f"line {line}: duplicate id {ev.event_id!r} (first on line {seen[ev.event_id]})")
                    continue
                seen[ev.event_id] = line
                yield ev
        except UnicodeDecodeError as exc:
            report.rejected.append(f"after line {line}: not UTF-8 text ({exc.reason}); the rest of the file was not read")


def import_file(store: Store, path: str | Path, fmt: str, *, dedup: bool | None = None) -> ImportReport:
    """Import one file; every batch of rows is one transaction, re-importing skips stored ids.

    GDELT reports the same event many times, so its rows are merged by the store's
    cross-article rule; ACLED and UCDP rows are already coded events and stay one each.
    """
    if fmt not in READERS:
        raise ImportFormatError(f"unknown import format {fmt!r} (expected one of {', '.join(READERS)})")
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    report = ImportReport(fmt)
    dedup = fmt == "gdelt" if dedup is None else dedup
    done = store.add_many(_events(path, fmt, report), dedup=dedup, batch=_BATCH)
    report.added, report.merged, report.skipped = done.added, done.merged, done.skipped
    report.rejected += done.rejected
    return report

