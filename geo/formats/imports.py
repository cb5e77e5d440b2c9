"""Existing event data (ACLED, UCDP GED, GDELT 2.0) into the store's schema.

Each reader turns one row into an `Event` or raises ValueError naming the bad field; the
importer reports that row with its line number and goes on. A file whose header (or first
row) does not have its format's layout is refused whole with ImportFormatError, before
anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from geo.errors import GeoError, ImportFormatError, StoreError
from geo.formats.acled import ACLED_COLUMNS, ACLED_REQUIRED, acled_event
from geo.formats.fields import Ignored
from geo.formats.exports import restore_cell
from geo.formats.gdelt import GDELT_COLUMNS, gdelt_event
from geo.formats.ucdp import UCDP_COLUMNS, UCDP_REQUIRED, ucdp_event
from geo.reading import clean_text, csv_header, csv_records, shorten, text_encoding
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
    records = csv_records(fh)
    header, why = csv_header(records)
    if header is None:
        raise ImportFormatError(f"{path}: {why}, expected a {fmt} CSV with a header row")
    missing = [c for c in required if c not in header]
    if missing:
        hint = _guess_format(header)
        raise ImportFormatError(
            f"{path}: not in the {fmt} CSV layout: missing column(s) {', '.join(missing)} "
            f"(expected {fmt}'s header {', '.join(columns[:8])}, ...){hint}"
        )
    for start, rec, why in records:
        if rec is None:
            yield start, None, why
        elif not rec or rec == [""]:
            continue
        elif len(rec) != len(header):
            yield start, None, f"{len(rec)} fields, the header has {len(header)}"
        else:  # our own ACLED export guards formula-like cells with a "'": restore_cell removes it
            yield start, {h: restore_cell(clean_text(v)) for h, v in zip(header, rec)}, ""


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
        cols = clean_text(line.rstrip("\r\n")).split("\t")
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


def _events(path: Path, fmt: str, report: ImportReport, encoding: str) -> Iterator[Event]:
    converters: dict[str, Callable] = {"acled": acled_event, "ucdp": ucdp_event, "gdelt": gdelt_event}
    seen: dict[str, int] = {}
    with open(path, encoding=encoding, errors="strict", newline="") as fh:
        if fmt == "gdelt":
            rows = _gdelt_rows(fh, path)
        elif fmt == "acled":
            rows = _csv_rows(fh, "ACLED", path, ACLED_COLUMNS, ACLED_REQUIRED)
        else:
            rows = _csv_rows(fh, "UCDP GED", path, UCDP_COLUMNS, UCDP_REQUIRED)
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
            except (ValueError, KeyError, OverflowError, RecursionError) as exc:
                report.rejected.append(f"line {line}: {exc}")
                continue
            if ev.event_id in seen:
                report.rejected.append(f"line {line}: duplicate id {shorten(ev.event_id)} (first on line {seen[ev.event_id]})")
                continue
            seen[ev.event_id] = line
            yield ev


def import_file(store: Store, path: str | Path, fmt: str, *, dedup: bool | None = None) -> ImportReport:
    """Import one file; every batch of rows is one transaction, re-importing skips stored ids.

    GDELT reports the same event many times, so its rows are merged by the store's
    cross-article rule; ACLED and UCDP rows are already coded events and stay one each.
    """
    if fmt not in READERS:
        raise ImportFormatError(f"unknown import format {shorten(fmt)} (expected one of {', '.join(READERS)})")
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    try:
        encoding = text_encoding(path)  # a bad byte refuses the file before anything is written
    except GeoError as exc:
        raise ImportFormatError(str(exc)) from None
    report = ImportReport(fmt)
    dedup = fmt == "gdelt" if dedup is None else dedup
    done = store.add_many(_events(path, fmt, report, encoding), dedup=dedup, batch=_BATCH)
    report.added, report.merged, report.skipped = done.added, done.merged, done.skipped
    report.rejected += done.rejected
    return report

