"""Filters as URL query parameters and sidebar widget values, so a view is a shareable link."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Iterable, Mapping, Sequence


from geo.records import EventFilter

__all__ = ["PARAMS", "filter_to_params", "filter_from_params", "span_days", "widget_values", "filter_from_widgets", "options_with"]


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
