"""Misses of the geoparsing evaluation sorted by class (`miss_class`), on the real gazetteer and gold points
made up for these tests."""

from __future__ import annotations

import pytest

from geo.evaluate.geoparse import GoldToponym, miss_class


@pytest.mark.parametrize(
    ("phrase", "gold", "fcode", "reading", "expected"),
    [
        # the town the annotators meant is among the candidates: a namesake was chosen
        ("Paris", (33.66, -95.55), "PPL", "Paris", "wrong namesake"),
        # a town read as the country of the same name
        ("Jordan", (44.67, -93.63), "PPL", "Jordan", "town read as an area"),
        # the right area, placed far from the gold point
        ("Alberta", (49.5, -110.5), "ADM1", "Alberta", "far point of an area"),
        # nothing in the gazetteer
        ("Qwzxyrville", (10.0, 10.0), "PPL", None, "not found"),
    ],
)
def test_miss_classes(gazetteer, phrase, gold, fcode, reading, expected):
    place = gazetteer.resolve(reading) if reading else None
    assert miss_class(GoldToponym(0, len(phrase), phrase, *gold, fcode), place, gazetteer) == expected
