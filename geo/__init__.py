"""Conflict event map: news articles -> located, dated, attributed events.

No Streamlit here: the app in app.py and pages/ only calls this package.
"""

from .errors import ArticleError, GazetteerError, GeoError, ImportFormatError, SnapshotError, StoreError
from .records import EVENT_FIELDS, Event, EventFilter, Mention, Place
from .gazetteer import Gazetteer
from .geocoder import OfflineGeocoder

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
    # gazetteer
    "Gazetteer",
    "OfflineGeocoder",
]
