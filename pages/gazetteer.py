"""Gazetteer: look a place up, see its candidates, fix a wrong geocode; the events that used it follow."""

import streamlit as st
from streamlit_folium import st_folium

from geo import pipeline
from geo.render import html, maps
from geo.ui import gazetteer
from geo.errors import GeoError
from geo.records import EventFilter
from geo.settings import readonly
from pages import common

common.use_router()

common.local_assets()
st.title("Gazetteer")
st.caption("Search a place name as articles write it. Pick the right candidate, or add your own entry.")

q_col, cc_col = st.columns([3, 1])
name = q_col.text_input("Place name", key="gz_name", placeholder="Maaret al-Numan").strip()
country = cc_col.text_input("Country code", key="gz_country", max_chars=2, placeholder="SY").strip().upper() or None
if not name:
    st.stop()

READONLY = readonly()  # a shared server: no edits that move everyone's events
if READONLY:
    st.caption("Read-only server (GEO_READONLY): look-ups only, no aliases or user entries.")
gaz = common.gazetteer()
candidates = gaz.candidates(name, country=country, limit=10)
table = gazetteer.places_frame(candidates)
n_events = common.count(EventFilter(text=name))
st.caption(html.md_text(f"{len(candidates)} candidates · {n_events} stored events mention {name!r}"))


def _saved(what: str) -> None:
    changed = pipeline.re_resolve(common.store(), gaz, names=[name])
    common.store_changed()
    st.success(html.md_text(f"{what} · {changed} events re-resolved; the map shows the change."))


left, right = st.columns([3, 2])
with left:
    st.dataframe(table.drop(columns=["event_id", "location", "geo_precision"]), hide_index=True, key="gz_table")
    mixed = gazetteer.countries_differ(candidates)
    if candidates:
        choice = st.selectbox(
            f"Candidate {name!r} should mean",
            range(len(candidates)),
            index=None if mixed else 0,  # in different countries, the first is no safe default
            format_func=lambda i: f"{candidates[i].name}, {candidates[i].admin1 or '?'}, {candidates[i].country_code} ({candidates[i].geonameid})",
            placeholder="Choose: the candidates lie in different countries" if mixed else "Choose a candidate",
            key="gz_choice",
        )
        if choice is not None:
            place = candidates[choice]
            moving = gazetteer.would_move(common.query(EventFilter(text=name)), name, place)
            if moving.empty:
                st.caption("No stored event uses this name as its place.")
            else:
                st.caption(html.md_text(f"{len(moving)} stored events would move to {place.name} ({place.country_code}):"))
                st.dataframe(moving, hide_index=True, key="gz_moving", height=min(38 + 35 * len(moving), 250))
        if st.button(
            html.md_text(f"Use this candidate for {name!r}"), key="gz_alias", type="primary", disabled=choice is None or READONLY
        ):
            place = candidates[choice]
            try:
                gaz.add_alias(name, place.geonameid)
            except GeoError as exc:
                st.error(html.md_text(exc))
            else:
                _saved(f"{name!r} now means {place.name} ({place.geonameid})")
with right:
    if candidates:
        st_folium(maps.build_map(table, legend=False), key="gz_map", height=320, returned_objects=[])

with st.expander("Add a place the gazetteer lacks (a user entry)", expanded=not candidates):
    with st.form("gz_user_entry"):
        c1, c2 = st.columns(2)
        lat = c1.number_input("Latitude", min_value=-90.0, max_value=90.0, value=None, format="%.5f", key="gz_lat")
        lon = c2.number_input("Longitude", min_value=-180.0, max_value=180.0, value=None, format="%.5f", key="gz_lon")
        cc = c1.text_input("Country code", value=country or "", max_chars=2)
        admin1 = c2.text_input("Region (admin1)")
        feature = c1.selectbox("Kind", ["PPL", "PPLA", "ADM2", "ADM1", "AREA", "MT", "AIRB"], help="GeoNames feature code")
        population = c2.number_input("Population", min_value=0, value=0, step=1000)
        if st.form_submit_button("Save user entry", disabled=READONLY):
            if lat is None or lon is None:
                st.error("Latitude and longitude are both needed.")
            else:
                try:
                    place = gaz.add_user_entry(
                        name, lat, lon, country_code=cc.upper(), admin1=admin1, feature_code=feature, population=int(population)
                    )
                except GeoError as exc:
                    st.error(html.md_text(exc))
                else:
                    _saved(f"Saved {place.name} ({place.lat:.4f}, {place.lon:.4f}) as {place.geonameid}")
