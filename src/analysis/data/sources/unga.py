"""UN General Assembly ideal points (Bailey, Strezhnev and Voeten; version of July 2025).

Tidy output: ``iso3, ccode, country, year, ideal_point, votes`` from the final-passage
estimates (``idealpointfp``, 1946-2024). An ideal point places a state on one
dimension of UN voting; the distance between two states' points measures how
differently they vote, not why.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.data import cache

KEY = "unga_ideal_points"  # registry key of the file


def parse(file: Path) -> pd.DataFrame:
    raw = pd.read_stata(file, convert_categoricals=False)
    frame = pd.DataFrame({
        "iso3": raw["iso3c"].astype(str),
        "ccode": raw["ccode"].astype("int64"),
        "country": raw["countryname"].astype(str),
        "year": raw["year"].astype("int64"),
        "ideal_point": raw["idealpointfp"].astype(float),
        "votes": raw["nvotesfp"].astype(float),
    })
    return frame.dropna(subset=["ideal_point"]).sort_values(["iso3", "year"], ignore_index=True)


def ideal_points() -> pd.DataFrame:
    """Country-year ideal points from final-passage votes."""
    return cache.parsed(KEY, parse)


def cow_to_iso3() -> dict[int, str]:
    """Correlates of War state codes to ISO3, as published with the ideal points.

    Covers every state that has voted in the UN General Assembly since 1946; states
    that ceased to exist before then have no ISO3 code and are left out.
    """
    pairs = ideal_points()[["ccode", "iso3"]].drop_duplicates()
    ambiguous = pairs[pairs["ccode"].duplicated(keep=False)]
    if not ambiguous.empty:
        raise ValueError(f"ambiguous COW codes in the ideal-point file: {ambiguous.to_dict()}")
    return dict(zip(pairs["ccode"], pairs["iso3"], strict=True))


def with_iso3(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """``frame`` with an ISO3 column for each COW-code column (``{"ccode": "iso3"}``).

    Rows with a code that has no ISO3 code (see :func:`cow_to_iso3`) are dropped.
    Filtering on the integer codes and indexing a lookup array is about ten times
    faster than ``Series.map`` plus ``dropna`` on the 700,000 rows of COW trade.
    """
    table = cow_to_iso3()
    known = np.logical_and.reduce([frame[code].isin(table).to_numpy() for code in columns])
    frame = frame[known]
    lookup = np.full(max(table) + 1, None, dtype=object)
    lookup[list(table)] = list(table.values())
    return frame.assign(**{iso3: lookup[frame[code].to_numpy()]
                           for code, iso3 in columns.items()})
