"""`python -m geo VERB ...`: every step of the pipeline from the command line.

Each verb has one `_add_<verb>` function that declares its arguments and a `_run_<verb>`
handler. Handlers import their modules lazily so `--help` stays instant.
Any GeoError becomes one line on stderr and exit code 1; a batch verb that finished with
rejected files or rows exits with REJECTED (3), after its summary.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from typing import Callable, Sequence

from geo.errors import GeoError
from geo.evaluate.commands import add_eval, print_json
from geo.reading import shorten
from geo.records import SCOPES

__all__ = ["main", "REJECTED"]

REJECTED = 3  # the batch finished, but some files or rows were refused (each named on stderr)
EXIT_CODES = (
    "exit codes: 0 everything was read and stored; 1 an error stopped the command (one line on stderr); "
    f"2 bad arguments; {REJECTED} the batch finished but some files or rows were rejected (one line each on "
    "stderr with file and line, the summary on stdout)"
)


# --- gazetteer / geocode (gazetteer issue) -------------------------------------------------

def _add_gazetteer(sub) -> None:
    p = sub.add_parser("gazetteer", help="build or extend the offline gazetteer")
    gsub = p.add_subparsers(dest="gaz_cmd", required=True)
    b = gsub.add_parser("build", help="(re)build the gazetteer from the packaged sources")
    b.add_argument("--force", action="store_true", help="rebuild even if a valid file exists")
    b.set_defaults(func=_run_gazetteer_build)
    i = gsub.add_parser("import", help="import a GeoNames dump file (allCountries.txt, SY.txt, alternateNamesV2.txt)")
    i.add_argument("file")
    i.set_defaults(func=_run_gazetteer_import)


def _run_gazetteer_build(args) -> int:
    from geo.gazetteer.lookup import Gazetteer
    from geo.settings import gazetteer_path

    path = gazetteer_path()
    problem = None if args.force else Gazetteer.check(path, thorough=True)
    if problem:
        print(f"gazetteer {path}: {problem}; rebuilding", file=sys.stderr)
    if not args.force and problem is None:
        print(f"gazetteer {path} is up to date (use --force to rebuild)")
        return 0
    stats = Gazetteer.build(path, progress=True)
    print(f"built {path}: {stats['places']} places, {stats['names']} names in {stats['seconds']} s")
    return 0


def _run_gazetteer_import(args) -> int:
    from geo.gazetteer.lookup import Gazetteer
    from geo.gazetteer.geonames_import import import_geonames

    gaz = Gazetteer.open(progress=True)
    gaz.close()
    stats = import_geonames(gaz.path, args.file, progress=True)
    print(f"imported {args.file}: " + ", ".join(f"{v} {k}" for k, v in stats.items()))
    return 0


def _add_geocode(sub) -> None:
    p = sub.add_parser("geocode", help="resolve one place name to coordinates (JSON)")
    p.add_argument("query")
    p.add_argument("--country", help="ISO 3166-1 alpha-2 code to restrict to")
    p.add_argument("--context", help="text around the name, used to disambiguate")
    p.set_defaults(func=_run_geocode)


def _run_geocode(args) -> int:
    from geo.gazetteer.geocoder import OfflineGeocoder

    location = OfflineGeocoder().geocode(args.query, country=args.country, context=args.context)
    if location is None:
        raise GeoError(f"no place found for {shorten(args.query)}")
    print_json(location.raw)
    return 0


# --- eval (gazetteer and extraction issues) -------------------------------------------------

# --- extract (extraction issue) -------------------------------------------------------------

def _add_extract(sub) -> None:
    p = sub.add_parser("extract", help="print the events of article files or bulk CSV/JSONL corpora", epilog=EXIT_CODES)
    p.add_argument("paths", nargs="+")
    p.add_argument("--format", choices=["jsonl", "csv", "geojson"], default="jsonl")
    p.add_argument("--all", dest="scopes", action="store_const", const=SCOPES, default=("event",), help="also history, country-level")
    p.set_defaults(func=_run_extract)


def _run_extract(args) -> int:
    from geo.gazetteer.lookup import Gazetteer
    from geo.pipeline import write_events

    rejected = 0

    def report(err: GeoError) -> None:
        nonlocal rejected
        rejected += 1
        print(f"error: {err}", file=sys.stderr)

    articles, _ = write_events(args.paths, Gazetteer.open(), sys.stdout, args.format, on_error=report, scopes=args.scopes)
    return 1 if not articles else REJECTED if rejected else 0


# --- store verbs (store issue) --------------------------------------------------------------

def _add_db_option(p) -> None:
    p.add_argument("--db", help="event store file (default: $GEO_DB or data/events.db)")


def _add_filter_options(p, *, bbox_help: str = "south,west,north,east in degrees") -> None:
    """The store's filters, spelled the same on every verb that reads events."""
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="events ending on or after this day")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="events starting on or before this day")
    p.add_argument("--actor", action="append", default=[], help="events of this actor (repeatable)")
    p.add_argument("--type", dest="event_type", action="append", default=[], help="this event type (repeatable)")
    p.add_argument("--country", action="append", default=[], help="ISO alpha-2 country code (repeatable)")
    p.add_argument("--admin1", action="append", default=[], help="first-level region (repeatable)")
    p.add_argument("--bbox", metavar="S,W,N,E", help=bbox_help)
    p.add_argument("--text", default="", help="free text in sentence, place or actors")
    p.add_argument("--min-confidence", type=float, default=0.0)
    p.add_argument("--scope", action="append", default=[], choices=SCOPES, help="event (drawn), background, country")


