"""The crisis-and-response dataset: schema, completeness, and the scorecard's rule."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.data import curated
from analysis.data.curated_csv import CuratedDataError
from analysis.topics import borders, crises, scorecard

HEADER = "crisis_id,actor,response,action,source,searched,verification,notes\n"


def _responses(tmp_path, *rows: str) -> pd.DataFrame:
    file = tmp_path / "crisis_responses.csv"
    file.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return curated.read_csv(file, "crisis_responses")


def test_a_code_without_a_source_is_rejected(tmp_path):
    with pytest.raises(CuratedDataError, match=r"line 2, column 'source': missing value"):
        _responses(tmp_path, "osh-2010,csto,consultation,Met in Moscow,,,verified,")


def test_none_found_needs_a_record_of_where_it_was_looked_for(tmp_path):
    with pytest.raises(CuratedDataError, match="line 2: 'none_found' needs a record"):
        _responses(tmp_path, "osh-2010,sco,none_found,,https://tass.com/world/1,,inferred,why")
    assert len(_responses(tmp_path, "osh-2010,sco,none_found,,https://tass.com/world/1,"
                                    "SCO news archive,inferred,why")) == 1


def test_an_unknown_response_code_is_rejected(tmp_path):
    with pytest.raises(CuratedDataError, match="line 2"):
        _responses(tmp_path, "osh-2010,sco,sanctions,,https://tass.com/world/1,,verified,")


def test_a_crisis_missing_an_actor_or_an_unknown_crisis_is_reported():
    table = crises.responses()
    ids = crises.crises()["id"]
    crises.check_complete(table, ids)  # the real tables are complete
    incomplete = table[~((table["crisis_id"] == "osh-2010") & (table["actor"] == "un"))]
    with pytest.raises(CuratedDataError, match="'osh-2010' has no code for un"):
        crises.check_complete(incomplete, ids)
    stray = pd.concat([table, table.iloc[[0]].assign(crisis_id="no-such-crisis")])
    with pytest.raises(CuratedDataError, match="unknown crisis 'no-such-crisis'"):
        crises.check_complete(stray, ids)


def test_the_dataset_meets_the_acceptance_bar():
    table = crises.crises()
    codes = crises.responses()
    assert len(table) >= 20
    assert len(codes) == len(table) * len(curated.RESPONDERS)
    assert codes["source"].notna().all() and codes["verification"].notna().all()
    assert (table["deaths_low"] <= table["deaths_high"]).all()


def test_ucdp_deaths_are_summed_over_the_cells_of_a_crisis():
    table = crises.crises().set_index("id")
    war = table.loc["kgz-tjk-border-2021"]  # KGZ 40 and TJK 16 interstate deaths in 2021
    assert (war["ucdp_best"], war["ucdp_low"], war["ucdp_high"]) == (56, 56, 56)
    assert pd.isna(table.loc["kazakhstan-january-2022", "ucdp_best"])  # unrest: not in UCDP


@pytest.mark.parametrize(("outcome", "acted", "outdone", "expected"), [
    (True, True, False, "supported"),
    (True, True, True, "mixed"),
    (True, False, False, "mixed"),
    (False, True, False, "mixed"),
    (False, False, False, "not supported"),
    (False, False, True, "not supported"),
    (None, True, False, "cannot be tested"),
])
def test_the_verdict_rule(outcome, acted, outdone, expected):
    assert scorecard.verdict(outcome, acted, outdone) == expected


def test_the_scorecard_covers_every_function_with_a_known_verdict():
    card = scorecard.scorecard()
    assert len(card) == len(scorecard.FUNCTIONS)
    assert set(card["verdict"]) <= set(scorecard.VERDICTS)


def test_a_changed_response_changes_the_verdict(monkeypatch):
    """The scorecard is computed from the tables: if the SCO had mediated in every
    interstate crisis, preventing conflict among members would no longer be 'not
    supported'."""
    finding = scorecard.interstate_peace()
    assert finding.verdict == "not supported"
    real = crises.responses

    def mediating():
        table = real()
        sco = table["crisis_id"].isin(finding.crisis_ids) & (table["actor"] == "sco")
        return table.assign(level=table["level"].mask(sco, crises.LEVEL["mediation"]))
    monkeypatch.setattr(crises, "responses", mediating)
    assert scorecard.interstate_peace().verdict == "mixed"


def test_disputes_among_members_use_membership_at_the_time():
    table = pd.DataFrame({"states": [["KGZ", "UZB"], ["KGZ", "UZB"], ["CHN", "KAZ"]],
                          "start_year": [1999, 2005, 1997]})
    # Uzbekistan joined in 2001; China and Kazakhstan were both in the Shanghai Five
    assert borders.among_members(table).tolist() == [False, True, True]
