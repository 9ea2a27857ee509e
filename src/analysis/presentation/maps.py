"""Country maps drawn from Natural Earth polygons with matplotlib alone.

The projection is equirectangular with the aspect corrected at the map's middle
latitude: simple, dependency-free, and adequate for a regional map of Eurasia.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection

EURASIA_EXTENT = (-20.0, 180.0, -2.0, 80.0)  # lon min, lon max, lat min, lat max


SMALL_STATE_DEG2 = 4.0  # a highlighted state smaller than this also gets a dot


def draw_countries(ax: Axes, countries: pd.DataFrame, colours: pd.Series, default: str,
                   extent=EURASIA_EXTENT) -> None:
    """Fill each country with ``colours[iso3]`` (``default`` when absent), largest first.

    Drawing large polygons before small ones keeps enclaves (Lesotho, San Marino)
    visible without handling polygon holes. Highlighted states too small to see
    (Bahrain, the Maldives) are marked with a dot at their centre.
    """
    rings, faces = [], []
    for row in countries.itertuples():
        country_rings = row.rings
        rings.extend(country_rings)
        faces.extend([colours.get(row.iso3, default)] * len(country_rings))
        if row.iso3 in colours.index:
            points = np.concatenate(country_rings)
            if np.ptp(points[:, 0]) * np.ptp(points[:, 1]) < SMALL_STATE_DEG2:
                ax.scatter(*points.mean(axis=0), s=14, color=colours[row.iso3],
                           edgecolors="white", linewidths=0.5, zorder=3)
    sizes = [np.ptp(r[:, 0]) * np.ptp(r[:, 1]) for r in rings]
    order = np.argsort(sizes, kind="stable")[::-1]
    ax.add_collection(PolyCollection([rings[i] for i in order],
                                     facecolors=[faces[i] for i in order],
                                     edgecolors="white", linewidths=0.25))
    lon0, lon1, lat0, lat1 = extent
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect(1 / np.cos(np.deg2rad((lat0 + lat1) / 2)))
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
    border, as Natural Earth draws neighbours with the same points. Empty if they do
    not touch."""
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
                        colours: dict[tuple[str, str], str], linewidth: float = 2.4) -> None:
    """Draw the common border of each pair of states in ``colours`` in its colour."""
    rings = countries.set_index("iso3")["rings"]
    for (a, b), colour in colours.items():
        for stretch in shared_border(rings[a], rings[b]):
            ax.plot(stretch[:, 0], stretch[:, 1], color=colour, linewidth=linewidth,
                    solid_capstyle="round", zorder=4)
