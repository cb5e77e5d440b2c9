"""Toponym recognition on its own, over a lookup table instead of the gazetteer: which spans of a
sentence are names, with what kind and cue."""

from __future__ import annotations

import pytest

from geo.gazetteer.disambiguation import Cand
from geo.gazetteer.kinds import ALTERNATE, MAIN
from geo.gazetteer.names import fold
from geo.gazetteer.toponyms import scan, tokenize


def _cand(name: str, feature_code: str = "PPL", population: int = 5_000, name_kind: int = MAIN) -> Cand:
    return Cand(0, f"t:{name}", name, 0.0, 0.0, "SY", "", feature_code, population, "test", name_kind)


TABLE = {
    fold(c.name): (c,) for c in (
        _cand("Syria", "PCLI", 17_000_000), _cand("Idlib", "PPLA", 160_000), _cand("Afrin", "PPLA2", 36_000),
        _cand("Saraqib", "PPL", 30_000), _cand("Damascus", "PPLC", 1_500_000), _cand("Centre", "PPL", 900),
        _cand("Hama", "PPLA", 700_000), _cand("Jack", "PPL", 300, ALTERNATE),
    )
}


def found(text: str, known: bool = True) -> list[str]:
    return [text[s.start:s.end] for s in scan(text, lambda key: TABLE.get(key, ())) if s.known == known]


@pytest.mark.parametrize(
    "text, names",
    [
        ("Government jets struck Saraqib on Tuesday.", ["Saraqib"]),
        ("Turkish troops shelled villages around Afrin and Idlib.", ["Afrin", "Idlib"]),
        ("Syria's army advanced south of Idlib.", ["Syria", "Idlib"]),  # possessive 's left out
        ("Students at Damascus University protested.", []),  # an institution, not the city
        ("Centre-right parties met in Hama.", ["Hama"]),  # a small place opening a sentence is a word
        ("A spokesman, Jack Reed, said the convoy was hit.", []),  # a first name is not a place
    ],
)
def test_which_known_names_are_places(text, names):
    assert found(text) == names


@pytest.mark.parametrize(
    "text, unknown",
    [
        ("Rebels held the town of Kafr Nubl for years.", ["Kafr Nubl"]),  # announced by "the town of"
        ("Government jets struck Saraqib on Tuesday.", []),
        ("Clashes near Tal al-Sultan killed six.", ["Tal al-Sultan"]),  # one 'X al-Y' name
    ],
)
def test_unknown_runs_are_kept_for_the_resolver_to_judge(text, unknown):
    assert found(text, known=False) == unknown


def test_cued_and_kind_words_are_recorded():
    text = "Jets bombed the city of Idlib and the Afrin district."
    spans = {text[s.start:s.end]: s for s in scan(text, lambda key: TABLE.get(key, ()))}
    assert spans["Idlib"].cued and spans["Idlib"].kind == "city"
    assert spans["Afrin"].kind is not None


def test_tokens_keep_offsets():
    text = "Shelling hit Ma'arrat al-Nu'man's market."
    assert [(t.text, text[t.start:t.end]) for t in tokenize(text)][2][0] == "Ma'arrat"
    assert all(text[t.start:t.end] == t.text for t in tokenize(text))
