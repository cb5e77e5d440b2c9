"""Map: the filtered events on an offline map with a list beside it and a timeline under it, all
played and filtered in the browser; a click to inspect one; snapshots of the view to download."""

import time

import streamlit as st

from geo.render import html, maps
from geo.ui import export, timeline, viewport
from geo.errors import GeoError
from pages import common
from pages.live_map import live_map

common.use_router()

MAP_HEIGHT = 680  # map + timeline; with the header row, fits a 1400x900 window without scrolling

common.local_assets()
st.html("<style>.block-container{padding-top:2.6rem;padding-bottom:1rem}</style>")
flt = common.current_filter()
total = common.count(flt)

head, mode_col, base_col = st.columns([3, 2, 2], vertical_alignment="bottom")
head.markdown(f"### {total:,} events")
mode = mode_col.segmented_control("Show", ["markers", "cluster", "heatmap"], default="markers", key="map_mode") or "markers"
basemap = base_col.selectbox(
    "Basemap",
    maps.BASEMAPS,
    key="map_basemap",
    format_func=maps.BASEMAP_LABELS.get,
)

if "selected_event" not in st.session_state:  # a shared link's event= is selected and centred once
    st.session_state["selected_event"] = st.query_params.get("event")
    st.session_state["map_focus"] = f"link:{st.query_params.get('event')}" if st.query_params.get("event") else None


def _from_map() -> None:
    """What the browser sent: the view (for exports), a selection, the dates where playback stopped.

    A callback, so a new date range is set before the sidebar's slider is drawn.
    """
    value = st.session_state.get("live_map") or {}
    if value.get("view"):
        st.session_state["map_view"] = value["view"]
    picked = value.get("selected")
    if picked and picked != st.session_state.get("selected_event"):
        st.session_state["selected_event"] = picked
        st.query_params["event"] = picked
    dates = timeline.dates_from_map(value.get("dates"), common.span())
    if dates and dates != st.session_state.get("f_dates"):
        st.session_state["f_dates"] = dates
        st.session_state["map_dates_moved"] = True


@st.fragment
def map_section() -> None:
    """The map and the selected event's sources; a pan or a click reruns only this."""
    selected = st.session_state.get("selected_event")
    window = st.session_state.get("f_dates") if common.span() else None
    detail = common.event_detail(selected) if selected else None
    live_map(
        common.map_data(timeline.without_dates(flt)),
        window=(window[0].isoformat(), window[1].isoformat()) if window else None,
        mode=mode,
        basemap=basemap,
        selected=selected,
        focus=st.session_state.get("map_focus"),
        fit=viewport.fit_key(flt),
        detail=detail,
        height=MAP_HEIGHT,
        key="live_map",
        on_change=_from_map,
    )
    if st.session_state.pop("map_dates_moved", False):
        st.rerun(scope="app")  # the sidebar and the URL follow where playback stopped
    if selected:
        sources = common.sources(selected)
        if not sources.empty:
            st.caption(f"Sources of the selected event ({len(sources)})")
            st.dataframe(sources[["source", "url", "sentence"]], hide_index=True, width="stretch")


map_section()

# --- export --------------------------------------------------------------------------------
EXPORT_TIMEOUT_S = 60.0  # per picture: a hung or crashed browser becomes an error, never a hung page


@st.fragment
def export_section() -> None:
    """Snapshots of the map as it is on screen; a fragment, so choosing options reruns only this."""
    with st.expander("Export snapshot", icon=":material/photo_camera:"):
        c1, c2, c3, c4 = st.columns([2, 2, 1, 1], vertical_alignment="bottom")
        fmt = c1.selectbox(
            "Format", export.export_formats(), key="exp_format", format_func=lambda f: export.SNAPSHOT_CHOICES[f][0]
        )
        preset = c2.selectbox("Size", [*export.EXPORT_SIZES, *export.export_presets(), "custom"], key="exp_size")
        custom = c3.text_input("W x H", "800x500", key="exp_custom", disabled=preset != "custom")
        scale = c4.segmented_control("Scale", [1, 2], default=1, key="exp_scale", format_func=lambda x: f"{x}x") or 1
        t1, t2 = st.columns([3, 2], vertical_alignment="bottom")
        title = t1.text_input("Title", "", key="exp_title", placeholder="Conflict events")
        extent = t2.segmented_control(
            "Extent", ["view", "events"], default="view", key="exp_extent",
            format_func={"view": "view on screen", "events": "fit to events"}.get,
        ) or "view"
        step, cumulative = "week", True
        if fmt in ("gif", "mp4"):
            a1, a2 = st.columns(2)
            step = a1.segmented_control("One frame per", ["day", "week"], default="week", key="exp_step") or "week"
            cumulative = (a2.segmented_control("Dates", ["cumulative", "window"], default="cumulative", key="exp_mode") or "cumulative") == "cumulative"
        st.caption(
            f"{total:,} events · {mode} · the map's view on screen when you press Render"
            + (" · tiles need the network" if basemap != "offline" else "")
        )
        wanted = (fmt, preset, custom, scale, step, cumulative, flt, basemap, mode, title, extent)
        if st.button("Render", icon=":material/image:", key="exp_render", type="primary"):
            st.session_state.pop("export", None)
            seen = st.session_state.get("map_view")  # the map sends it as the user pans
            started = time.perf_counter()
            try:
                with st.spinner(f"Rendering {export.SNAPSHOT_CHOICES[fmt][0]} in headless Chromium...", show_time=True):
                    data = export.export_snapshot(
                        common.query(flt), flt, fmt, seen,
                        size=export.export_size(preset, custom), scale=export.export_scale(preset, float(scale)),
                        basemap=basemap, mode=mode, step=step, cumulative=cumulative, timeout_s=EXPORT_TIMEOUT_S,
                        title=title, extent=extent,
                    )
            except GeoError as exc:
                st.error(f"Export failed: {html.md_text(exc)}")
            else:
                note = (("fitted to the events in view" if extent == "events" else f"view on screen, zoom {seen['zoom']}")
                        if seen and seen.get("bounds") else "all events (no view from the map yet)")
                note = f"Rendered in {time.perf_counter() - started:.1f} s · {note}"
                st.session_state["export"] = (wanted, export.export_file_name(flt, fmt, common.span()), data, note)
        done = st.session_state.get("export")
        if done and done[0] == wanted:
            _, name, data, note = done
            st.download_button(
                f"Download {name} ({len(data) / 1e6:.2f} MB)", data, file_name=name,
                mime=export.SNAPSHOT_CHOICES[fmt][1], key="exp_download", icon=":material/download:", on_click="ignore",
            )
            st.caption(note)


export_section()
