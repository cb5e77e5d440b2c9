"""Entry point (`streamlit run app.py`): the page router and the sidebar filters every page shares.

The filters live in widget state (`key=`) and are mirrored in the URL query parameters, so a
filtered view is a link that restores it. Logic lives in `geo`; this file only wires widgets.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from geo.render import html

from geo.ui import timeline, url_state
from geo.errors import GeoError
from geo.taxonomy import EVENT_TYPES
from pages import common

common.use_router()
# Emoji icons, not ":material/...": Streamlit makes the page icon the favicon, and fetches material ones from a font CDN.
st.set_page_config(page_title="Conflict event map", page_icon="🗺️", layout="wide")

KEYS = common.FILTER_KEYS


def _span_dates() -> tuple[date, date] | None:
    return url_state.span_days(common.span()) if common.span() else None


def _widget_filter():
    span = common.span()
    return url_state.filter_from_widgets(
        st.session_state.get(KEYS["dates"]) if span else None,
        st.session_state.get(KEYS["actors"], ()),
        st.session_state.get(KEYS["event_types"], ()),
        st.session_state.get(KEYS["countries"], ()),
        st.session_state.get(KEYS["text"], ""),
        span=span,
    )


def _sync_url() -> None:
    """Write the filter into the URL, leaving other parameters (e.g. the selected event) alone."""
    wanted = url_state.filter_to_params(_widget_filter())
    for key in url_state.PARAMS:
        value = wanted.get(key)
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get_all(key) != ([value] if isinstance(value, str) else value):
            st.query_params[key] = value


def _set_widgets(flt) -> None:
    for name, value in url_state.widget_values(flt, common.span()).items():
        st.session_state[KEYS[name]] = value


def _reset() -> None:
    _set_widgets(url_state.filter_from_params({}))
    _sync_url()


def _init_state() -> None:
    """First run of a session: the URL decides; later, a grown data span moves open-ended bounds."""
    span = common.span()
    if "f_span" not in st.session_state:
        url = {k: st.query_params.get_all(k) for k in st.query_params}
        _set_widgets(url_state.filter_from_params(url))
    elif st.session_state["f_span"] != span:
        _set_widgets(common.current_filter())
    st.session_state["f_span"] = span
    if st.session_state.pop("advance", False):  # the map page's play button asked for the next frame
        frame = timeline.play_step(
            st.session_state[KEYS["dates"]],
            _span_dates(),
            st.session_state.get(common.PLAY_STEP_KEY) or "week",
            st.session_state.get(common.PLAY_MODE_KEY) or timeline.PLAY_MODES[0],
        )
        if frame:
            st.session_state[KEYS["dates"]] = frame
        else:
            st.session_state["playing"] = False


def sidebar() -> None:
    _init_state()
    with st.sidebar:
        st.header("Filters")
        bounds = _span_dates()
        if bounds:
            st.slider("Dates", min_value=bounds[0], max_value=bounds[1], key=KEYS["dates"], on_change=_sync_url)
        else:
            st.caption("No events yet: add articles on the Articles page.")
        st.multiselect(
            "Actors",
            url_state.options_with(common.distinct("actor"), st.session_state.get(KEYS["actors"], [])),
            key=KEYS["actors"],
            on_change=_sync_url,
        )
        st.multiselect(
            "Event types",
            url_state.options_with(
                list(EVENT_TYPES) + common.distinct("event_type"), st.session_state.get(KEYS["event_types"], [])
            ),
            key=KEYS["event_types"],
            on_change=_sync_url,
        )
        st.multiselect(
            "Countries",
            url_state.options_with(common.distinct("country_code"), st.session_state.get(KEYS["countries"], [])),
            key=KEYS["countries"],
            on_change=_sync_url,
        )
        st.text_input("Text", key=KEYS["text"], on_change=_sync_url, placeholder="words in the sentence or place")
        st.button("Reset filters", on_click=_reset)
    st.session_state[common.FILTER_KEY] = _widget_filter()
    _sync_url()  # the URL loses its parameters when the user switches pages


pages = [
    st.Page("pages/map.py", title="Map", icon="🗺️", default=True),
    st.Page("pages/events.py", title="Events", icon="📋"),
    st.Page("pages/articles.py", title="Articles", icon="📰"),
    st.Page("pages/gazetteer.py", title="Gazetteer", icon="📍"),
    st.Page("pages/about.py", title="About", icon="ℹ️"),
]
page = st.navigation(pages)
try:
    common.ready()
except GeoError as exc:
    st.error(f"Start-up: {html.md_text(exc)}")
sidebar()
page.run()
