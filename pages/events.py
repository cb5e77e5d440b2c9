"""Events: the filtered events as a sortable, searchable table, with downloads."""

import streamlit as st

from pages import common

flt = common.current_filter()
events = common.query(flt)
st.title("Events")
st.caption(f"{len(events):,} events match the filters in the sidebar.")

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
