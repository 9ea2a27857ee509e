"""Country maps drawn from Natural Earth polygons in an equal-area projection.

The book compares shares of Eurasia's area, so its maps must show areas truly: the
longitude-latitude grid (plate carrée) draws Russia's north about twice its size.
Each map uses the Albers equal-area conic projection, the usual one for a region that
spans more longitude than latitude at middle latitudes, centred on the map's own
meridian and with its standard parallels one sixth of the map's latitude range inside
its edges (the rule of thumb of Deetz and Adams, 1934; for Eurasia this comes close to
ESRI's "Asia North Albers Equal Area Conic", 15 and 65 degrees north). pyproj, the
Python interface of PROJ, does the arithmetic on the WGS 84 ellipsoid; cartopy or
geopandas would add GEOS, shapely and a plotting layer that these simple polygon maps
do not need.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from pyproj import Transformer

EURASIA_EXTENT = (-20.0, 180.0, -2.0, 80.0)  # lon min, lon max, lat min, lat max

SMALL_STATE_DEG2 = 4.0  # a highlighted state smaller than this also gets a dot


@functools.cache
def _transformer(extent: tuple[float, float, float, float]) -> Transformer:
    lon0, lon1, lat0, lat1 = extent
    margin = (lat1 - lat0) / 6
    albers = (f"+proj=aea +lat_1={lat0 + margin:g} +lat_2={lat1 - margin:g} "
              f"+lat_0={(lat0 + lat1) / 2:g} +lon_0={(lon0 + lon1) / 2:g} "
              "+datum=WGS84 +units=km +no_defs")
    return Transformer.from_crs("EPSG:4326", albers, always_xy=True)


def to_map(points: np.ndarray, extent=EURASIA_EXTENT) -> np.ndarray:
    """Longitude-latitude ``points`` (n x 2) in the map coordinates of ``extent`` (km)."""
    x, y = _transformer(tuple(extent)).transform(points[:, 0], points[:, 1])
    return np.column_stack([x, y])


DETAIL = 1000  # outlines keep detail down to 1/DETAIL of the map's width: finer is invisible


def _frame(extent) -> np.ndarray:
    """The edges of ``extent`` on the map (curved: parallels are arcs)."""
    lon0, lon1, lat0, lat1 = extent
    lons, lats = np.linspace(lon0, lon1, 50), np.linspace(lat0, lat1, 50)
    return to_map(np.concatenate([
        *(np.column_stack([lons, np.full(50, lat)]) for lat in (lat0, lat1)),
        *(np.column_stack([np.full(50, lon), lats]) for lon in (lon0, lon1))]), extent)


@functools.cache
def _tolerance(extent: tuple[float, float, float, float]) -> float:
    return float(np.ptp(_frame(extent)[:, 0])) / DETAIL


def simplify(points: np.ndarray, tolerance: float) -> np.ndarray:
    """``points`` (n x 2) without the points that lie within ``tolerance`` of the line
    through their kept neighbours (Ramer-Douglas-Peucker); the ends are always kept."""
    keep = np.zeros(len(points), dtype=bool)
    keep[[0, -1]] = True
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        if last - first < 2:
            continue
        inner = points[first + 1:last] - points[first]
        chord = points[last] - points[first]
        length = np.hypot(*chord)
        distance = (np.abs(chord[0] * inner[:, 1] - chord[1] * inner[:, 0]) / length
                    if length > 0 else np.hypot(inner[:, 0], inner[:, 1]))
        farthest = int(np.argmax(distance))
        if distance[farthest] > tolerance:
            keep[first + 1 + farthest] = True
            spans += [(first, first + 1 + farthest), (first + 1 + farthest, last)]
    return points[keep]


def _outline(line: np.ndarray, extent) -> np.ndarray:
    """``line`` (a ring or a border) on the map, simplified to 1/:data:`DETAIL` of the
    map's width: a 4.5-inch map of Eurasia cannot show Natural Earth's 1:50m detail,
    which would make its SVG megabytes long."""
    return simplify(to_map(line, extent), _tolerance(tuple(extent)))


def label_point(rings: tuple[np.ndarray, ...], extent=EURASIA_EXTENT) -> np.ndarray:
    """Where a country's name goes: the area centroid of its largest ring on the map (the
    mean of the vertices would drift towards its most intricate border)."""
    x, y = to_map(max(rings, key=len), extent).T
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    area = cross.sum() / 2
    return np.array([((x + np.roll(x, -1)) * cross).sum(), ((y + np.roll(y, -1)) * cross).sum()]
                    ) / (6 * area)


def _within(ring: np.ndarray, extent, margin: float = 10.0) -> bool:
    lon0, lon1, lat0, lat1 = extent
    return bool(ring[:, 0].max() >= lon0 - margin and ring[:, 0].min() <= lon1 + margin
                and ring[:, 1].max() >= lat0 - margin and ring[:, 1].min() <= lat1 + margin)


def draw_countries(ax: Axes, countries: pd.DataFrame, colours: pd.Series, default: str,
                   extent=EURASIA_EXTENT) -> None:
    """Fill each country with ``colours[iso3]`` (``default`` when absent), largest first,
    and show the area ``extent`` (lon min, lon max, lat min, lat max).

    Drawing large polygons before small ones keeps enclaves (Lesotho, San Marino)
    visible without handling polygon holes. Highlighted states too small to see
    (Bahrain, the Maldives) are marked with a dot at their centre. Polygons far
    outside the extent are left out: a conic projection folds the far side of the
    globe back into view.
    """
    rings, faces = [], []
    for row in countries.itertuples():
        country_rings = [ring for ring in row.rings if _within(ring, extent)]
        rings.extend(country_rings)
        faces.extend([colours.get(row.iso3, default)] * len(country_rings))
        if row.iso3 in colours.index and country_rings:
            points = np.concatenate(country_rings)
            if np.ptp(points[:, 0]) * np.ptp(points[:, 1]) < SMALL_STATE_DEG2:
                ax.scatter(*to_map(points.mean(axis=0, keepdims=True), extent).T, s=14,
                           color=colours[row.iso3], edgecolors="white", linewidths=0.5,
                           zorder=3)
    sizes = [np.ptp(r[:, 0]) * np.ptp(r[:, 1]) for r in rings]
    order = np.argsort(sizes, kind="stable")[::-1]
    outline = _frame(extent)
    shapes = [(_outline(rings[i], extent), faces[i]) for i in order]
    shapes = [(ring, face) for ring, face in shapes if len(ring) >= 4]  # not a speck
    ax.add_collection(PolyCollection([ring for ring, _ in shapes],
                                     facecolors=[face for _, face in shapes],
                                     edgecolors="white", linewidths=0.25))
    ax.set_xlim(outline[:, 0].min(), outline[:, 0].max())
    ax.set_ylim(outline[:, 1].min(), outline[:, 1].max())
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)


def _points(rings: tuple[np.ndarray, ...]) -> set[tuple[float, float]]:
    return set(map(tuple, np.round(np.concatenate(rings), 4)))


def shared_border(rings_a: tuple[np.ndarray, ...],
                  rings_b: tuple[np.ndarray, ...]) -> list[np.ndarray]:
    """The stretches of ``a``'s outline that are also vertices of ``b``'s: their common
    border (longitude-latitude), as Natural Earth draws neighbours with the same points.
    Empty if they do not touch."""
    other = _points(rings_b)
    stretches = []
    for ring in rings_a:
        shared = np.array([tuple(point) in other for point in np.round(ring, 4)])
        edges = np.flatnonzero(np.diff(shared.astype(int)) != 0) + 1
        for part, flags in zip(np.split(ring, edges), np.split(shared, edges), strict=True):
            if flags[0] and len(part) > 1:
                stretches.append(part)
    return stretches


def draw_shared_borders(ax: Axes, countries: pd.DataFrame,
                        colours: dict[tuple[str, str], str], extent=EURASIA_EXTENT,
                        linewidth: float = 2.4) -> None:
    """Draw the common border of each pair of states in ``colours`` in its colour, on a
    map of ``extent``."""
    rings = countries.set_index("iso3")["rings"]
    for (a, b), colour in colours.items():
        for stretch in shared_border(rings[a], rings[b]):
            x, y = _outline(stretch, extent).T
            ax.plot(x, y, color=colour, linewidth=linewidth, solid_capstyle="round", zorder=4)
