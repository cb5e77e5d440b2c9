"""Event popups and tooltips: what a reader sees on clicking an event, from untrusted article text.

Every value is escaped here, once, so a `<script>` in an article is shown and never run,
whichever page or file the popup ends up in.
"""

from __future__ import annotations

import html
import math
from typing import Any, Mapping

from geo.taxonomy import EVENT_TYPES

__all__ = ["EVENT_COLOURS", "OTHER_COLOUR", "POPUP_CSS", "as_text", "popup_html", "tooltip_text"]

EVENT_COLOURS: dict[str, str] = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
    "Displacement": "#e91e8c",
}
assert set(EVENT_COLOURS) == set(EVENT_TYPES)
OTHER_COLOUR = "#6b6b6b"

_SAFE_SCHEMES = ("http://", "https://")


def as_text(value: Any) -> str:
    """A cell of an events frame as text: NaN and None are empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _highlight(sentence: str, needles: list[str]) -> str:
    """The escaped sentence with the first of `needles` that occurs in it marked."""
    from geo.render.html import highlight_place

    lower = sentence.lower()
    for needle in needles:
        if needle and needle.lower() in lower:
            return highlight_place(sentence, needle)
    return html.escape(sentence)


def _dates(event: Mapping) -> str:
    start, end = as_text(event.get("date_start")), as_text(event.get("date_end"))
    return start if not end or end == start else f"{start} – {end}"


def _actors(event: Mapping) -> str:
    def side(main: str, assoc: str) -> str:
        main, assoc = as_text(event.get(main)), as_text(event.get(assoc))
        return f"{main} (with {assoc})" if main and assoc else main or assoc

    a, b = side("actor1", "assoc_actor1"), side("actor2", "assoc_actor2")
    return f"{a} vs {b}" if a and b else a or b


def _count(value: Any) -> int:
    try:
        return 0 if value is None or value == "" or (isinstance(value, float) and math.isnan(value)) else int(value)
    except (TypeError, ValueError):
        return 0


def popup_html(event: Mapping) -> str:
    """The popup of one event: every value from the article escaped, the place highlighted.

    Terse markup (styled by the map's POPUP_CSS): thousands of popups travel with the page.
    """
    esc = html.escape
    kind = as_text(event.get("event_type"))
    sub = as_text(event.get("sub_event_type"))
    place = as_text(event.get("place"))
    location = as_text(event.get("location"))
    where = ", ".join(x for x in (location or place, as_text(event.get("admin1")), as_text(event.get("country_code"))) if x)
    if place and location and place.lower() != location.lower():
        where = f"{place} → {where}"
    precision = as_text(event.get("geo_precision"))
    facts = [esc(where) + (f" <small>(precision {esc(precision)})</small>" if precision else "")]
    if dead := _count(event.get("fatalities")):
        facts.append(f"{dead} killed")
    if (sources := _count(event.get("n_sources"))) > 1:
        facts.append(f"{sources} sources")
    lines = [
        f"<b>{esc(_dates(event))}</b> {esc(f'{kind} / {sub}' if sub else kind)}",
        esc(_actors(event)),
        " · ".join(facts),
    ]
    sentence = _highlight(as_text(event.get("sentence")), [place, location])
    colour = EVENT_COLOURS.get(kind, OTHER_COLOUR)
    url, source = as_text(event.get("url")), as_text(event.get("source"))
    if url.lower().startswith(_SAFE_SCHEMES):
        link = f'<a href="{esc(url, quote=True)}" target="_blank" rel="noopener">{esc(source or url)}</a>'
    else:
        link = esc(source or url)
    return (
        f'<div class="cem-popup" style="border-color:{colour}">'
        + "<br>".join(line for line in lines if line)
        + (f"<blockquote>{sentence}</blockquote>" if sentence else "")
        + (f"Source: {link}" if link else "")
        + "</div>"
    )


POPUP_CSS = (
    ".cem-popup{border-left:4px solid;padding-left:7px;font:12px/1.4 sans-serif}"
    ".cem-popup blockquote{margin:5px 0;padding:3px 6px;background:#f5f5f5;font-style:italic}"
    ".cem-popup mark{background:#ffe08a;font-style:normal}"
)


def tooltip_text(event: Mapping) -> str:
    """One escaped line: date, type, place."""
    parts = (_dates(event), as_text(event.get("event_type")), as_text(event.get("location")) or as_text(event.get("place")))
    return html.escape(" · ".join(p for p in parts if p))
