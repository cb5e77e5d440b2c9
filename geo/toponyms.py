"""Toponym recognition: which spans of a text could be place names, and what the words around say.

Pure text work (no gazetteer access): the gazetteer asks `spans()` for candidate spans, looks
each up, and reads `cue_before`/`kind_after` to learn kind hints and containment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import ARTICLES, KIND_WORDS, fold

__all__ = ["Token", "tokenize", "candidate_spans", "STOPWORDS", "kind_of_words", "CUE_WORDS", "NOT_PLACE_AFTER"]

_WORD_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w'’ʿʾ`‘]*[^\W_])?|[\u0600-\u06ff]+", re.UNICODE)
_POSSESSIVE_RE = re.compile(r"['’]s$")
# words after a name that make it a street, a building or an organisation, not the place itself
NOT_PLACE_AFTER = frozenset("""
road rd street st avenue ave boulevard blvd drive dr lane ln way court ct place pl parkway pkwy terrace circle
highway hwy freeway route pike trail
school college university high academy hospital church chapel cathedral airport station hotel inn mall
company corp inc ltd bank times post tribune herald journal gazette news daily magazine
""".split())

# lower-case words that may sit inside a place name
CONNECTORS = frozenset(ARTICLES | {"de", "del", "la", "le", "les", "du", "of", "the", "upon", "on", "da", "do",
                                   "dos", "das", "y", "bin", "ibn", "abu", "umm", "bani", "beni", "sur", "am",
                                   "im", "an", "der", "di", "des", "van", "von"})
# words before a name that announce a place
CUE_WORDS = frozenset("in near at from to outside into toward towards across around of inside via".split())

# capitalised words that are almost never places in news text on their own
STOPWORDS = frozenset("""
a an the he she it we they i you his her its our their this that these those there here then when where
while after before since during on in at of for by with from to and or but not no yes as if so than
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
mr mrs ms dr gen lt col sgt capt president prime minister king queen prince general army police
according meanwhile however also said says last next first second third new old north south east west
northern southern eastern western central upper lower greater
government ministry office department committee council university school hospital church court
news agency press reuters associated afp ap tass observatory monitoring group forces force fighters
rebels troops militants opposition regime operation olive branch state islamic democratic free union
international national united federal republic kingdom people party front army defence defense
one two three four five six seven eight nine ten hundred thousand million billion
god lord christ jesus allah mosque county city town village province governorate district region
today yesterday tomorrow morning evening night week month year spring summer autumn winter fall
street road avenue highway bridge river lake mountain valley park square
""".split())

_ABBREVIATIONS = frozenset({"st", "ste", "mt", "ft", "pt", "n", "s", "e", "w"})

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


def folded_words(tokens: list[Token], i: int, j: int) -> list[str]:
    return [fold(t.text) for t in tokens[i:j]]
