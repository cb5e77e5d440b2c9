"""Map: the filtered events on an offline map, a timeline to play through them, a click to inspect one,
and snapshots of the view on screen to download."""

import time

import streamlit as st
from streamlit_folium import st_folium

from geo.render import maps
from geo.render import html
from geo.ui import export, timeline, url_state, viewport
from geo.errors import GeoError
from pages import common

common.use_router()

PLAY_SECONDS = 0.8
MAP_COLUMNS = ("event_id", "lat", "lon", "event_type", "fatalities")

common.local_assets()
flt = common.current_filter()
total = common.count(flt)

# Few events: send them all once; a pan reruns only the map's fragment (which keeps the view for
# Export), never the app. Many: ask the store for the view only, so the page reruns when the view
# needs other events and keeps the user's view across reloads.
follow_view = total > maps.MAX_MARKERS
view = st.session_state.get("map_view") or {}
shown = viewport.viewport_filter(flt, view.get("bounds")) if follow_view else flt
in_view = common.count(shown)
# Above MAX_MARKERS the map draws grid cells, which need five columns, not the whole events.
events = common.query(shown, MAP_COLUMNS if in_view > maps.MAX_MARKERS else None)

head, mode_col, base_col = st.columns([3, 2, 2], vertical_alignment="bottom")
head.markdown(f"### {total:,} events" + (f" · {in_view:,} around the view" if shown.bbox else ""))
mode = mode_col.segmented_control("Show", maps.MODES, default=maps.MODES[0], key="map_mode") or maps.MODES[0]
basemap = base_col.selectbox(
    "Basemap",
    maps.BASEMAPS,
    key="map_basemap",
    format_func=maps.BASEMAP_LABELS.get,
)

selected = st.session_state.setdefault("selected_event", st.query_params.get("event"))


@st.fragment
def event_map() -> None:
    """The map, in a fragment: a pan reruns this alone, to keep the view the Export section uses.

    The app reruns only when the view needs other events from the store or a click selects one.
    """
    fmap = maps.build_map(
        events,
        bounds=shown.bbox,
        **viewport.map_view_args(view if follow_view else None),
        basemap=basemap,
        mode=mode,
        selected_event_id=selected if follow_view else None,  # a highlight rebuilds the map: only when the view survives it
    )
    out = st_folium(
        fmap,
        key="event_map",
        height=560,
        use_container_width=True,
        returned_objects=["last_active_drawing", "bounds", "zoom", "center"],
        center=view.get("center") if follow_view else None,
        zoom=view.get("zoom") if follow_view else None,
    ) or {}
    if out.get("center"):  # "center" only comes from the browser, not st_folium's defaults
        st.session_state["map_view"] = {k: out.get(k) for k in ("bounds", "zoom", "center")}
        if follow_view and viewport.viewport_filter(flt, out.get("bounds")).bbox != shown.bbox:
            st.rerun()
    click = out.get("last_active_drawing")
    if click and click != st.session_state.get("map_click"):
        st.session_state["map_click"] = click
        picked = viewport.pick_event(events, click)
        if picked and picked != selected:
            st.session_state["selected_event"] = picked
            st.query_params["event"] = picked
            st.rerun()


map_col, detail_col = st.columns([3, 1])
with map_col:
    event_map()

with detail_col:
    chosen = events[events["event_id"] == selected] if selected and not events.empty else events.iloc[:0]
    if chosen.empty or "sentence" not in chosen:
        st.caption("Click an event on the map to see its details and sources here.")
    else:
        ev = chosen.iloc[0]
        st.markdown(f"**{html.md_text(ev.event_type)}** · {html.md_text(ev.sub_event_type)}")
        st.text(
            f"{ev.date_start}{'' if ev.date_end == ev.date_start else ' - ' + ev.date_end} ({ev.date_precision})\n"
            f"{' vs '.join(a for a in (ev.actor1, ev.actor2) if a)}\n"
            f"{ev.location or ev.place}, {ev.admin1} {ev.country_code} (precision {ev.geo_precision})\n"
            f"fatalities: {ev.fatalities} · confidence {ev.confidence:.2f}"
        )
        st.html(f"<blockquote>{html.highlight_place(ev.sentence, ev.place)}</blockquote>")
        st.caption("Sources")
        st.dataframe(common.sources(selected)[["source", "url", "sentence"]], hide_index=True)

