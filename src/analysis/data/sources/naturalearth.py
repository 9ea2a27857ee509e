"""Natural Earth admin-0 country polygons (4.x schema, GeoJSON).

Tidy output: one row per feature with ``iso3, name, continent, subregion, rings``,
where ``rings`` is a tuple of ``(n, 2)`` longitude-latitude arrays, the outer ring of
each polygon. Holes are dropped: the maps draw large countries before small ones,
which keeps enclaves visible. Arrays, unlike the GeoJSON's nested lists, load from
the parsed cache in a few milliseconds. ``ISO_A3`` is -99 for a few features (France, Norway,
Kosovo, ...); there ``ADM0_A3`` is used, the join key Natural Earth recommends.
The 1:50m file is a 7-Zip archive holding one GeoJSON file.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import py7zr

from analysis.data import cache

KEYS = {"110m": "naturalearth_110m", "50m": "naturalearth_50m"}


def _features(file: Path) -> list[dict]:
    if file.suffix == ".7z":
        with tempfile.TemporaryDirectory() as folder, py7zr.SevenZipFile(file) as archive:
            archive.extractall(path=folder)
            (geojson,) = Path(folder).glob("*.json")
            document = json.loads(geojson.read_text(encoding="utf-8"))
    else:
        document = json.loads(file.read_text(encoding="utf-8"))
    return document["features"]


def outer_rings(geometry: dict) -> tuple[np.ndarray, ...]:
    """The outer ring of each polygon of a GeoJSON (Multi)Polygon."""
    if geometry["type"] not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"expected a Polygon or MultiPolygon, found {geometry['type']}")
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [
        geometry["coordinates"]]
    return tuple(np.asarray(polygon[0], dtype=float) for polygon in polygons)


def parse(file: Path) -> pd.DataFrame:
    rows = []
    for feature in _features(file):
        props = feature["properties"]
        iso = props["ISO_A3"]
        rows.append({
            "iso3": iso if iso and iso != "-99" else props["ADM0_A3"],
            "name": props["NAME"],
            "continent": props["CONTINENT"],
            "subregion": props["SUBREGION"],
            "rings": outer_rings(feature["geometry"]),
        })
    return pd.DataFrame(rows).sort_values("iso3", ignore_index=True)


def countries(scale: str = "50m") -> pd.DataFrame:
    """Country polygons at scale ``"50m"`` (regional maps) or ``"110m"`` (world maps)."""
    return cache.parsed(KEYS[scale], parse)