def _parse_bbox(value: str) -> tuple[float, float, float, float]:
    from geo.errors import BBoxError
    from geo.geometry import parse_bbox

    try:
        return parse_bbox(value)
    except BBoxError as exc:
        raise BBoxError(f"--{exc}") from None


def _event_filter(args, *, limit: int | None = None):
    from datetime import date

    from geo.records import EventFilter
    from geo.taxonomy import EVENT_TYPES

    for day in (args.date_from, args.date_to):
        if day is not None:
            try:
                date.fromisoformat(day)
            except ValueError:
                raise GeoError(f"dates must be YYYY-MM-DD: {shorten(day)}") from None
    unknown = [t for t in args.event_type if t not in EVENT_TYPES]
    if unknown:
        raise GeoError(f"unknown event type {shorten(unknown[0])} (one of: {', '.join(EVENT_TYPES)})")
    return EventFilter(
        date_from=args.date_from, date_to=args.date_to, actors=tuple(args.actor), event_types=tuple(args.event_type),
        countries=tuple(c.upper() for c in args.country), admin1=tuple(args.admin1),
        bbox=_parse_bbox(args.bbox) if args.bbox else None, text=args.text,
        min_confidence=args.min_confidence, limit=limit, scopes=tuple(getattr(args, "scope", ())),
    )


def _check_store(db: str | None) -> None:
    """Reading verbs refuse a missing file instead of creating an empty store there."""
    from pathlib import Path

    if db and db != ":memory:" and "://" not in db and not Path(db).is_file():
        raise GeoError(f"no event store at {db!r} (create it with `python -m geo ingest` or `import`)")


def _add_ingest(sub) -> None:
    p = sub.add_parser("ingest", help="extract events from articles and save them in the store", epilog=EXIT_CODES)
    p.add_argument("paths", nargs="+")
    _add_db_option(p)
    p.set_defaults(func=_run_ingest)


def _run_ingest(args) -> int:
    from tqdm import tqdm

    from geo.pipeline import ingest, throttled
    from geo.store.store import Store

    with Store(args.db) as store, tqdm(unit="article", disable=None, file=sys.stderr) as bar:
        # not on a terminal (a cron job, a log file): a line every 30 s instead of a bar
        note = throttled(lambda done, total: print(f"ingest: {done:,} articles read", file=sys.stderr, flush=True), 30)

        def progress(done: int, total: int) -> None:
            if bar.disable:
                note(done, 0)
                return
            bar.total = total or None
            bar.update(done - bar.n)

        report = ingest(store, args.paths, progress=progress)
    for why in report.rejected:
        print(f"rejected: {why}", file=sys.stderr)
    print(report.summary())
    return REJECTED if report.rejected else 0


def _add_import(sub) -> None:
    p = sub.add_parser("import", help="import ACLED, UCDP GED or GDELT 2.0 event files", epilog=EXIT_CODES)
    p.add_argument("--format", choices=["acled", "ucdp", "gdelt"], required=True)
    p.add_argument("file")
    _add_db_option(p)
    p.set_defaults(func=_run_import)


def _run_import(args) -> int:
    from geo.formats.imports import import_file
    from geo.store.store import Store

    with Store(args.db) as store:
        report = import_file(store, args.file, args.format)
    for why in report.rejected:
        print(f"rejected: {args.file}: {why}", file=sys.stderr)
    print(report.summary())
    return REJECTED if report.rejected else 0


