"""Missing years are gaps, not zeros: totals say which years they cannot include."""

from __future__ import annotations

import pandas as pd

from analysis.topics import security


def test_terrorism_totals_name_the_years_the_gtd_lacks(monkeypatch):
    rows = [(iso3, year, 1, 2, 3) for iso3 in ("KAZ", "AFG") for year in (1991, 1992, 1994, 1995)]
    frame = pd.DataFrame(rows, columns=["iso3", "year", "attacks", "injuries", "deaths"])
    monkeypatch.setattr(security.owid, "terrorism", lambda: frame)
    totals = security.terrorism_totals(["KAZ", "AFG"], 1991)
    assert totals.loc["KAZ", "attacks"] == 4  # four years with data, not five
    assert totals.loc["KAZ", "years without data"] == "1993"


def test_the_real_gtd_totals_admit_that_1993_is_missing():
    totals = security.terrorism_totals(["KAZ"], 1991)
    assert totals.loc["KAZ", "years without data"] == "1993"
