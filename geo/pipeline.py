"""Articles to stored events: extraction feeds the store, and a corrected gazetteer moves them.

The store knows nothing of articles or gazetteers; extraction knows nothing of the store.
This module is the one place that joins them (the CLI's `ingest`, the app's Save and first start).
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable, Iterable, Sized
from pathlib import Path
from typing import Any, TextIO

from geo.errors import ArticleError
from geo.extract.articles import Article, iter_articles
from geo.extract.events import extract_events
from geo.records import EVENT_FIELDS, Event
from geo.store.store import IngestReport, Store, content_hash

__all__ = ["ingest", "ingest_articles", "re_resolve", "gazetteer_version", "write_events", "throttled"]

Extract = Callable[[Article, Any], list[Event]]
Progress = Callable[[int, int], None]


def ingest(store: Store, paths: str | Path | Iterable[str | Path], gazetteer: Any = None, *,
           progress: Progress | None = None, extract: Extract | None = None) -> IngestReport:
    """Read article files, folders or bulk corpora, extract their events and store them."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    rejected: list[str] = []
    on_error = lambda err: rejected.append(str(err))  # noqa: E731 - ArticleError names the file
    if gazetteer is None:
        from geo.gazetteer.lookup import Gazetteer

        gazetteer = Gazetteer.open()
    report = ingest_articles(store, iter_articles(list(paths), on_error=on_error), gazetteer,
                             progress=progress, extract=extract)
    report.rejected[:0] = rejected
    return report


def ingest_articles(store: Store, articles: Iterable[Article], gazetteer: Any, *,
                    progress: Progress | None = None, extract: Extract | None = None) -> IngestReport:
    """Store the events of each article once. An article seen before adds nothing; when the
    gazetteer changed since, it is extracted again and its stored events take the new places.
    `progress(done, total)` after each article; total is 0 for a stream (a bulk corpus is not
    read twice to count it)."""
    extract = extract or extract_events
    total = len(articles) if isinstance(articles, Sized) else 0
    version = gazetteer_version(gazetteer)
    report = IngestReport()
    for i, art in enumerate(articles, 1):
        digest = content_hash(str(art.date), art.title or "", art.text)
        seen = store.article_version(digest)
        if seen is not None and version and seen == version:
            report.skipped += 1
        else:
            try:
                events = extract(art, gazetteer)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop a corpus
                report.rejected.append(f"{art.path or art.article_id}: extraction failed: {exc}")
                events = None
            if events is not None and seen is not None:
                report.skipped += 1
                moved, new = store.relocate(events, digest, version)
                report.updated += moved
                if new:  # a place the gazetteer did not know before: its event appears now
                    report += store.add_events(new, source=art.source or "", url=art.url or "")
            elif events is not None:
                done = store.add_events(
                    events, article_id=art.article_id, content_hash=digest, source=art.source or "",
                    url=art.url or "", gazetteer_version=version,
                )
                done.rejected = [f"{art.path or art.article_id}: {why}" for why in done.rejected]  # name the file
                report += done
        if progress:
            progress(i, total)
    return report


def re_resolve(store: Store, gazetteer: Any, names: Iterable[str] | None = None) -> int:
    """Re-geocode the stored events whose place is one of `names` (all when None); how many changed."""
    return store.update_places(lambda place, sentence: _geo_fields(gazetteer, place, sentence), names)


def gazetteer_version(gazetteer: Any) -> str:
    """Changes whenever the gazetteer's files do (a user correction writes one); '' when unknown."""
    parts = []
    for path in (getattr(gazetteer, "path", None), getattr(getattr(gazetteer, "user", None), "path", None)):
        for f in (Path(path), Path(f"{path}-wal")) if path else ():
            if f.exists():
                st = f.stat()
                parts.append(f"{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def _geo_fields(gazetteer: Any, place: str, sentence: str) -> dict[str, Any] | None:
    """The geocoding columns the gazetteer gives `place` (in its sentence) now; None when it knows none."""
    if not place:
        return None
    found = gazetteer.resolve(place, context=sentence or None)
    if found is None:
        return None
    return {
        "location": found.name,
        "admin1": found.admin1,
        "country_code": found.country_code,
        "lat": found.lat,
        "lon": found.lon,
        "geonameid": found.geonameid,
        "geo_precision": found.geo_precision,
    }


def write_events(paths: Iterable, gazetteer: Any, out: TextIO, fmt: str = "jsonl",
                 on_error: Callable[[ArticleError], None] | None = None,
                 scopes: tuple[str, ...] = ("event",)) -> tuple[int, int]:
    """Extract the events of article files and bulk corpora and write them; (articles, events) written.

    By default only the events the map draws (scope "event"); pass all of SCOPES for older history
    and country-level events too.
    JSON Lines and CSV stream article by article; GeoJSON (one Point feature per event, a null
    geometry for an unresolved place) is written as one FeatureCollection.
    """
    from geo.formats.exports import geojson_feature

    n_articles = n_events = 0
    writer = csv.DictWriter(out, fieldnames=EVENT_FIELDS, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writeheader()
    if fmt == "geojson":
        out.write('{"type": "FeatureCollection", "features": [')
    for article in iter_articles(paths, on_error):
        n_articles += 1
        for event in extract_events(article, gazetteer):
            if event.scope not in scopes:
                continue
            record = event.to_dict()
            if writer is not None:
                writer.writerow(record)
            elif fmt == "geojson":
                out.write(("," if n_events else "") + "\n" + json.dumps(geojson_feature(record), ensure_ascii=False))
            else:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n_events += 1
        out.flush()
    if fmt == "geojson":
        out.write("\n]}\n")
    return n_articles, n_events


def throttled(report: Callable[[int, int], None], seconds: float = 0.5) -> Callable[[int, int], None]:
    """`report(done, total)` at most every `seconds`, and always for the last item: a progress
    bar redrawn for each of 190,000 articles made a Save three times slower than the CLI."""
    last = 0.0

    def call(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= seconds or (total and done >= total):
            last = now
            report(done, total)

    return call
