"""All-caps wire copy (MUC-4's "JETS BOMBED SAN SALVADOR") recased as a gazetteer expects it: common
English words lower case, names capitalised, so that "WILL" and "MARK" are not read as places."""

from __future__ import annotations

import re
from functools import lru_cache

from geo.gazetteer.toponyms import STOPWORDS

__all__ = ["recase"]

_ALWAYS_LOWER = (STOPWORDS - frozenset("city town village province county district region state river lake mountain valley".split())) | frozenset(
    "a an the at in on of to is are was were be been has have had km mr heard told took taken made went gone found held "
    "led left fled fought brought caught sent spent began begun knew known saw seen came gave given got wrote written shot "
    "hit set put ran sought thought kept meant met paid stood won lost broke broken chose drove fell fallen flew grew hid "
    "rode rose shook spoke stole struck threw thrown wore".split())
_LONE_PARTICLE = re.compile(
    r"\b(?:La|Las|Los|El|De|Del|Da|Do|Dos|San|Santa|Santo|Al|As|At|Ad|An)\b(?![ -]+[A-Z])")
_PARTICLES = frozenset("la las los el de del da do dos san santa santo al as at ad an".split())


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    """Common English words: those Webster's list writes in lower case."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower())


def _stems(low: str) -> tuple[str, ...]:
    """The word and what it may be inflected from: killed, shelling, cities, captured."""
    out = [low]
    for suffix, repl in (("s", ""), ("es", ""), ("ies", "y"), ("ied", "y"), ("ed", ""), ("ed", "e"), ("ing", ""),
                         ("ing", "e"), ("ers", ""), ("er", "")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            stem = low[: -len(suffix)] + repl
            out.append(stem)
            if len(stem) > 3 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # shelled -> shell, stopped -> stop
    return tuple(out)


def _case_word(word: str) -> str:
    low = word.lower()
    if low in _ALWAYS_LOWER:
        return low
    if low in _PARTICLES or low in _country_names():
        return word.capitalize()
    if any(s in _english() for s in _stems(low)):
        return low  # "will", "mark", "toledo": a word first, whatever people or places bear the name
    return word.capitalize()


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Countries that are also English words (Turkey, Chile, China, Jordan) stay names."""
    from geo.extract.actors import default_dictionary

    return frozenset(name.lower() for name in default_dictionary().countries.values())


def recase(text: str) -> str:
    """All-caps wire copy (MUC-4) as a gazetteer expects it: English words lower, names capitalised."""
    out = re.sub(r"[A-Za-z]+", lambda m: _case_word(m[0]), text)
    # a particle is part of a name only before one: "La Paz", but "LA" alone is not Los Angeles
    out = _LONE_PARTICLE.sub(lambda m: m[0].lower(), out)
    return out if len(out) == len(text) else text
