"""Entry point (`streamlit run app.py`): the page router and the sidebar filters every page shares.

The filters live in widget state (`key=`) and are mirrored in the URL query parameters, so a
filtered view is a link that restores it. Logic lives in `geo`; this file only wires widgets.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from geo.render import html
from geo.ui import url_state
from geo.errors import GeoError
from geo.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES
from pages import common

common.use_router()


def _favicon():
    """A red dot drawn here: an emoji needs a font the system may lack, and a ":material/...:"
    favicon is fetched from a font CDN (the navigation's material icons use Streamlit's bundled font)."""
    from PIL import Image, ImageDraw

    icon = Image.new("RGBA", (32, 32))
    ImageDraw.Draw(icon).ellipse((4, 4, 27, 27), fill=(214, 39, 40, 255), outline=(255, 255, 255, 255), width=2)
    return icon


st.set_page_config(page_title="Conflict event map", page_icon=_favicon(), layout="wide")

KEYS = common.FILTER_KEYS
MORE = ("admin1", "sub_event_types", "min_fatalities", "precisions", "country_level", "background")


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
        **{name: st.session_state[KEYS[name]] for name in MORE if KEYS[name] in st.session_state},
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
    dates = st.session_state.get(KEYS["dates"])
    if span and not (isinstance(dates, (tuple, list)) and len(dates) == 2):  # a slider rebuilt without state
        st.session_state[KEYS["dates"]] = url_state.widget_values(common.current_filter(), span)["dates"]


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
            url_state.options_with(url_state.single_actors(common.distinct("actor")), st.session_state.get(KEYS["actors"], [])),
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
        more = any(st.session_state.get(KEYS[n]) for n in MORE)
        with st.expander("More filters", expanded=more):
            st.multiselect(
                "Admin-1 area",
                url_state.options_with(common.distinct("admin1"), st.session_state.get(KEYS["admin1"], [])),
                key=KEYS["admin1"],
                on_change=_sync_url,
            )
            chosen = st.session_state.get(KEYS["event_types"]) or list(SUB_EVENT_TYPES)
            st.multiselect(
                "Sub-event type",
                url_state.options_with(
                    [sub for kind in chosen for sub in SUB_EVENT_TYPES.get(kind, ())],
                    st.session_state.get(KEYS["sub_event_types"], []),
                ),
                key=KEYS["sub_event_types"],
                on_change=_sync_url,
            )
            st.number_input("At least this many fatalities", min_value=0, step=1, key=KEYS["min_fatalities"], on_change=_sync_url)
            st.pills(
                "Location precision", list(url_state.PRECISIONS.values()), selection_mode="multi",
                key=KEYS["precisions"], on_change=_sync_url,
            )
            shown = _widget_filter()
            hidden = common.count(replace(shown, scopes=(), country_level=True)) - common.count(shown)
            st.toggle("Country-level events", key=KEYS["country_level"], on_change=_sync_url,
                      help="Events placed only at a whole country (no town or area): hidden unless you ask")
            st.toggle("Background events", key=KEYS["background"], on_change=_sync_url,
                      help="History older than the story and running totals over long periods: kept, not drawn")
            if hidden > 0:
                st.caption(f"{hidden:,} events with these filters are not drawn (country-level or background)")
        st.button("Reset filters", on_click=_reset)
    st.session_state[common.FILTER_KEY] = _widget_filter()
    _sync_url()  # the URL loses its parameters when the user switches pages


pages = [
    st.Page("pages/map.py", title="Map", icon=":material/map:", default=True),
    st.Page("pages/events.py", title="Events", icon=":material/table_rows:"),
    st.Page("pages/articles.py", title="Articles", icon=":material/article:"),
    st.Page("pages/gazetteer.py", title="Gazetteer", icon=":material/place:"),
    st.Page("pages/about.py", title="About", icon=":material/info:"),
]
page = st.navigation(pages)
try:
    common.ready()
except GeoError as exc:
    st.error(f"Start-up: {html.md_text(exc)}")
sidebar()
page.run()
