"""Streamlit glue every page shares: the cached store, gazetteer and query results, and the filter.

Not a page (app.py does not register it). Resources are cached once per process
(`st.cache_resource`), query results per filter and store version (`st.cache_data`): any write,
from a page or from the CLI in another process, bumps the version and so refreshes them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.ui import first_start, uploads, url_state
from geo.records import EventFilter

FILTER_KEY = "filter"  # the sidebar's EventFilter, set by app.py on every run
# Widget keys shared by app.py (the sidebar) and the pages
FILTER_KEYS = {
    "dates": "f_dates", "actors": "f_actors", "event_types": "f_types", "countries": "f_countries", "text": "f_text",
    "admin1": "f_admin1", "sub_event_types": "f_subs", "min_fatalities": "f_dead", "precisions": "f_precision",
    "country_level": "f_country_level",
    "background": "f_background",
}


def use_router() -> None:
    """Make sure app.py (router and sidebar) runs, whatever URL the process first served.

    Streamlit starts a process in its old folder-based page mode when a `pages/` folder sits
    beside the main script, until `st.navigation` runs once: a shared link to /events opened
    first would run pages/events.py alone, without the sidebar or the link's filters. Every
    page calls this first; it leaves that mode and reruns through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", None):
        PagesManager.uses_pages_directory = False
        st.rerun()


@st.cache_resource(show_spinner=False)
def store():
    from geo.store.store import Store

    return Store()


@st.cache_resource(show_spinner="Opening the gazetteer (built on the first start)...")
def gazetteer():
    from geo.gazetteer.lookup import Gazetteer

    return Gazetteer.open()


@st.cache_resource(show_spinner="First start: loading the sample articles of seeds/ ...")
def ready() -> first_start.ReadyReport:
    return first_start.ensure_ready(store(), gazetteer)


def stored(flt: EventFilter) -> EventFilter:
    """The sidebar offers single actors; the store also keeps joint sides ("A; B") as one value."""
    return url_state.stored_actors(flt, distinct("actor"))


def current_filter() -> EventFilter:
    return st.session_state.get(FILTER_KEY, EventFilter())


def store_version() -> int:
    """Changes with every write to the store, from this process or another (a CLI ingest): part
    of every cached result's key, so the next run of any page shows the new data."""
    return store().version()


def query(flt: EventFilter, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    return _query(store_version(), stored(flt), columns)


def count(flt: EventFilter) -> int:
    return _count(store_version(), stored(flt))


def map_data(flt: EventFilter) -> str:
    """The live map's data file for `flt` (under ./static), written once per filter and store version."""
    return _map_data(store_version(), stored(flt))


def event_detail(event_id: str) -> dict[str, str | int] | None:
    """What the map's popup adds to its own data for the selected event: sentence and source."""
    return _event_detail(store_version(), event_id)


def span() -> tuple[str, str] | None:
    return _span(store_version())


def distinct(column: str) -> list[str]:
    return _distinct(store_version(), column)


def sources(event_id: str) -> pd.DataFrame:
    return _sources(store_version(), event_id)


@st.cache_data(show_spinner=False, max_entries=16)  # a frame of 100,000 events is ~60 MB; old versions age out
def _query(version: int, flt: EventFilter, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    return store().query(flt, columns=columns)


@st.cache_data(show_spinner=False, max_entries=256)
def _count(version: int, flt: EventFilter) -> int:
    return store().count(flt)


@st.cache_data(show_spinner="Preparing the map...", max_entries=32)
def _map_data(version: int, flt: EventFilter) -> str:
    """Only the file's name is cached: the events themselves leave the server's memory."""
    from geo.render import map_data as data

    return data.write_payload(store().query(flt, columns=data.MAP_DATA_COLUMNS))


@st.cache_data(show_spinner=False, max_entries=256)
def _event_detail(version: int, event_id: str) -> dict[str, str | int] | None:
    found = store().sources(event_id)
    if found.empty:
        return None
    first = found.iloc[0]
    return {"id": event_id, "sentence": str(first["sentence"] or ""), "source": str(first["source"] or ""),
            "url": str(first["url"] or ""), "n_sources": int(len(found))}


@st.cache_data(show_spinner=False, max_entries=4)
def _span(version: int) -> tuple[str, str] | None:
    return store().span()


@st.cache_data(show_spinner=False, max_entries=32)
def _distinct(version: int, column: str) -> list[str]:
    return store().distinct(column)


@st.cache_data(show_spinner=False, max_entries=256)
def _sources(version: int, event_id: str) -> pd.DataFrame:
    return store().sources(event_id)


def survey_upload(upload) -> "uploads.UploadSurvey":
    """An uploaded file read once (a count, a preview, its errors), not on every rerun of the page.
    Keyed by Streamlit's file id, so 190 MB of bytes are neither hashed nor kept in the cache."""
    return _survey(upload.file_id, upload.size, upload.name, upload)


@st.cache_data(show_spinner="Reading the upload...", max_entries=32)
def _survey(file_id: str, size: int, name: str, _upload) -> "uploads.UploadSurvey":
    return uploads.survey(_upload, name)


def store_changed() -> None:
    """After a page writes to the store every cached result is stale."""
    st.cache_data.clear()


@st.cache_resource(show_spinner="First start: building the offline basemap from its packages (once, 1-3 minutes)...")
def local_assets() -> None:
    """Leaflet & co. and the offline basemap's tiles in ./static (served at /app/static), and every
    folium map pointed there."""
    from geo.render import assets, basemap

    basemap.install_tiles(assets.install_static())
    assets.use_local_assets()
