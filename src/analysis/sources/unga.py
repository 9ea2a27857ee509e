"""UN General Assembly ideal points (Bailey, Strezhnev and Voeten; version of July 2025).

Tidy output: ``iso3, ccode, country, year, ideal_point, votes`` from the final-passage
estimates (``idealpointfp``, 1946-2024). An ideal point places a state on one
dimension of UN voting; the distance between two states' points measures how
differently they vote, not why.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import cache

KEY = "unga_ideal_points"


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
