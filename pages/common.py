"""Streamlit glue every page shares: the cached store, gazetteer and query results, and the filter.

Not a page (app.py does not register it). Resources are cached once per process
(`st.cache_resource`), query results per filter (`st.cache_data`) until a page writes to the store.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.ui import first_start, uploads
from geo.records import EventFilter

FILTER_KEY = "filter"  # the sidebar's EventFilter, set by app.py on every run
# Widget keys shared by app.py (the sidebar) and the pages
FILTER_KEYS = {"dates": "f_dates", "actors": "f_actors", "event_types": "f_types", "countries": "f_countries", "text": "f_text"}
DATES_KEY = FILTER_KEYS["dates"]
PLAY_STEP_KEY, PLAY_MODE_KEY = "play_step", "play_mode"


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


def current_filter() -> EventFilter:
    return st.session_state.get(FILTER_KEY, EventFilter())


@st.cache_data(show_spinner=False, max_entries=64)
def query(flt: EventFilter, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    return store().query(flt, columns=columns)


@st.cache_data(show_spinner=False, max_entries=256)
def count(flt: EventFilter) -> int:
    return store().count(flt)


@st.cache_data(show_spinner=False, max_entries=64)
def count_by_day(flt: EventFilter) -> pd.DataFrame:
    return store().count_by_day(flt)


@st.cache_data(show_spinner=False)
def span() -> tuple[str, str] | None:
    return store().span()


@st.cache_data(show_spinner=False)
def distinct(column: str) -> list[str]:
    return store().distinct(column)


@st.cache_data(show_spinner=False, max_entries=256)
def sources(event_id: str) -> pd.DataFrame:
    return store().sources(event_id)


@st.cache_data(show_spinner="Reading the upload...", max_entries=32)
def read_upload(name: str, data: bytes) -> tuple[list, list[str]]:
    """An uploaded file's articles and errors, read once, not on every rerun of the page."""
    return uploads.upload_to_articles(name, data)


def store_changed() -> None:
    """After a page writes to the store every cached result is stale."""
    st.cache_data.clear()


@st.cache_resource(show_spinner=False)
def local_assets() -> None:
    """Leaflet & co. copied to ./static (served at /app/static) and every folium map pointed there."""
    from geo.render import assets

    assets.install_static()
    assets.use_local_assets()
