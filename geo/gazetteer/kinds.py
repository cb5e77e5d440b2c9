"""What a gazetteer row is: the kind of name that matched it, and GeoNames feature codes grouped by level.

One home for these groups, so extraction and the resolver agree on what "a country" is.
"""

from __future__ import annotations

from geo.records import Place

__all__ = ["MAIN", "ALTERNATE", "DEMONYM", "ALIAS", "COUNTRY_CODES", "WIDE_AREA_CODES", "is_country"]

# How a name reaches a place (the `kind` column of the names table); lower is stronger.
MAIN, ALTERNATE, DEMONYM, ALIAS = 0, 1, 2, 3

# GeoNames feature-code prefixes of a country, a dependent territory or a continent.
COUNTRY_CODES = ("PCL", "CONT", "TERR")
# ...and of the areas no finer than one for an event's location precision (a named region, "the Levant").
WIDE_AREA_CODES = COUNTRY_CODES + ("RGN",)


def is_country(place: Place) -> bool:
    return (place.feature_code or "").upper().startswith(COUNTRY_CODES)
