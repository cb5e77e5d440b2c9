"""Filters as URL query parameters and sidebar widget values, so a view is a shareable link."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any, Iterable, Mapping, Sequence

from geo.records import EventFilter

__all__ = [
    "PARAMS", "PRECISIONS", "APP_DEFAULT", "filter_to_params", "filter_from_params", "span_days", "widget_values", "filter_from_widgets",
    "options_with", "single_actors", "stored_actors",
]


# URL parameter -> EventFilter field. Lists repeat the key (?actor=A&actor=B).
PARAMS: dict[str, str] = {
    "from": "date_from",
    "to": "date_to",
    "actor": "actors",
    "type": "event_types",
    "country": "countries",
    "q": "text",
    "admin1": "admin1",
    "sub": "sub_event_types",
    "dead": "min_fatalities",
    "precision": "precisions",
    "country_level": "country_level",
    "background": "scopes",
}
# What the map draws when the URL says nothing: reported events, not background (history, running
# totals) and not events placed only at a whole country; `background=show` and `country_level=show`
# bring them back. The store and the CLI keep EventFilter's own default (everything).
DRAWN_SCOPES = ("event", "country")
APP_DEFAULT = EventFilter(scopes=DRAWN_SCOPES, country_level=False)
_LISTS = {"actors", "event_types", "countries", "admin1", "sub_event_types", "precisions"}
PRECISIONS = {1: "town", 2: "near a town", 3: "region or country"}


def _param_value(fname: str, value: Any) -> str | list[str] | None:
    """One filter field as URL text; None when it is the default (no parameter)."""
    if fname in _LISTS:
        return [str(v) for v in value] if value else None
    if fname == "country_level":
        return "show" if value else None
    if fname == "scopes":
        return "show" if _with_background(value) else None
    return str(value) if value else None


def _with_background(scopes: Sequence[str]) -> bool:
    return not scopes or "background" in scopes


def _field_value(fname: str, values: list[str]) -> Any:
    """URL text back to a filter field; None when malformed (a hand-edited link must still open)."""
    if fname == "precisions":
        kept = tuple(dict.fromkeys(int(v) for v in values if v.strip() in ("1", "2", "3")))
        return kept or None
    if fname in _LISTS:
        return tuple(dict.fromkeys(v.strip() for v in values))
    last = values[-1].strip()
    if fname in ("date_from", "date_to"):
        return _iso(last)
    if fname == "min_fatalities":
        return int(last) if last.isdigit() and int(last) > 0 else None
    if fname == "country_level":
        return True if last == "show" else None  # absent or "hide": hidden
    if fname == "scopes":
        return () if last == "show" else None
    return last


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
        value = _param_value(fname, getattr(flt, fname))
        if value is not None:
            out[key] = value
    return out


def filter_from_params(params: Mapping[str, str | Sequence[str]]) -> EventFilter:
    """Inverse of `filter_to_params`; unknown keys and malformed values are ignored."""
    kwargs: dict[str, Any] = {}
    for key, fname in PARAMS.items():
        values = [v for v in _as_list(params.get(key)) if v.strip()]
        value = _field_value(fname, values) if values else None
        if value is not None:
            kwargs[fname] = value
    if kwargs.get("date_from") and kwargs.get("date_to") and kwargs["date_from"] > kwargs["date_to"]:
        kwargs["date_from"], kwargs["date_to"] = kwargs["date_to"], kwargs["date_from"]
    return replace(APP_DEFAULT, **kwargs)


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
        "admin1": list(flt.admin1),
        "sub_event_types": list(flt.sub_event_types),
        "min_fatalities": int(flt.min_fatalities),
        "precisions": [PRECISIONS[p] for p in flt.precisions if p in PRECISIONS],
        "country_level": flt.country_level,
        "background": _with_background(flt.scopes),
    }


def filter_from_widgets(
    dates: Sequence[date] | None,
    actors: Iterable[str] = (),
    event_types: Iterable[str] = (),
    countries: Iterable[str] = (),
    text: str = "",
    span: tuple[str, str] | None = None,
    *,
    admin1: Iterable[str] = (),
    sub_event_types: Iterable[str] = (),
    min_fatalities: int | None = 0,
    precisions: Iterable[str] = (),
    country_level: bool = False,
    background: bool = False,
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
        admin1=tuple(admin1),
        sub_event_types=tuple(sub_event_types),
        min_fatalities=max(int(min_fatalities or 0), 0),
        precisions=tuple(sorted(p for p, label in PRECISIONS.items() if label in set(precisions))),
        country_level=bool(country_level),
        scopes=() if background else DRAWN_SCOPES,
    )


def options_with(available: Iterable[str], selected: Iterable[str]) -> list[str]:
    """Choices for a multiselect: what the store has plus what the URL asked for (else Streamlit raises)."""
    return sorted({o for o in available if o} | {s for s in selected if s}, key=str.casefold)


def single_actors(stored: Iterable[str]) -> list[str]:
    """The actors a filter offers: one per name, though the store keeps joint sides ("A; B") as one value."""
    return sorted({part.strip() for value in stored for part in value.split(";") if part.strip()}, key=str.casefold)


def stored_actors(flt: EventFilter, stored: Iterable[str]) -> EventFilter:
    """`flt` with each chosen actor widened to the stored values naming it ("A" also matches "A; B")."""
    if not flt.actors:
        return flt
    chosen = set(flt.actors)
    joint = [v for v in stored if ";" in v and chosen & {p.strip() for p in v.split(";")}]
    return replace(flt, actors=tuple(dict.fromkeys([*flt.actors, *joint])))
