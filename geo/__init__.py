"""Conflict event map: news articles -> located, dated, attributed events.

No Streamlit here: the app in app.py and pages/ only calls this package.
"""

from .errors import ArticleError, GazetteerError, GeoError, ImportFormatError, SnapshotError, StoreError
from .records import EVENT_FIELDS, Event, EventFilter, Mention, Place
from .gazetteer import Gazetteer
from .articles import Article, iter_articles, parse_article, read_articles

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

_LAZY = {"OfflineGeocoder": "geocoder", "Store": "store", "IngestReport": "store", "import_file": "imports", "ImportReport": "imports",
         "export_events": "exports", "extract_events": "events", "find_mentions": "events"}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
