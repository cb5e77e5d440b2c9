"""Events: the filtered events as a sortable, searchable table, with downloads."""

from dataclasses import replace

import streamlit as st

from geo.formats.exports import export_bytes
from pages import common

common.use_router()

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

st.dataframe(
    events,
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
)
