"""The thesis's claims as a reader sees them: values in words, a verdict per claim."""

from __future__ import annotations

import pandas as pd

from analysis.topics import (
    claims,
)


def readable(value: float, unit: str) -> str:
    """A claimed or measured value in words a reader expects: 62%, 3.24 billion, ..."""
    if pd.isna(value):
        return "-"
    if unit == "year":
        return f"{value:.0f}"
    if unit.startswith("share"):
        return f"{100 * value:.1f}%"
    prefix = "US$ " if "US$" in unit else ""
    for divisor, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= divisor:
            return f"{prefix}{value / divisor:,.2f} {word}"
    return f"{prefix}{value:,.0f}"


def claim_columns(audited: pd.DataFrame) -> dict[str, object]:
    """What a reader sees of each audited claim (:func:`analysis.topics.claims.evaluate`):
    the claim and its verdict first (so that a phone shows both without scrolling),
    then the claimed and measured values in words and the basis."""
    return {
        "Claim (paraphrased)": audited["claim"],
        "Verdict": audited["verdict"],
        "Claimed": [readable(v, u) for v, u in zip(audited["claimed"], audited["unit"],
                                                   strict=True)],
        "Measured": [readable(v, u) for v, u in zip(audited["measured"], audited["unit"],
                                                    strict=True)],
        "Basis": audited["basis"],
    }


def claims_table(section: str) -> pd.DataFrame:
    """The thesis's claims of one section, measured and judged."""
    return pd.DataFrame(claim_columns(claims.evaluate(section))).set_index("Claim (paraphrased)")
