"""Events: the filtered events as a sortable table that a search narrows, with downloads; a row opens its event on the map."""

from dataclasses import replace

import streamlit as st

from geo.formats.exports import export_bytes
from geo.ui import tables
from pages import common

common.use_router()

TABLE_HEIGHT = 640  # the table fills a 900 px window below the title and downloads
ROWS = 10_000  # rows sent to the browser; the downloads hold every event
DOWNLOADS = {"csv": ("CSV", "text/csv"), "geojson": ("GeoJSON", "application/geo+json"), "kml": ("KML", "application/vnd.google-earth.kml+xml")}

flt = common.current_filter()
total = common.count(flt)
events = common.query(replace(flt, limit=ROWS))
st.title("Events")
st.caption(
    f"{total:,} events match the filters in the sidebar"
    + (f"; the table shows the first {ROWS:,}, the downloads hold them all." if total > ROWS else ".")
)

cols = st.columns(len(DOWNLOADS) + 2)
for col, (fmt, (label, mime)) in zip(cols, DOWNLOADS.items()):
    col.download_button(
        label,
        data=lambda fmt=fmt: export_bytes(common.store(), flt, fmt),  # from the store in chunks, not a cached frame
        file_name=f"events.{fmt}",
        mime=mime,
        icon=":material/download:",
        key=f"dl_{fmt}",
        on_click="ignore",
    )

st.caption("Select a row: a link opens its event on the map.")
search = st.text_input("Search these rows", key="ev_search", placeholder="any word: place, actor, source, sentence")
rows = tables.search_rows(events, search)
if search:
    st.caption(f"{len(rows):,} of {len(events):,} rows contain {search!r}")
link_slot = st.container()  # above the table, where the eye is after a click
picked = st.dataframe(
    rows,
    hide_index=True,
    column_order=[
        "date_start", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1",
        "country_code", "fatalities", "geo_precision", "n_sources", "sentence", "source", "url", "event_id",
    ],
    column_config={
        "date_start": st.column_config.TextColumn("date"),
        "fatalities": st.column_config.NumberColumn("fatalities", format="%d"),
        "sentence": st.column_config.TextColumn("sentence", width="large"),
    },
    width="stretch",
    height=TABLE_HEIGHT,
    key="ev_table",
    on_select="rerun",
    selection_mode="single-row",
)
chosen = picked.selection.rows if picked is not None and hasattr(picked, "selection") else []
if chosen:
    row = rows.iloc[chosen[0]]
    event_id = str(row["event_id"])
    st.session_state["selected_event"] = event_id
    st.session_state["map_focus"] = f"table:{event_id}"  # the map centres on it when it opens
    link_slot.page_link(
        "pages/map.py", label=f"Open {row['date_start']} {row['event_type']} at {row['location'] or row['place']} on the map",
        icon=":material/map:", query_params={**st.query_params.to_dict(), "event": event_id},
    )
