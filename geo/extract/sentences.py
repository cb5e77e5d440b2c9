"""Text to sentence spans with their paragraph: the unit every event is coded from.

Wire copy abbreviates ("U.N.", "Jan.", "Lt. Col."), so a full stop alone does not end a sentence;
a blank line ends a paragraph, which bounds how far an event may borrow a place or a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.extract.furniture import hard_wrapped, page_lines, retold_headline

__all__ = ["Sentence", "split_sentences", "MAX_SENTENCE"]

_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr gen lt col sgt capt maj st no vs etc gov sen rep "
    "adm brig cpl pvt jr sr inc co corp ltd mt ft fig approx dept".split()
)
_BOUNDARY = re.compile(r"[.!?][\"')\]’”]*\s+(?=[\"'(\[“‘]?[A-Z0-9])|\n[ \t]*\n\s*")
_LAST_TOKEN = re.compile(r"([\w.]+)[.!?][\"')\]’”]*$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans; blank lines end paragraphs; "U.N.", "Jan." and initials do not end sentences.

    On a pasted page (not wrapped at a fixed width) every line is a paragraph of its own, and its furniture, photo
    captions and a headline the story goes on to tell are no sentences (geo/extract/furniture.py).
    """
    out: list[Sentence] = []
    if hard_wrapped(text):
        _split(text, 0, len(text), 0, out)
        return out
    paragraph = 0
    lines = page_lines(text)
    skip = retold_headline(text, lines)
    for i, (start, end, furniture) in enumerate(lines):
        if not furniture and i != skip:
            paragraph = _split(text, start, end, paragraph, out) + 1
    return out


def _split(text: str, start: int, stop: int, paragraph: int, out: list[Sentence]) -> int:
    """The sentences of text[start:stop] onto out; returns the paragraph number it ends in."""
    for m in _BOUNDARY.finditer(text, start, stop):
        if m.group(0)[0] in ".!?":
            token = _LAST_TOKEN.search(text, max(0, m.start() - 30), m.start() + 1)
            word = token.group(1).lower() if token else ""
            if m.group(0)[0] == "." and (word in _ABBREVIATIONS or len(word) == 1 or "." in word):
                continue
        end = m.start() + (1 if m.group(0)[0] in ".!?" else 0)
        _add_sentence(out, text, start, end, paragraph)
        if "\n" in m.group(0) and re.search(r"\n[ \t]*\n", m.group(0)):
            paragraph += 1
        start = m.end()
    _add_sentence(out, text, start, stop, paragraph)
    return paragraph


MAX_SENTENCE = 1500  # characters; longer runs without a full stop (lists, scraped pages) are cut at spaces


def _add_sentence(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _add_sentence(out, text, start, cut, paragraph)
        start = cut
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        out.append(Sentence(start + lead, start + lead + len(stripped), paragraph))
