"""What the app's pages need that is neither storage nor drawing.

Filters travel through the URL so a view is a shareable link; the timeline steps; the first
start fills an empty store from `seeds/`; a map click becomes an event id; article text becomes
escaped, highlighted HTML. Pure functions (no Streamlit), so they are tested without a browser.
"""

from __future__ import annotations

import html
import io
import math
import re
import tempfile
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import pandas as pd

from .records import EventFilter, Mention
from .settings import seeds_dir

__all__ = [
    "PARAMS",
    "filter_to_params",
    "filter_from_params",
    "filter_from_widgets",
    "widget_values",
    "options_with",
    "play_step",
    "play_start",
    "view_box",
    "viewport_filter",
    "pick_event",
    "highlight_html",
    "ensure_ready",
    "ReadyReport",
    "upload_to_articles",
    "places_frame",
    "export_text",
    "md_text",
    "span_days",
    "without_dates",
    "timeline_frame",
    "highlight_place",
    "EXPORT_FORMATS",
    "EXPORT_SIZES",
    "export_formats",
    "export_size",
    "export_file_name",
    "export_view",
    "export_snapshot",
]

# URL parameter -> EventFilter field. Lists repeat the key (?actor=A&actor=B).
PARAMS: dict[str, str] = {
    "from": "date_from",
    "to": "date_to",
    "actor": "actors",
    "type": "event_types",
    "country": "countries",
    "q": "text",
}
_LISTS = {"actors", "event_types", "countries"}


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _iso(value: str) -> str | None:
    """A valid ISO day or None: a hand-edited URL must not break the page."""
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except (ValueError, AttributeError):
        return None


def filter_to_params(flt: EventFilter) -> dict[str, str | list[str]]:
    """The URL query parameters of a filter; empty fields are left out."""
    out: dict[str, str | list[str]] = {}
    for key, fname in PARAMS.items():
        value = getattr(flt, fname)
        if fname in _LISTS:
            if value:
                out[key] = list(value)
        elif value:
            out[key] = str(value)
    return out


def filter_from_params(params: Mapping[str, str | Sequence[str]]) -> EventFilter:
    """Inverse of `filter_to_params`; unknown keys and malformed dates are ignored."""
    kwargs: dict[str, Any] = {}
    for key, fname in PARAMS.items():
        values = [v for v in _as_list(params.get(key)) if v.strip()]
        if not values:
            continue
        if fname in _LISTS:
            kwargs[fname] = tuple(dict.fromkeys(v.strip() for v in values))
        elif fname in ("date_from", "date_to"):
            day = _iso(values[-1])
            if day:
                kwargs[fname] = day
        else:
            kwargs[fname] = values[-1].strip()
    if kwargs.get("date_from") and kwargs.get("date_to") and kwargs["date_from"] > kwargs["date_to"]:
        kwargs["date_from"], kwargs["date_to"] = kwargs["date_to"], kwargs["date_from"]
    return EventFilter(**kwargs)


def span_days(span: tuple[str, str] | None) -> tuple[date, date]:
    """The store's span as two days, the second after the first (a slider needs two ends)."""
    if not span:
        today = date.today()
        return today, today + timedelta(days=1)
    lo, hi = date.fromisoformat(span[0][:10]), date.fromisoformat(span[1][:10])
    return lo, max(hi, lo + timedelta(days=1))


def widget_values(flt: EventFilter, span: tuple[str, str] | None) -> dict[str, Any]:
    """Initial values of the sidebar widgets for a filter (e.g. one read from the URL)."""
    lo, hi = span_days(span)
    start = date.fromisoformat(flt.date_from) if flt.date_from else lo
    end = date.fromisoformat(flt.date_to) if flt.date_to else hi
    start, end = min(max(start, lo), hi), max(min(end, hi), lo)
    return {
        "dates": (min(start, end), max(start, end)),
        "actors": list(flt.actors),
        "event_types": list(flt.event_types),
        "countries": list(flt.countries),
        "text": flt.text,
    }


def filter_from_widgets(
    dates: Sequence[date] | None,
    actors: Iterable[str] = (),
    event_types: Iterable[str] = (),
    countries: Iterable[str] = (),
    text: str = "",
    span: tuple[str, str] | None = None,
) -> EventFilter:
    """The filter the sidebar describes; a date bound at the edge of the data means no bound."""
    lo, hi = span_days(span)
    date_from = date_to = None
    if dates:
        start, end = dates[0], dates[-1]
        date_from = start.isoformat() if start > lo else None
        date_to = end.isoformat() if end < hi else None
    return EventFilter(
        date_from=date_from,
        date_to=date_to,
        actors=tuple(actors),
        event_types=tuple(event_types),
        countries=tuple(countries),
        text=(text or "").strip(),
    )


def options_with(available: Iterable[str], selected: Iterable[str]) -> list[str]:
    """Choices for a multiselect: what the store has plus what the URL asked for (else Streamlit raises)."""
    return sorted({o for o in available if o} | {s for s in selected if s}, key=str.casefold)


# --- timeline -------------------------------------------------------------------------------

_STEPS = {"day": timedelta(days=1), "week": timedelta(days=7)}


def play_start(window: tuple[date, date], span: tuple[date, date], step: str, mode: str) -> tuple[date, date]:
    """The first frame of a play: from the start of the data, one step long or as wide as the window."""
    lo, hi = span
    if mode == "cumulative":
        return lo, min(lo + _STEPS[step] - timedelta(days=1), hi)
    width = max(window[1] - window[0], _STEPS[step] - timedelta(days=1))
    return lo, min(lo + width, hi)


def play_step(window: tuple[date, date], span: tuple[date, date], step: str, mode: str) -> tuple[date, date] | None:
    """The next frame after `window`, or None once the end of the data is shown.

    "cumulative" keeps the start and grows the end; "window" slides both ends by one step.
    """
    start, end = window
    hi = span[1]
    if end >= hi:
        return None
    delta = _STEPS[step]
    new_end = min(end + delta, hi)
    if mode == "cumulative":
        return start, new_end
    return start + (new_end - end), new_end


# --- map ------------------------------------------------------------------------------------


def view_box(bounds: Mapping[str, Any] | None) -> tuple[float, float, float, float] | None:
    """The query box for a map view (st_folium's `bounds`): the view snapped outward to a grid.

    The grid step is at least half the view, so the box has a margin and a small pan or a
    rounding difference gives the same box, the same query and the same map (no reload loop).
    A view wider than the world, or no view yet, gives None (no box).
    """
    try:
        sw, ne = bounds["_southWest"], bounds["_northEast"]
        s, w, n, e = (float(sw["lat"]), float(sw["lng"]), float(ne["lat"]), float(ne["lng"]))
    except (TypeError, KeyError, ValueError):
        return None
    if any(math.isnan(v) for v in (s, w, n, e)) or n <= s or e <= w or e - w >= 180:
        return None
    step = 2.0 ** math.ceil(math.log2(max(n - s, e - w) / 2))
    return (
        max((math.floor(s / step) - 1) * step, -90.0),
        max((math.floor(w / step) - 1) * step, -180.0),
        min((math.ceil(n / step) + 1) * step, 90.0),
        min((math.ceil(e / step) + 1) * step, 180.0),
    )


def viewport_filter(flt: EventFilter, bounds: Mapping[str, Any] | None) -> EventFilter:
    """`flt` restricted to the map's view (see `view_box`); unchanged when there is no usable view."""
    box = view_box(bounds)
    return replace(flt, bbox=box) if box else flt


def map_view_args(view: Mapping[str, Any] | None) -> dict[str, Any]:
    """`zoom` and `center` for `maps.build_map` from the view st_folium last returned.

    A map rebuilt for a new query area then opens where the user was, instead of fitting the
    (wider, grid-snapped) query box and zooming back out.
    """
    try:
        zoom = int(view["zoom"])
        center = (float(view["center"]["lat"]), float(view["center"]["lng"]))
    except (KeyError, TypeError, ValueError):
        return {}
    if not (0 <= zoom <= 18 and -90 <= center[0] <= 90 and math.isfinite(center[1])):
        return {}
    lng = center[1] if -180 <= center[1] <= 180 else (center[1] + 180) % 360 - 180
    return {"zoom": zoom, "center": (center[0], round(lng, 6))}


def pick_event(events: pd.DataFrame, clicked: Mapping[str, Any] | None) -> str | None:
    """The event a map click points at.

    A clicked GeoJSON feature (st_folium's `last_active_drawing`) names its `event_id`; a feature
    without one (a grid cell of many events) selects nothing. A bare click position
    (`last_object_clicked`) selects the nearest event within about 50 km.
    """
    if not clicked or events is None or events.empty:
        return None
    if "properties" in clicked or "geometry" in clicked:
        event_id = (clicked.get("properties") or {}).get("event_id")
        return str(event_id) if event_id and event_id in set(events["event_id"]) else None
    try:
        lat, lon = float(clicked["lat"]), float(clicked["lng"])
    except (KeyError, TypeError, ValueError):
        return None
    located = events.dropna(subset=["lat", "lon"])
    if located.empty:
        return None
    dist = (located["lat"] - lat) ** 2 + ((located["lon"] - lon) * math.cos(math.radians(lat))) ** 2
    best = dist.idxmin()
    return str(located.at[best, "event_id"]) if dist[best] <= 0.5**2 else None


