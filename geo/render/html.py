"""Untrusted text made safe for HTML and Markdown, with the places, actors and dates it mentions marked."""

from __future__ import annotations

import html
import json
import re
from typing import Any, Iterable

from geo.records import Mention

__all__ = ["md_text", "highlight_html", "highlight_place", "script_json"]


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


def script_json(obj: Any) -> str:
    """Compact JSON safe inside <script>: no "</" or "<!" (which could end or confuse the element).

    Jinja's tojson escapes every <, > and & instead, which doubles the size of popup markup.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("</", "<\\/").replace("<!", "\\u003c!").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )
