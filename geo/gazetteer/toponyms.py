"""Toponym recognition: which spans of a text are place names, and what the words around them say.

`scan(text, lookup)` walks the capitalised runs of a text, longest first, keeps those the gazetteer
knows (through `lookup`), and reads kind words ('province', 'airbase of'), cue words ('in', 'near'),
containers ('X in Y', 'X, Y') and signs that a name is a person or an organisation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, NamedTuple, Sequence

from geo.gazetteer.kinds import ALIAS, ALTERNATE, formal_name, post_town, strong_name, well_known
from geo.gazetteer.names import ARTICLES, KIND_WORDS, fold, is_acronym, is_english_key
from geo.gazetteer.wordlists import (CALENDAR_WORDS, CONNECTORS, CUE_WORDS, DIRECTIONS, GENERIC_HEADS, INSTITUTION_WORDS,
                                     LOCAL_WORDS, NOT_PLACE_AFTER, OFFICE_WORDS, OWN_INSTITUTIONS, PLURAL_KINDS,
                                     PARTY_WORDS, SITE_WORDS, SPEECH_VERBS, STOPWORDS, TITLES)

__all__ = ["Token", "Span", "Intervals", "tokenize", "candidate_spans", "scan", "STOPWORDS", "kind_of_words", "CUE_WORDS",
           "NOT_PLACE_AFTER", "TITLES", "GENERIC_HEADS", "DIRECTIONS", "INSTITUTION_WORDS", "CALENDAR_WORDS"]

_WORD_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w'’ʿʾ`‘]*[^\W_])?|[\u0600-\u06ff]+", re.UNICODE)
_POSSESSIVE_RE = re.compile(r"['’]s$")
_ABBREVIATIONS = frozenset({"st", "ste", "mt", "ft", "pt", "n", "s", "e", "w"})
# lower-case English words that may join a known name ('Isle of Man') but end an unknown one
_ENGLISH_JOINERS = frozenset({"of", "the", "on", "upon"})
_NOT_NAME_WORDS = STOPWORDS | DIRECTIONS | INSTITUTION_WORDS | TITLES | CONNECTORS  # never a first or last name

_KIND_BY_WORD: dict[str, str] = {}
for _kind, _phrases in KIND_WORDS.items():
    for _p in _phrases:
        _KIND_BY_WORD.setdefault(_p, _kind)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        ch = self.text[0]
        return ch.isupper() or ("\u0600" <= ch <= "\u06ff")


def tokenize(text: str) -> list[Token]:
    """Words with their offsets; a possessive 's is left out ("Syria's" -> "Syria")."""
    tokens = []
    for m in _WORD_RE.finditer(text):
        word = _POSSESSIVE_RE.sub("", m.group()) if len(m.group()) > 3 else m.group()
        tokens.append(Token(word, m.start(), m.start() + len(word)))
    return tokens


def kind_of_words(words: list[str]) -> str | None:
    """The kind named by the folded words that follow or precede a name ('air base' -> 'airfield')."""
    for n in (3, 2, 1):
        if len(words) >= n:
            kind = _KIND_BY_WORD.get(" ".join(words[:n]))
            if kind:
                return kind
    return None


def _joined(text: str, tokens: list[Token], i: int, j: int) -> bool:
    """True when tokens i..j-1 are separated only by spaces or hyphens (no sentence or clause break)."""
    for k in range(i, j - 1):
        gap = text[tokens[k].end:tokens[k + 1].start]
        if gap.startswith(".") and tokens[k].text.lower() in _ABBREVIATIONS:
            gap = gap[1:]  # 'St. Thomas', 'Mt. Pleasant'
        if gap.strip(" -\u2010\u2011") or "\n" in gap or len(gap) > 3:
            return False
    return True


def candidate_spans(text: str, tokens: list[Token], max_words: int = 6) -> list[tuple[int, int]]:
    """Token ranges (i, j) that could be names: capitalised runs, lower-case connectors inside them.

    Longest first for each start, so the caller can take the first range the gazetteer knows.
    """
    spans: list[tuple[int, int]] = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if not tok.capitalised:
            continue
        for j in range(min(n, i + max_words), i, -1):
            last = tokens[j - 1]
            if not last.capitalised:
                continue
            inner = tokens[i:j]
            if any(not t.capitalised and t.text.lower() not in CONNECTORS for t in inner):
                continue
            if _joined(text, tokens, i, j):
                spans.append((i, j))
    return spans


class Span(NamedTuple):
    """A name found in a text: where, its folded key, the kind and container words around it."""

    start: int
    end: int
    key: str
    kind: str | None
    container: str | None
    strong: bool  # a main name of a country, area, big town or curated place: votes for the context
    cued: bool  # announced by a kind word, a preposition ('in', 'town of') or its own council or police
    known: bool = True  # False: a capitalised run the gazetteer has no exact entry for


def scan(text: str, lookup: Callable[[str], Sequence]) -> list[Span]:
    """Every span of `text` the gazetteer knows, plus unknown multi-word or announced runs."""
    tokens = tokenize(text)
    found: list[Span] = []
    unknown: list[Span] = []
    taken_until = -1
    lower_words: set[str] | None = None
    tried_start = -1
    compound_until = -1  # the end of an unknown 'X al-Y' name: its parts are not places by themselves
    surnames = _surnames(text, tokens, lookup)
    first_names = _first_names(text, tokens)
    for i, j in candidate_spans(text, tokens):
        if i <= taken_until:
            continue
        words = [fold(t.text) for t in tokens[i:j]]
        key = " ".join(w for w in words if w)
        if not key or not words[0] or (j - i == 1 and key in STOPWORDS):
            continue
        first_try = i != tried_start and _one_name(tokens, i, j, words)
        if first_try:
            tried_start = i
        start = _with_article(text, tokens, i)
        after = [fold(t.text) for t in tokens[j:j + 3]]
        before = [fold(t.text) for t in tokens[max(0, i - 3):i]]
        kind = kind_of_words(after) if _adjacent(text, tokens, j - 1) else None
        if kind is None and j - i == 1:
            kind = _list_kind(text, tokens, j)  # 'Clay, Grant and Swift counties'
        if kind is None and len(before) >= 2 and before[-1] == "of" and not (  # not 'the Southern District of Ohio'
                len(before) == 3 and tokens[i - 3].capitalised and before[0] not in ("the", "a")):
            kind = kind_of_words(before[-2:-1]) or kind_of_words(before[-3:-1])
        cued = kind is not None or (bool(before) and before[-1] in CUE_WORDS and not _sentence_start(text, tokens, i)
                                    and not (before[-1] == "of" and before[-2:-1] and before[-2] in OFFICE_WORDS))
        end = tokens[j - 1].end
        if j - i == 1 and text[end:end + 1] == "." and lookup(key + "."):
            key, end = key + ".", end + 1  # an abbreviation: 'Springfield, Mass.', 'Ont.'
        cands = lookup(key)
        if not cands:
            if first_try and (j - i >= 2 or kind) and not _embedded(text, tokens, i, j) \
                    and not any(w in STOPWORDS for w in words[:1]):
                unknown.append(Span(tokens[start].start, tokens[j - 1].end, key, kind,
                                    _container(text, tokens, j), False, cued, known=False))
                if _arabic_compound(text, tokens, i, j) or (words[0] in GENERIC_HEADS and j - i == 2):
                    compound_until = j - 1
            continue
        if i <= compound_until and (not any(strong_name(c) for c in cands) or words[0] in GENERIC_HEADS):
            continue  # 'Tal' in 'Tal al-Sultan', 'Ain' (the French departement) in 'Ain Dakhna'
        if j - i == 1 and is_acronym(tokens[i].text) and \
                not any(c.feature_code in ("PCLI", "ADM1") or c.name_kind == ALIAS for c in cands):
            continue  # 'UK' and 'U.S.' yes, 'FSA' and 'U.N.' no
        if after and after[0] in NOT_PLACE_AFTER and tokens[j].capitalised and _adjacent(text, tokens, j - 1) \
                and kind_of_words(after) is None:
            continue  # 'Dublin Road', 'Damascus University'
        if before and before[-1] in TITLES and _adjacent(text, tokens, i - 1, (" ", ". ")):
            continue  # 'Mr. Henry', 'Gov. Lincoln'
        if kind is None and before and before[-1] in DIRECTIONS and any(c.feature_code == "ADM1" for c in cands):
            kind = "adm1"
        strong = any(strong_name(c) for c in cands) or formal_name(key, cands)
        if strong and not cued and j - i == 1 and _in_personal_name(text, tokens, i, j) \
                and not any(c.feature_code == "PCLI" or c.population >= 1_000_000 for c in cands):
            continue  # 'Mary Smith', 'Michael Jones': a first name that is also a province
        local = (bool(after) and after[0] in LOCAL_WORDS and _adjacent(text, tokens, j - 1)) or \
            _party_prefix(text, tokens, i) or _container(text, tokens, j) is not None
        if j - i == 1 and i > 0 and not cued and tokens[i - 1].capitalised and \
                fold(tokens[i - 1].text) in PARTY_WORDS and _adjacent(text, tokens, i - 1, (" ",)):
            continue  # 'United Russia', 'Free Syrian Army': a party's or an army's name
        if not any(well_known(c) for c in cands) and (
                text[max(0, tokens[i].start - 3):tokens[i].start] == " & " or text[end:end + 3] == " & "):
            continue  # 'Stevens & Wilkinson': a firm
        if j - i == 1 and not cued and not local and key in surnames and not any(well_known(c) for c in cands):
            continue  # 'Jones said' where the text has 'Tom Jones': the person, named again
        if j - i == 1 and not cued and not local and key in first_names:
            continue  # 'Georgia began skating' where the text has 'Georgia Stevens' and 'Cory Stevens'
        if any(c.feature_code == "BLDG" and c.name_kind != ALTERNATE for c in cands) and not set(before[-2:]) & SITE_WORDS:
            continue  # 'the Kremlin said', 'condemned by the White House': a government, not a spot on a map
        if j - i == 1 and not cued and not local and is_english_key(key) and not any(
                c.name_kind != ALTERNATE and (well_known(c) or "supplement" in c.source) for c in cands):
            continue  # 'Commerce', 'Most', 'Man': a word unless a cue or a kind says place
        if all(post_town(c) for c in cands) and not _said_town(text, tokens, j, kind, before, lookup):
            continue  # 'Fithian said', 'at Minnie Howard': a hamlet known by its post office only when said so
        cued = cued or _before_institution(text, tokens, i, j)  # 'Enfield Council', 'DeKalb Police': a local seat
        if not strong and cued and kind is None and j - i == 1 and _first_name_of(text, tokens, i, j, lookup):
            continue  # 'of Donald Trump', where the text names Trump alone too: a person, whatever the preposition
        if not strong and not cued:
            if lower_words is None:
                lower_words = {t.text for t in tokens if t.text.islower()}
            if (_embedded(text, tokens, i, j) and not _before_institution(text, tokens, i, j)) or \
                    _sentence_start(text, tokens, i) or \
                    (j - i == 1 and key in lower_words):
                continue  # 'Lorraine Bailey', 'Center' opening a sentence, 'Day' when 'day' is a word here
        found.append(Span(tokens[start].start, end, key, kind, _container(text, tokens, j), strong, cued))
        taken_until = j - 1
    strong = Intervals((f.start, f.end) for f in found if f.strong)
    return found + [u for u in unknown if not strong.overlaps(u.start, u.end)]


class Intervals:
    """A set of character ranges that answers 'does (start, end) overlap any of them?' in log time."""

    def __init__(self, ranges) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_right(self._ends, start)  # the first range ending after `start`
        return k < len(self._starts) and self._starts[k] < end


def _one_name(tokens: list[Token], i: int, j: int, words: list[str]) -> bool:
    """Whether tokens i..j-1 can be one unknown name: no day or month, no English word joining them."""
    return not any(w in CALENDAR_WORDS for w in words[1:]) and \
        not any(t.text.islower() and w in _ENGLISH_JOINERS for t, w in zip(tokens[i + 1:j - 1], words[1:-1]))


def _arabic_compound(text: str, tokens: list[Token], i: int, j: int) -> bool:
    """'Tal al-Sultan', 'Bir al Qasab': capitalised words joined by a lower-case Arabic article."""
    return any(tokens[k].text in ARTICLES and tokens[k + 1].capitalised
               and (tokens[k].text in ("al", "el") or text[tokens[k].end:tokens[k + 1].start] == "-")
               for k in range(i + 1, j - 1))


def _with_article(text: str, tokens: list[Token], i: int) -> int:
    """Start the span at a lower-case Arabic article glued to the name: 'al-Bab', 'el-Arish'."""
    if i > 0 and tokens[i - 1].text.lower() in ARTICLES and text[tokens[i - 1].end:tokens[i].start] == "-":
        return i - 1
    return i


def _first_name_of(text: str, tokens: list[Token], i: int, j: int, lookup: Callable[[str], Sequence]) -> bool:
    """The span is a first name: the word after it is no place and also stands alone elsewhere in the text."""
    if j >= len(tokens) or not tokens[j].capitalised or not _adjacent(text, tokens, j - 1, (" ",)):
        return False
    last = tokens[j].text
    return text.count(last) > text.count(f"{tokens[i].text} {last}") and not lookup(fold(last))


def _adjacent(text: str, tokens, k: int, gaps: tuple[str, ...] = (" ", "-")) -> bool:
    """Whether token k and the next are separated by exactly one of `gaps`."""
    return 0 <= k < len(tokens) - 1 and text[tokens[k].end:tokens[k + 1].start] in gaps


def _party_prefix(text: str, tokens, i: int) -> bool:
    """'D-Charleston', 'R-Ocilla': a legislator's party and home town."""
    return i > 0 and len(tokens[i - 1].text) == 1 and text[tokens[i - 1].end:tokens[i].start] == "-"


def _embedded(text: str, tokens, i: int, j: int) -> bool:
    """True when capitalised words touch the span ('Lorraine Bailey', 'Wal-Mart'): part of a longer name."""
    prev_cap = i > 0 and tokens[i - 1].capitalised and _adjacent(text, tokens, i - 1) and not _party_prefix(
        text, tokens, i) and tokens[i - 1].text.lower() not in ("the", "a", "an")  # 'The Commerce police'
    next_cap = j < len(tokens) and tokens[j].capitalised and _adjacent(text, tokens, j - 1)
    return prev_cap or next_cap


def _before_institution(text: str, tokens, i: int, j: int) -> bool:
    """'DeKalb Police', 'Hurricane Fire Department': a place's own institution, no capitalised word before
    ('Webb Center' is a building named for a person)."""
    prev_cap = i > 0 and tokens[i - 1].capitalised and _adjacent(text, tokens, i - 1) and \
        tokens[i - 1].text.lower() not in ("the", "a", "an")
    return not prev_cap and j < len(tokens) and _adjacent(text, tokens, j - 1) and \
        fold(tokens[j].text) in OWN_INSTITUTIONS


def _in_personal_name(text: str, tokens, i: int, j: int) -> bool:
    """Capitalised neighbours that are neither an institution ('Gainesville Police') nor a direction."""
    words = []
    if i > 0 and tokens[i - 1].capitalised and _adjacent(text, tokens, i - 1) and not _party_prefix(text, tokens, i):
        words.append(fold(tokens[i - 1].text))
    if j < len(tokens) and tokens[j].capitalised and _adjacent(text, tokens, j - 1):
        words.append(fold(tokens[j].text))
    return bool(words) and not any(w in INSTITUTION_WORDS or w in DIRECTIONS or w in STOPWORDS for w in words)


def _list_kind(text: str, tokens: list[Token], j: int) -> str | None:
    """The kind a list of names ends with: 'Becker, Clay and Swift counties' makes each a county."""
    if 2 <= j < len(tokens) and tokens[j - 2].text in ("and", "or") and tokens[j].text in PLURAL_KINDS:
        return PLURAL_KINDS[tokens[j].text]  # the last of the list: 'Preble or Warren counties'
    k, joined = j, False
    while k < len(tokens) and k - j < 24:
        gap = text[tokens[k - 1].end:tokens[k].start]
        word = tokens[k].text
        if word in ("and", "or") and gap.strip() in ("", ","):
            k, joined = k + 1, True
        elif tokens[k].capitalised and gap.strip() in ("", ","):
            joined = joined or gap.strip() == ","
            k += 1
        else:
            break
    if joined and k < len(tokens) and text[tokens[k - 1].end:tokens[k].start] == " ":
        return PLURAL_KINDS.get(tokens[k].text)
    return None


