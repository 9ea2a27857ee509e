"""The tiers of the curated tables' sources, now and before they were re-sourced.

Each row is classed by the best tier among its references (:mod:`analysis.data.
source_tiers`): a row with a tier-A source is "A", one whose best is tier B is "B",
one resting on tier C alone is "C". The same tier table classifies the rows as they
stood when an examiner counted them (``data/source_baseline.csv``, frozen at that
commit) and the rows as they are now, so the difference is the re-sourcing alone.
"""

from __future__ import annotations

import pandas as pd

from analysis.data import curated, curated_csv, source_tiers

BASELINE_COMMIT = "5ec40f5"  # the commit the examiner read (data/source_baseline.csv)
TIERS = ("A", "B", "C")


def _classed(frame: pd.DataFrame, source_columns: list[str]) -> pd.DataFrame:
    """``frame`` with each row's best tier and the references it cites."""
    frame = frame.copy()
    cells = frame[source_columns].to_numpy().tolist()
    frame["tier"] = [source_tiers.best_tier(row) for row in cells]
    frame["references"] = [[ref for cell in row for ref in source_tiers.references(cell)]
                           for row in cells]
    return frame


def rows_now() -> pd.DataFrame:
    """Every curated row now: its table, status, best tier and references."""
    frames = []
    for name, schema in curated.SCHEMAS.items():
        columns = list(schema.metadata["source_columns"])
        frame = _classed(curated.load(name), columns)
        frames.append(frame.assign(table=name)[["table", "verification", "tier", "references"]])
    return pd.concat(frames, ignore_index=True)


def rows_before() -> pd.DataFrame:
    """Every curated row at the baseline commit, classed with today's tier table."""
    frame, _ = curated_csv.parse(source_tiers.BASELINE_CSV)
    return _classed(frame, ["sources"])[["table", "verification", "tier", "references"]]


def _counts(rows: pd.DataFrame) -> pd.DataFrame:
    """Per table: rows, rows by best tier, and verified rows without a tier-A source."""
    counts = pd.crosstab(rows["table"], rows["tier"]).reindex(columns=list(TIERS),
                                                              fill_value=0)
    counts.insert(0, "rows", rows.groupby("table").size())
    weak = rows[(rows["verification"] == "verified") & (rows["tier"] != "A")]
    counts["verified without A"] = weak.groupby("table").size()
    return counts.fillna(0).astype(int)


def by_table() -> pd.DataFrame:
    """Rows by best tier, before and after, table by table (with a total row)."""
    before, now = _counts(rows_before()), _counts(rows_now())
    tables = sorted(set(before.index) | set(now.index))
    table = pd.concat({"before": before.reindex(tables), "now": now.reindex(tables)}, axis=1)
    table.loc["all tables"] = table.sum()
    return table


def by_status() -> pd.DataFrame:
    """Rows of all tables by verification status and best tier, before and now."""
    frames = {}
    for when, rows in (("before", rows_before()), ("now", rows_now())):
        frames[when] = pd.crosstab(rows["verification"], rows["tier"]).reindex(
            index=list(curated.VERIFICATION), columns=list(TIERS), fill_value=0)
    return pd.concat(frames, axis=1)


def link_shares() -> dict[str, float]:
    """The share of all cited references that are tier C, before and now."""
    shares = {}
    for when, rows in (("before", rows_before()), ("now", rows_now())):
        tiers = [source_tiers.classify(ref) for refs in rows["references"] for ref in refs]
        shares[when] = sum(site.tier == "C" for site in tiers) / len(tiers)
    return shares
