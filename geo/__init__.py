"""Conflict event map: news articles -> located, dated, attributed events.

No Streamlit here: the app in app.py and pages/ only calls this package. The subpackages, in
the order data flows: gazetteer, extract, pipeline, store, formats, render, ui (README's Code map).
"""

from geo.lazy import lazy_exports
from geo.errors import ArticleError, BBoxError, GazetteerError, GeoError, ImportFormatError, SnapshotError, StoreError
from geo.records import EVENT_FIELDS, Event, EventFilter, Mention, Place
from geo.gazetteer.lookup import Gazetteer
from geo.extract.articles import Article, iter_articles, parse_article, read_articles

__all__ = [
    # records
    "Place",
    "Mention",
    "Event",
    "EVENT_FIELDS",
    "EventFilter",
    # errors
    "GeoError",
    "GazetteerError",
    "ArticleError",
    "StoreError",
    "ImportFormatError",
    "SnapshotError",
    "BBoxError",
    # gazetteer (the geopy geocoder loaded on first use: geopy takes 70 ms to import)
    "Gazetteer",
    "OfflineGeocoder",
    # articles and extraction (extraction loaded on first use)
    "Article",
    "read_articles",
    "iter_articles",
    "parse_article",
    "extract_events",
    "find_mentions",
    # store (loaded on first use: it pulls in pandas)
    "Store",
    "IngestReport",
    "import_file",
    "ImportReport",
    "export_events",
]

_LAZY = {"OfflineGeocoder": "gazetteer.geocoder", "Store": "store.store", "IngestReport": "store.store",
         "import_file": "formats.imports", "ImportReport": "formats.imports", "export_events": "formats.exports",
         "extract_events": "extract.events", "find_mentions": "extract.events"}
_, __getattr__ = lazy_exports(__name__, _LAZY)