def _surnames(text: str, tokens: list[Token], lookup: Callable[[str], Sequence]) -> set[str]:
    """Last words of two-word personal names in the text ('Tom Jones', 'Sen. Blanche Lincoln'): a pair the
    gazetteer does not know whose first word is no place, direction, title or institution word."""
    out: set[str] = set()
    for k in range(1, len(tokens)):
        first, last = tokens[k - 1], tokens[k]
        if last.capitalised and fold(first.text) in TITLES and _adjacent(text, tokens, k - 1, (" ", ". ")):
            out.add(fold(last.text))  # 'Mr. Jones', 'Sen. Lincoln'
            continue
        if first.capitalised and last.text in SPEECH_VERBS and _adjacent(text, tokens, k - 1, (" ",)) and \
                not is_acronym(first.text) and not any(
                    strong_name(c) and (c.population >= 100_000 or c.feature_code != "PPL")
                    for c in lookup(fold(first.text))):
            out.add(fold(first.text))  # 'Nelson said', 'Taylor told': a person speaks (a capital may too)
        if k >= 2 and len(first.text) == 1 and first.text.isupper() and last.capitalised and \
                tokens[k - 2].capitalised and _adjacent(text, tokens, k - 1, (". ",)):
            out.add(fold(last.text))  # 'Roy A. Nelson'
            continue
        if not (first.capitalised and last.capitalised and _adjacent(text, tokens, k - 1, (" ",))):
            continue
        if _embedded(text, tokens, k, k + 1) and k + 1 < len(tokens) and tokens[k + 1].capitalised:
            continue  # a longer run: a name of three words or an organisation
        if is_acronym(first.text) or is_acronym(last.text) or len(first.text) < 2:
            continue
        a, b = fold(first.text), fold(last.text)
        if not a or not b or {a, b} & _NOT_NAME_WORDS:
            continue
        if k >= 2 and _adjacent(text, tokens, k - 2, (" ",)) and tokens[k - 2].capitalised and \
                fold(tokens[k - 2].text) not in TITLES:
            continue
        if any(strong_name(c) for c in lookup(a)) or lookup(f"{a} {b}") or is_english_key(a):
            continue  # 'Lake Charles', 'Fort Worth', 'Rock Hill': the first word is itself a place or a word
        out.add(b)
    return out


def _first_names(text: str, tokens: list[Token]) -> set[str]:
    """First words of two-word names sharing a last word ('Georgia Stevens', 'Cory Stevens'): people, alone too."""
    firsts: dict[str, set[str]] = {}
    for k, (first, last) in enumerate(zip(tokens, tokens[1:]), start=1):
        if not (first.capitalised and last.capitalised and _adjacent(text, tokens, k - 1, (" ",))) or \
                is_acronym(first.text) or is_acronym(last.text) or _embedded(text, tokens, k - 1, k + 1):
            continue  # not a name of two words ('New York Stevens Institute')
        a, b = fold(first.text), fold(last.text)
        if a and b and not {a, b} & _NOT_NAME_WORDS and \
                not is_english_key(b):  # 'the Minnesota House' and 'the Ohio House' are no family
            firsts.setdefault(b, set()).add(a)
    return {a for group in firsts.values() if len(group) >= 2 for a in group}


def _sentence_start(text: str, tokens, i: int) -> bool:
    if i == 0:
        return True
    gap = text[tokens[i - 1].end:tokens[i].start]
    return any(ch in gap for ch in ".!?:\n\"“")


def _said_town(text: str, tokens, j: int, kind: str | None, before: list[str], lookup) -> bool:
    """'in Meadow Grove', 'near Atalissa', 'Winside, Neb.', 'the village of Lanexa': said to be a town."""
    container = _container(text, tokens, j)
    return kind == "city" or before[-1:] in (["in"], ["near"]) or container is not None and any(
        c.feature_code == "ADM1" for c in lookup(container) + lookup(container + "."))


def _container(text: str, tokens, j: int) -> str | None:
    """'X in Y' / 'X, Y' / 'X in Y province': the folded Y when it is capitalised."""
    if j >= len(tokens):
        return None
    gap = text[tokens[j - 1].end:tokens[j].start]
    k = j
    if gap.strip() == ",":
        pass
    elif gap == " " and tokens[j].text in ("in", "of") and j + 1 < len(tokens):
        k = j + 1
        if tokens[k].text.lower() == "the" and k + 1 < len(tokens):
            k += 1
            area = fold(tokens[k].text) in ("province", "governorate", "state", "district", "county")
            if area and k + 2 < len(tokens) and tokens[k + 1].text == "of":
                k += 2
    else:
        return None
    words = []
    while k < len(tokens) and tokens[k].capitalised and len(words) < 4:
        words.append(fold(tokens[k].text))
        if not _adjacent(text, tokens, k):
            break
        k += 1
    return " ".join(words) or None