def without_dates(flt: EventFilter) -> EventFilter:
    """The filter over the whole span: the timeline chart shows where the window sits in it."""
    return replace(flt, date_from=None, date_to=None)


def timeline_frame(counts: pd.DataFrame, window: Sequence[date], max_bars: int = 400) -> pd.DataFrame:
    """Store.count_by_day rows as chart rows (day, event_type, n, shown: inside the date window).

    Years of data are binned by week or month so the chart stays a few hundred bars.
    """
    if counts is None or counts.empty:
        return pd.DataFrame(columns=["day", "event_type", "n", "shown"])
    days = pd.to_datetime(counts["day"])
    extent = (days.max() - days.min()).days + 1
    if extent > max_bars * 7:
        days = days.dt.to_period("M").dt.start_time
    elif extent > max_bars:
        days = days.dt.to_period("W-SUN").dt.start_time
    out = counts.assign(day=days.dt.strftime("%Y-%m-%d")).groupby(["day", "event_type"], as_index=False)["n"].sum()
    lo, hi = window[0].isoformat(), window[-1].isoformat()
    out["shown"] = (out["day"] >= lo) & (out["day"] <= hi)
    return out


def places_frame(places: Iterable[Any]) -> pd.DataFrame:
    """Gazetteer candidates as a table, most likely first, with the columns `maps.build_map` draws."""
    cols = ["name", "country_code", "admin1", "feature_code", "population", "lat", "lon", "geonameid", "source"]
    table = pd.DataFrame([{c: getattr(p, c, None) for c in cols} for p in places], columns=cols)
    table["event_id"] = table["geonameid"]
    table["location"] = table["name"]
    table["geo_precision"] = 1
    return table


def export_text(events: pd.DataFrame, fmt: str) -> str:
    """The events as a download in one of `exports.FORMATS` (csv, geojson, kml, acled)."""
    from .exports import FORMATS

    buffer = io.StringIO()
    FORMATS[fmt](events, buffer)
    return buffer.getvalue()


# --- snapshot export ------------------------------------------------------------------------

EXPORT_FORMATS = {  # format -> (label, MIME type)
    "png": ("PNG image", "image/png"),
    "html": ("Standalone HTML", "text/html"),
    "gif": ("Animated GIF", "image/gif"),
    "mp4": ("MP4 video", "video/mp4"),
}
EXPORT_SIZES = ("1600x1000", "1200x800", "1080x1080")
MAX_APP_FRAMES = 120  # a daily GIF of 90 days takes ~25 s; longer runs belong to `python -m geo snapshot`


def export_formats() -> list[str]:
    """The formats this machine can export: MP4 only where imageio-ffmpeg (its ffmpeg) is installed."""
    import importlib.util

    return [f for f in EXPORT_FORMATS if f != "mp4" or importlib.util.find_spec("imageio_ffmpeg")]


def export_size(preset: str, custom: str = "") -> tuple[int, int]:
    """Width and height of a size preset, or of the custom 'WxH' when the preset is "custom"; checked."""
    from .snapshot import parse_size

    return parse_size(custom if preset == "custom" else preset)


def export_file_name(flt: EventFilter, fmt: str, span: tuple[str, str] | None) -> str:
    """conflict-map_<from>_<to>.<fmt>: the filter's dates, else the data's span."""
    lo = flt.date_from or (span[0][:10] if span else "start")
    hi = flt.date_to or (span[1][:10] if span else "end")
    return f"conflict-map_{lo}_{hi}.{fmt}"


def export_view(map_view: Mapping[str, Any] | None, **options: Any):
    """The snapshot View of the map's last view in the browser (st_folium's bounds and zoom).

    No view yet, or one Leaflet should never have sent, gives the view of all the events (the
    map's own first view). Size, scale, basemap and mode errors are raised, not hidden.
    """
    from .errors import SnapshotError
    from .snapshot import View

    whole = View(**options)
    bounds, zoom = (map_view or {}).get("bounds"), (map_view or {}).get("zoom")
    if not bounds:
        return whole
    try:
        view = View.from_leaflet(bounds, None if zoom is None else round(float(zoom)), **options)
    except (SnapshotError, TypeError, ValueError):
        return whole
    if view.zoom is not None and not _holds(view.bounds, view.zoom, view.width, view.height):
        view = replace(view, zoom=None)  # too small a picture for the screen's zoom: fit the view instead
    return view


def _holds(bounds: tuple[float, float, float, float], zoom: int, width: int, height: int) -> bool:
    """Whether a width x height picture at `zoom` shows all of `bounds` (Web Mercator, 256 px tiles)."""
    s, w, n, e = bounds
    merc = lambda lat: math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))  # noqa: E731
    world = 256 * 2**zoom
    px_w = ((e - w) % 360 or 360) / 360 * world
    px_h = (merc(n) - merc(s)) / (2 * math.pi) * world
    return px_w <= width * 1.02 and px_h <= height * 1.02