def _add_events(sub) -> None:
    p = sub.add_parser("events", help="write the filtered events of the store")
    p.add_argument("--format", choices=["csv", "geojson", "kml", "acled"], default="csv")
    p.add_argument("--out", help="write to this file instead of standard output")
    _add_filter_options(p)
    p.add_argument("--limit", type=int)
    _add_db_option(p)
    p.set_defaults(func=_run_events)


def _run_events(args) -> int:
    from geo.formats.exports import export_events
    from geo.store.store import Store

    flt = _event_filter(args, limit=args.limit)
    _check_store(args.db)
    with Store(args.db) as store:
        n = export_events(store, flt, args.format, args.out)
    if args.out:
        print(f"{args.out} ({args.format}, {n} events)", file=sys.stderr)
    return 0


# --- snapshot (snapshot issue) --------------------------------------------------------------

def _add_snapshot(sub) -> None:
    p = sub.add_parser("snapshot", help="render the filtered map to PNG, PDF, HTML or an animated GIF/MP4")
    p.add_argument("--out", required=True, help="output file; its suffix gives the format unless --format")
    p.add_argument("--format", choices=["png", "pdf", "html", "gif", "mp4"])
    p.add_argument("--title", help="title printed on the picture (default: Conflict events)")
    p.add_argument("--extent", choices=["view", "events"], default="view",
                   help="view: the --bbox as given; events: fitted to the events in it (named in the caption)")
    _add_filter_options(p, bbox_help="map view and event filter: south,west,north,east in degrees")
    p.add_argument("--zoom", type=int, help="zoom level (default: fit the box or the events)")
    p.add_argument("--size", default="1600x1000", metavar="WxH", help="picture size in CSS pixels (default 1600x1000)")
    p.add_argument("--scale", type=float, default=1.0, help="device pixel ratio: 2 for print (default 1)")
    p.add_argument("--basemap", choices=["offline", "osm", "carto"], default="offline", help="osm/carto need the network")
    p.add_argument("--mode", choices=["markers", "cluster", "heatmap"], default="markers")
    p.add_argument("--step", choices=["day", "week"], default="day", help="animation: one frame per day or week")
    p.add_argument("--cumulative", action="store_true", help="animation: each frame shows all events so far")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds the browser may take per picture")
    _add_db_option(p)
    p.set_defaults(func=_run_snapshot)


def _run_snapshot(args) -> int:
    from geo.render import output, snapshot
    from geo.store.store import Store

    flt = _event_filter(args)
    _check_store(args.db)
    width, height = snapshot.parse_size(args.size)
    target, fmt = output.check_output(args.out, args.format)
    with Store(args.db) as store:
        events = store.query(flt)
    view = snapshot.View(
        bounds=flt.bbox, zoom=args.zoom, width=width, height=height, scale=args.scale,
        basemap=args.basemap, mode=args.mode, caption=snapshot.caption_for(flt, len(events), args.basemap),
        title=args.title, extent=args.extent,
    )
    path = output.snapshot(
        events, target, fmt=fmt, view=view, date_from=args.date_from, date_to=args.date_to,
        step=args.step, cumulative=args.cumulative, timeout_s=args.timeout,
    )
    print(f"{path} ({fmt}, {len(events)} events)")
    return 0


# --- entry point ----------------------------------------------------------------------------

_VERBS: tuple[Callable, ...] = (
    _add_gazetteer,
    _add_geocode,
    add_eval,
    _add_extract,
    _add_ingest,
    _add_import,
    _add_events,
    _add_snapshot,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m geo", description="Conflict event map: articles to mapped events.", epilog=EXIT_CODES
    )
    sub = parser.add_subparsers(dest="verb", required=True)
    for add in _VERBS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except GeoError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except sqlite3.DatabaseError as exc:  # a damaged file met mid-run (gazetteer, store)
        print(f"error: {exc} (a damaged database file: `python -m geo gazetteer build` checks and rebuilds the "
              "gazetteer; restore the event store from a copy)", file=sys.stderr)
        return 1
    except OSError as exc:  # disk full while writing output, a file vanished: one line, not a traceback
        where = f" {exc.filename!r}" if exc.filename else ""
        print(f"error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except MemoryError:
        print("error: out of memory", file=sys.stderr)
        return 1
