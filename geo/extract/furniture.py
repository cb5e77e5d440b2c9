"""Wire copy and pasted web pages: what is not the story's prose.

Users paste stories as a browser shows them: each paragraph, headline and caption on a line of its own,
with the page's furniture ("Skip to content", "Published Monday, March 2, 2020 7:45AM EST", "4 min read",
a byline, a photo credit) between them. Wire copy wrapped at a fixed width (MUC-4's feeds) breaks lines
mid-sentence instead. And a wire story opens with a dateline ("BEIRUT (AP) —", "JERUSALEM, Israel -"): the city
the reporter files from, not where anything happened.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["WRAP_WIDTH", "hard_wrapped", "furniture_line", "page_lines", "retold_headline", "dateline_spans", "opens_with_dateline", "furniture_spans"]

WRAP_WIDTH = 100  # characters: wrapped feeds stay under it; a pasted page's paragraph lines run longer


def hard_wrapped(text: str) -> bool:
    """Whether the text is wrapped at a fixed width, so that a line break is no more than a space: no line is longer
    than the width (a pasted page's paragraphs run longer; a page of short lines only reads as before, joined)."""
    lengths = [len(line.strip()) for line in text.splitlines() if line.strip()]
    return len(lengths) < 2 or max(lengths) <= WRAP_WIDTH


_MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_DAYS = r"mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun"
# a line that only dates or times the page: "Thursday 26/07/2018", "March 2, 2019 2:09 am", "Updated 4:07 PM GMT"
_WHEN_ONLY = re.compile(
    rf"(?:(?:published|updated|posted|last\s+updated|first\s+published|date|on)\b:?|(?:{_DAYS})(?:day)?\b\.?|(?:{_MONTHS})\b\.?|"
    r"\d{1,4}(?:(?:st|nd|rd|th)\b)?|[ap]\.?m\b\.?|gmt|utc|edt|est|cet|bst|ast|[,./:|•·()\s-])+", re.I)
# labels and controls of a page: "Skip to main content", "Image caption,", "Read more: ...", "2 min read"
_LABEL = re.compile(
    r"(?:\d+\.\s*)?(?:skip\s+to\b|image(?:\s+caption)?\b\s*[:,]?|photo(?:\s+caption)?\s*[:,]|caption\s*[:,]|video\s*[:,]|"
    r"watch\s*:|read\s+(?:more|also)\s*:|related\s*:|see\s+also\s*:|advertisement$|share\s+this\b|listen\s+to\s+this\b|"
    r"open\s+image\s+modal$|placeholder\s+while\b|source\s*:|\d+\s*min(?:ute)?s?\s+read$|by\s+(?-i:[A-Z][\w.'’-]+\s+){1,3}"
    r"(?:and\s+(?-i:[A-Z][\w.'’-]+\s*){1,3})?(?:,?\s*(?-i:[A-Z][\w]+))?$)",
    re.I)
# a photo credit standing alone or closing a caption: "JOHN DOE via Getty Images", "(Jane Roe via AP)", "[AFP]"
_AGENCY = r"(?:AP|AFP|(?:The\s+)?Associated\s+Press|Reuters|REUTERS|Getty\s+Images|Getty|EPA|EPA-EFE|Anadolu(?:\s+Agency)?|Storyful|SANA|Xinhua|TASS|Photo)"
_CREDIT = re.compile(rf"(?:[\w.'’/ -]+\s+via\s+[\w ]+|(?:[\w.'’ -]+/)*{_AGENCY}(?:/[\w.'’ -]+)*)\s*$")
_CREDIT_CLOSE = re.compile(rf"[(\[](?:[^()\[\]\n]{{0,60}}\bvia\b[^()\[\]\n]{{0,40}}|(?:[^()\[\]\n]{{0,40}}/)?{_AGENCY}"
                           r"(?:/[^()\[\]\n]{0,40})?|[^()\[\]\n]{0,40}\bPhoto)[)\]]\s*$")
_CAPTION = re.compile(r"\b(?:file\s+photo|photo\s+(?:provided|released|taken|posted)\s+by|(?:picture|photo|image)\s+taken\s+on\b"
                      r"|in\s+this\s+(?:file\s+)?(?:photo|image|picture))", re.I)
_CODE = re.compile(r"[{}]|\$\(|\w\s*=\s*[\"'\d]")


def furniture_line(line: str, following: str = "") -> bool:
    """Whether a line of a pasted page is its furniture or a photo caption, not the story's prose.

    A caption is a line closed by a photo credit ("... (Jane Roe via AP)", "... [AFP]"), a line
    followed by a credit line, or one that says it describes a picture ("file photo", "picture taken on").
    """
    line = line.strip()
    if not line:
        return False
    if _WHEN_ONLY.fullmatch(line) or _LABEL.match(line) or _CODE.search(line):
        return True
    if len(line.split()) <= 8 and _CREDIT.fullmatch(line) and not line.endswith("."):
        return True
    if _CREDIT_CLOSE.search(line) or _CAPTION.search(line):
        return True
    following = following.strip()
    return bool(following) and len(following.split()) <= 8 and bool(_CREDIT.fullmatch(following)) and not following.endswith(".")


# "BEIRUT (AP) —", "ANKARA, Turkey -", "BEIRUT/ISTANBUL:", "TUNIS - ": a city in capitals at a paragraph's start
_DATELINE = re.compile(
    r"(?m)^[ \t]*((?-i:[A-Z][A-Z'’.]+(?:[ /-][A-Z][A-Z'’.]+){0,3}))(?:,[ \t]*(?-i:[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?))?"
    r"(?:[ \t]*\((?-i:[A-Z][\w .-]{0,20})\))?(?:[ \t]*:|[ \t]+(?:--|[-–—|]))(\s+)(?=\S)")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """The cities of a story's datelines: where its reporter files from, not where its events happened (the country
    after it, "BEIRUT, Lebanon -", stays: a story filed from a country is mostly about it). A transcript's "SAN
    SALVADOR --" on a line of its own is left alone: there the city is where the story is."""
    return [m.span(1) for m in _DATELINE.finditer(text) if "\n" not in m[2]]


def opens_with_dateline(text: str) -> bool:
    """The story is a dispatch filed from a place ("BEIRUT (Reuters) -", a transcript's "SAN SALVADOR --")."""
    return _DATELINE.match(text.lstrip()) is not None


@lru_cache(maxsize=64)
def page_lines(text: str) -> tuple[tuple[int, int, bool], ...]:
    """The non-blank lines of a pasted page (start, end, furniture?); a line told again word for word (a headline
    or caption repeated by the page) counts as furniture the second time."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    seen: set[str] = set()
    out = []
    for i, (start, end) in enumerate(spans):
        line = text[start:end].strip()
        following = text[spans[i + 1][0]:spans[i + 1][1]] if i + 1 < len(spans) else ""
        before = text[spans[i - 1][0]:spans[i - 1][1]] if i else ""
        out.append((start, end, line in seen or furniture_line(line, following) or _IMAGE_LABEL.match(following.strip())
                     is not None or _IMAGE_LABEL.fullmatch(before.strip()) is not None))
        seen.add(line)
    return tuple(out)


# "Image caption,", "Image source, AFP", "Photo:": the line before such a label is a picture's description, the line
# after "Image caption," its caption
_IMAGE_LABEL = re.compile(r"(?:image|photo|picture|media|video)\s+(?:caption|source|credit)\b[,:]?(?:\s*\S+(?:\s+\S+){0,3})?$|caption\s*[,:]?$",
                          re.I)


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Datelines, and on a pasted page its furniture and captions: text whose places are not where events happened."""
    lines = [] if hard_wrapped(text) else [(s, e) for s, e, furniture in page_lines(text) if furniture]
    return sorted(lines + dateline_spans(text))


HEADLINE_WORDS = 25


def retold_headline(text: str, lines: list[tuple[int, int, bool]]) -> int | None:
    """The index of a page's headline when the story follows it: its first line of prose, short and with no full stop.
    The lead retells the headline's deed with a day and a place (the headline, in the present tense, dates nothing),
    so it would be the same event told twice; a headline with nothing after it is kept, the only telling there is."""
    prose = [i for i, (_, _, furniture) in enumerate(lines) if not furniture]
    if len(prose) < 2:
        return None
    start, end, _ = lines[prose[0]]
    head = text[start:end].strip()
    return prose[0] if len(head.split()) <= HEADLINE_WORDS and not head.endswith((".", "!", "?", '"', "”", "’")) else None
