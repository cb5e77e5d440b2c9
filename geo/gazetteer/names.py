"""Place-name folding: the many spellings of one name meet on one key.

Two keys per name:
- `fold`: exact-ish key (case, diacritics, ayn/hamza marks, punctuation and spacing removed,
  Arabic script normalised). Safe anywhere in the world.
- `skeleton`: loose consonant key (Arabic articles dropped, vowels dropped, doubled letters and
  dh/z/d, q/k, th/t merged) so "Maaret al-Numan", "Ma'arrat an-Nu'man" and "Marat al-Noaman" meet.
  Loose keys collide a lot, so callers only accept them inside the text's own countries.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

__all__ = ["fold", "skeleton", "skeleton_of_folded", "close_spellings", "kind_hint", "is_arabic", "is_english_word",
           "is_english_key", "is_acronym", "ARTICLES", "KIND_WORDS"]

ARTICLES = frozenset(
    "al el il ul ad ed an en ar er as es ash esh at et ath adh az ez".split()
)

# words that say what kind of place a name is: kind -> phrases (folded)
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "airfield": ("military airport", "air base", "airbase", "airfield", "air field", "airport", "air station",
                 "military airbase", "air force base", "military air base", "helicopter base"),
    "adm1": ("governorate", "province", "state", "muhafazat", "wilayat", "oblast", "region"),
    "adm2": ("district", "county", "co", "parish", "mintaqat", "municipality"),
    "adm3": ("subdistrict", "sub district", "nahiya", "nahiyat", "township"),
    "crossing": ("border crossing", "crossing", "checkpoint"),
    "city": ("city", "town", "village", "neighbourhood", "neighborhood", "suburb", "camp"),
    "country": ("country", "republic"),
}

_APOSTROPHES = "'`´ʿʾʼʻ’‘ʹʽ\u02bf\u02be\u0060"
_APOS_RE = re.compile(f"[{re.escape(_APOSTROPHES)}]")
_NON_WORD_RE = re.compile(r"[^0-9a-z\u0600-\u06ff]+")
_ARABIC_RE = re.compile(r"[\u0600-\u06ff]")
_ARABIC_MARKS_RE = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
_ABBREVIATION_RE = re.compile(r"^[A-Za-z]{2,6}\.$")  # one word cut short: 'Calif.', 'Mass.', 'Ont.'
_TOKEN_MAP = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "the": ""}
_ARABIC_PREFIX_RE = re.compile(r"^(?:ال|وال|بال)")

# skeleton rewrites, applied in order to the joined folded key
_DIGRAPHS = (("dh", "d"), ("th", "t"), ("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("ph", "f"),
             ("ou", "u"), ("q", "k"), ("z", "d"), ("c", "k"), ("x", "ks"), ("j", "g"), ("dj", "g"))
_VOWELS_RE = re.compile(r"[aeiouyw]")
_DOUBLE_RE = re.compile(r"(.)\1+")
_FINAL_H_RE = re.compile(r"(?<=[aeiou])h\b")


def is_arabic(text: str) -> bool:
    return bool(_ARABIC_RE.search(text))


def _fold_arabic(text: str) -> str:
    text = _ARABIC_MARKS_RE.sub("", text).translate(_ARABIC_MAP)
    words = [_ARABIC_PREFIX_RE.sub("", w) or w for w in re.split(r"[^\u0600-\u06ff]+", text) if w]
    return " ".join(words)


@lru_cache(maxsize=1 << 16)  # recognition folds the same words of a text many times over
def fold(name: str) -> str:
    """Exact lookup key: 'Maʿarrat an-Nuʿmān' -> 'maarrat an numan'; 'U.S.' -> 'us'; 'Ill.' -> 'ill.';
    'إدلب' -> 'ادلب'."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name)
    if is_arabic(text):
        return _fold_arabic(text)
    text = _APOS_RE.sub("", text)
    if not text.isascii():
        text = anyascii(text)
        text = _APOS_RE.sub("", text)
    abbreviation = _ABBREVIATION_RE.match(text.strip()) is not None
    text = text.lower().replace(".", "")
    words = [_TOKEN_MAP.get(w, w) for w in _NON_WORD_RE.split(text)]
    key = " ".join(w for w in words if w)
    # 'Ill.' (Illinois) must not meet the word "I'll", nor 'Man.' (Manitoba) the word 'Man'
    return key + "." if abbreviation and key and " " not in key else key


def skeleton(name: str) -> str:
    """Loose key: articles, vowels, doubled letters and spaces dropped, similar consonants merged."""
    return skeleton_of_folded(fold(name))


def skeleton_of_folded(folded: str) -> str:
    if not folded:
        return ""
    if is_arabic(folded):
        folded = fold(anyascii(folded).replace("`", "").replace("'", ""))
    words = [w for w in folded.split() if w not in ARTICLES]
    if not words:
        return ""
    text = _FINAL_H_RE.sub("", " ".join(words)).replace(" ", "")
    for old, new in _DIGRAPHS:
        text = text.replace(old, new)
    text = _VOWELS_RE.sub("", text)
    return _DOUBLE_RE.sub(r"\1", text)


_KIND_PATTERNS: list[tuple[re.Pattern[str], str]] = []
for _kind, _phrases in KIND_WORDS.items():
    for _p in sorted(_phrases, key=len, reverse=True):
        _KIND_PATTERNS.append((re.compile(rf"^(?:{_p}) of (?P<n>.+)$"), _kind))
        _KIND_PATTERNS.append((re.compile(rf"^(?P<n>.+) (?:{_p})$"), _kind))
_KIND_PATTERNS.sort(key=lambda pk: -len(pk[0].pattern))


_KIND_TOKENS = frozenset(w for phrases in KIND_WORDS.values() for p in phrases for w in p.split())


def kind_hint(folded: str) -> tuple[str, str | None]:
    """Split a folded name into (bare name, kind): 'idlib province' -> ('idlib', 'adm1')."""
    if _KIND_TOKENS.isdisjoint(folded.split()):
        return folded, None  # no kind word at all: most names, and the patterns cost more than this
    for pattern, kind in _KIND_PATTERNS:
        m = pattern.match(folded)
        if m and m.group("n").strip() and m.group("n") not in ARTICLES:
            return m.group("n").strip(), kind
    return folded, None


def close_spellings(a: str, b: str, threshold: float = 75.0) -> bool:
    """Whether two names are spelled alike once folded and stripped of articles (a guard on loose matches)."""
    def bare(name: str) -> str:
        return " ".join(w for w in fold(name).split() if w not in ARTICLES)

    return fuzz.ratio(bare(a), bare(b)) >= threshold


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower())


def is_english_word(name: str) -> bool:
    """Whether a one-word name is also a common English word ('Commerce', 'Most', 'Institute'):
    Webster's lower-case entries. Such a word is a place only when something else says so."""
    return is_english_key(fold(name))


def is_english_key(key: str) -> bool:
    """`is_english_word` for a name already folded."""
    return bool(key) and " " not in key and key in _english_words()


_ACRONYM_RE = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z]{2,5}$")


def is_acronym(raw: str) -> bool:
    """'EL', 'AREA', 'U.N.': capitals that spell letters or a shouted word, never a loose spelling of a town."""
    return bool(_ACRONYM_RE.match(raw.strip()))