# --- export --------------------------------------------------------------------------------
EXPORT_TIMEOUT_S = 60.0  # per picture: a hung or crashed browser becomes an error, never a hung page


@st.fragment
def export_section() -> None:
    """Snapshots of the map as it is on screen; a fragment, so choosing options reruns only this."""
    with st.expander("Export snapshot", icon="📷"):
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
            f"{len(events):,} events · {mode} · the map's view on screen when you press Render"
            + (" · tiles need the network" if basemap != "offline" else "")
        )
        wanted = (fmt, preset, custom, scale, step, cumulative, flt, basemap, mode, title, extent)
        if st.button("Render", icon="🖼️", key="exp_render", type="primary"):
            st.session_state.pop("export", None)
            seen = st.session_state.get("map_view")  # the map fragment keeps it as the user pans
            started = time.perf_counter()
            try:
                with st.spinner(f"Rendering {export.SNAPSHOT_CHOICES[fmt][0]} in headless Chromium...", show_time=True):
                    data = export.export_snapshot(
                        events, flt, fmt, seen,
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
                mime=export.SNAPSHOT_CHOICES[fmt][1], key="exp_download", icon="⬇️", on_click="ignore",
            )
            st.caption(note)


export_section()

# --- timeline ------------------------------------------------------------------------------
playing = st.session_state.get("playing", False)


def _toggle_play() -> None:
    if not st.session_state.get("playing"):
        window, span = st.session_state[common.DATES_KEY], url_state.span_days(common.span())
        if window[1] >= span[1]:
            st.session_state[common.DATES_KEY] = timeline.play_start(
                window, span, st.session_state.get("play_step") or "week", st.session_state.get("play_mode") or "cumulative"
            )
    st.session_state["playing"] = not st.session_state.get("playing")


def _step() -> None:
    st.session_state["advance"] = True


if common.span():
    b1, b2, b3, b4 = st.columns([1, 1, 2, 3], vertical_alignment="bottom")
    b1.button(
        "Pause" if playing else "Play",
        icon=":material/pause:" if playing else ":material/play_arrow:",
        on_click=_toggle_play,
        key="play_button",
        width="stretch",
    )
    b2.button("Step", icon=":material/skip_next:", on_click=_step, key="step_button", width="stretch", disabled=playing)
    b3.segmented_control("Step by", timeline.STEPS, default="week", key=common.PLAY_STEP_KEY)
    b4.segmented_control("Dates shown", timeline.PLAY_MODES, default=timeline.PLAY_MODES[0], key=common.PLAY_MODE_KEY)
    window = st.session_state[common.DATES_KEY]
    chart = timeline.timeline_frame(common.count_by_day(timeline.without_dates(flt)), window)
    if not chart.empty:
        import altair as alt  # ~0.2 s to import: after the map is on its way to the browser

        colours = alt.Scale(domain=list(maps.EVENT_COLOURS), range=list(maps.EVENT_COLOURS.values()))
        st.altair_chart(
            alt.Chart(chart)
            .mark_bar()
            .encode(
                x=alt.X("day:T", title=None),
                y=alt.Y("sum(n):Q", title="events"),
                color=alt.Color("event_type:N", scale=colours, title=None, legend=alt.Legend(orient="bottom")),
                opacity=alt.condition("datum.shown", alt.value(1.0), alt.value(0.25)),
                tooltip=["day:T", "event_type:N", "n:Q"],
            )
            .properties(height=160),
            width="stretch",
        )

if playing:
    time.sleep(PLAY_SECONDS)
    st.session_state["advance"] = True
    st.rerun()