def export_snapshot(
    events: pd.DataFrame,
    flt: EventFilter,
    fmt: str,
    map_view: Mapping[str, Any] | None = None,
    *,
    size: tuple[int, int] = (1600, 1000),
    scale: float = 1.0,
    basemap: str = "offline",
    mode: str = "markers",
    step: str = "week",
    cumulative: bool = True,
    timeout_s: float = 60.0,
) -> bytes:
    """The bytes of the app's snapshot: the page's events and filter, in the map's view, captioned.

    Animations are held to MAX_APP_FRAMES frames so a click never starts a render of many minutes.
    """
    from . import animation, snapshot

    width, height = size
    caption = snapshot.caption_for(flt, len(events), basemap)
    view = export_view(map_view, width=width, height=height, scale=scale, basemap=basemap, mode=mode, caption=caption)
    if fmt in ("gif", "mp4"):
        frames = len(animation.periods(*animation.date_range(events, flt.date_from, flt.date_to), step))
        if frames > MAX_APP_FRAMES:
            raise snapshot.SnapshotError(
                f"{frames} frames is too many for the app (at most {MAX_APP_FRAMES}): step by week, narrow the "
                "dates, or use `python -m geo snapshot` for long animations"
            )
    return snapshot.render(
        events, fmt, view=view, date_from=flt.date_from, date_to=flt.date_to,
        step=step, cumulative=cumulative, timeout_s=timeout_s,
    )


# --- article text ---------------------------------------------------------------------------

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def md_text(text: object) -> str:
    """Text for a Streamlit element that renders Markdown (labels, st.error, st.markdown), shown literally.

    Article titles, file names and quoted bad values are untrusted: unescaped, a Markdown image
    would be fetched from the network and a link would be live.
    """
    return _MARKDOWN.sub(r"\\\1", str(text))


def highlight_html(text: str, mentions: Iterable[Mention]) -> str:
    """Article text as HTML with its mentions in <mark class="place|actor|date">; every character escaped.

    Overlapping mentions keep the first (longest when they start together).
    """
    spans = sorted(
        (m for m in mentions if 0 <= m.start < m.end <= len(text)), key=lambda m: (m.start, -(m.end - m.start))
    )
    out, pos = [], 0
    for m in spans:
        if m.start < pos:
            continue
        out.append(html.escape(text[pos : m.start]))
        title = html.escape(f"{m.kind}: {m.value or (m.place.name if m.place else m.text)}", quote=True)
        out.append(f'<mark class="{html.escape(m.kind)}" title="{title}">{html.escape(text[m.start : m.end])}</mark>')
        pos = m.end
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def highlight_place(sentence: str, place: str) -> str:
    """The escaped sentence with each occurrence of `place` marked."""
    text = sentence or ""
    found = re.finditer(re.escape(place), text, re.IGNORECASE) if place else ()
    return highlight_html(text, [Mention(m.group(0), m.start(), m.end(), "place") for m in found])


def upload_to_articles(name: str, data: bytes) -> tuple[list[Any], list[str]]:
    """The articles of one uploaded file (a text article, or a bulk CSV / JSON Lines file) and its errors.

    The reader works on paths, so the bytes go to a temporary file that keeps the upload's name;
    messages and `Article.path` name the upload, not the temporary file. A bad bulk row costs
    that row only.
    """
    from .articles import iter_articles

    safe = Path(name).name or "upload.txt"
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="geo-upload-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(data)
        found = list(iter_articles([path], on_error=lambda err: errors.append(str(err))))
    articles = [replace(a, path=a.path.replace(str(path), safe)) for a in found]
    return articles, [e.replace(str(path), safe) for e in errors]


# --- first start ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadyReport:
    events: int  # in the store after start-up
    seeded: Any = None  # the IngestReport when the store was empty and seeds/ was ingested


def ensure_ready(
    store: Any,
    gazetteer: Callable[[], Any],
    seeds: Path | None = None,
    progress: Callable[..., Any] | None = None,
) -> ReadyReport:
    """Fill an empty store from `seeds/` so the first start shows a map.

    `gazetteer` is called only when needed: opening (or building) it is the slow part of a
    start, and a store that already has events does not need it.
    """
    n = store.count(EventFilter())
    if n:
        return ReadyReport(events=n)
    folder = seeds or seeds_dir()
    paths = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    if not paths:
        return ReadyReport(events=0)
    report = store.ingest(paths, gazetteer(), progress=progress)
    return ReadyReport(events=store.count(EventFilter()), seeded=report)
