"""A geopy-style geocoder over the offline gazetteer, with an opt-in online fallback.

`OfflineGeocoder().geocode("Maaret al-Numan")` returns a `geopy.location.Location` whose `raw`
is `Place.to_dict()`. Only when the user turns online geocoding on (GEO_ONLINE=1) does a name the
gazetteer lacks go to Nominatim, rate-limited, and the answer is saved as a user entry so each
name is asked once.
"""

from __future__ import annotations

from typing import Callable

from geopy.location import Location

from geo.errors import GazetteerError
from geo.gazetteer.lookup import Gazetteer, clean_query
from geo.gazetteer.names import fold
from geo.records import Place
from geo.settings import online_geocoding, user_agent

__all__ = ["OfflineGeocoder", "to_location"]


def to_location(place: Place) -> Location:
    address = ", ".join(part for part in (place.name, place.admin1, place.country_code) if part)
    return Location(address, (place.lat, place.lon), place.to_dict())


class OfflineGeocoder:
    """geocode()/reverse() like a geopy geocoder, answered from the local gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, online: bool | None = None,
                 online_lookup: Callable[[str], object] | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.open()
        self.online = online_geocoding() if online is None else online
        self._online_lookup = online_lookup
        self._asked: set[str] = set()

    def geocode(self, query: str, exactly_one: bool = True, country: str | None = None,
                context: str | None = None, limit: int = 10) -> Location | list[Location] | None:
        if clean_query(query) is None:
            return None
        best = self.gazetteer.resolve(query, country=country, context=context) or self._ask_online(query, country)
        if best is None:
            return None
        if exactly_one:
            return to_location(best)
        return [to_location(p) for p in (best, *best.candidates)[:limit]]

    def reverse(self, query, exactly_one: bool = True) -> Location | list[Location] | None:
        try:
            lat, lon = (float(v) for v in (query.split(",") if isinstance(query, str) else query))
        except (TypeError, ValueError):
            return None
        place = self.gazetteer.nearest(lat, lon)
        if place is None:
            return None
        return to_location(place) if exactly_one else [to_location(place)]

    # --- online fallback ---------------------------------------------------------------------

    def _nominatim(self) -> Callable[[str], object]:
        if self._online_lookup is None:
            from geopy.extra.rate_limiter import RateLimiter
            from geopy.geocoders import Nominatim

            self._online_lookup = RateLimiter(Nominatim(user_agent=user_agent(), timeout=10).geocode,
                                              min_delay_seconds=1.0, max_retries=1, swallow_exceptions=True)
        return self._online_lookup

    def _ask_online(self, query: str, country: str | None) -> Place | None:
        """Ask Nominatim once per name (when enabled) and keep the answer as a user entry."""
        key = fold(query)
        if not self.online or not key or key in self._asked:
            return None
        self._asked.add(key)
        lookup = self._nominatim()
        try:
            found = lookup(query, country_codes=country.lower() if country else None, addressdetails=True)
        except TypeError:
            found = lookup(query)
        except Exception:  # noqa: BLE001 - network trouble means "not found", never a crash
            return None
        if found is None:
            return None
        address = (getattr(found, "raw", None) or {}).get("address", {})
        try:
            return self.gazetteer.add_user_entry(
                query, found.latitude, found.longitude,
                country_code=(address.get("country_code") or country or "").upper(),
                admin1=address.get("state", ""), feature_code="PPL", source="nominatim")
        except GazetteerError:
            return None
