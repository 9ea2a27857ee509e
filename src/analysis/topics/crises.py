"""The book's crisis-and-response dataset: what each organisation and power did.

Two curated tables: ``crises`` (every major security crisis in Central Asia since
1991) and ``crisis_responses`` (for each crisis and each of nine actors, the
strongest response on an ordinal scale, with its source). Each table is checked
row by row by its schema; :func:`responses` also checks the two together: every
crisis has exactly one code for every actor, and no code names an unknown crisis.

Deaths come from UCDP's country-year file where the crisis makes up whole cells of
it (the ``ucdp`` column lists them), otherwise from sourced low and high estimates.
"""

from __future__ import annotations

import pandas as pd

from analysis import paths
from analysis.data import curated
from analysis.data.curated_csv import invalid
from analysis.data.sources import ucdp
from analysis.topics import organisations

ORGANISATIONS = ("sco", "csto", "osce", "cis", "un", "eaeu")
ACTOR_NAMES = {"sco": "SCO", "csto": "CSTO", "osce": "OSCE", "cis": "CIS", "un": "UN",
               "eaeu": "EAEU", "rus": "Russia", "chn": "China", "usa": "United States"}
RESPONSE_NAMES = {"none_found": "none found", "statement": "statement",
                  "consultation": "consultation or meeting", "mediation": "mediation",
                  "material_assistance": "material assistance", "deployment": "deployment",
                  "not_existing": "did not exist yet"}
LEVEL = {code: level for level, code in enumerate(curated.RESPONSES)}  # none_found = 0
RESPONSES_BY_LEVEL = dict(enumerate(curated.RESPONSES))
KIND_NAMES = {"interstate": "interstate", "intrastate_armed_conflict": "intrastate armed conflict",
              "intercommunal": "intercommunal violence", "unrest": "unrest",
              "terrorism": "terrorism", "spillover": "spill-over"}


def crises() -> pd.DataFrame:
    """The crises in date order, with ``start_year``, the sourced ``deaths_low`` and
    ``deaths_high``, ``dated_label`` ("Osh and Jalal-Abad (2010)", for tables and
    figures), and UCDP's deaths (``ucdp_best``, ``ucdp_low``, ``ucdp_high``)
    where the crisis makes up whole cells of UCDP's country-year data (else missing)."""
    table = curated.load("crises")
    for column in ("deaths_low", "deaths_high"):
        table[column] = pd.to_numeric(table[column])
    counted = table["ucdp"].map(_ucdp_deaths, na_action="ignore")
    for i, estimate in enumerate(ucdp.ESTIMATES):
        table[f"ucdp_{estimate}"] = counted.map(lambda d, i=i: d[i], na_action="ignore")
    table["start_year"] = table["start_date"].str[:4].astype(int)
    table["dated_label"] = table["label"] + " (" + table["start_year"].astype(str) + ")"
    return table.sort_values(["start_date", "id"], ignore_index=True)


def _ucdp_deaths(cells: str) -> tuple[int, int, int]:
    """Best, low and high deaths summed over cells such as ``KGZ 2022 interstate``."""
    frame = ucdp.organized_violence().set_index(["iso3", "year"])
    totals = [0, 0, 0]
    for cell in cells.split(" ; "):
        iso3, year, kind = cell.split()
        for i, estimate in enumerate(ucdp.ESTIMATES):
            totals[i] += int(frame.loc[(iso3, int(year)), f"{kind}_{estimate}"])
    return totals[0], totals[1], totals[2]


def responses() -> pd.DataFrame:
    """Every response code with its ordinal ``level`` (0 = none found ... 5 =
    deployment; missing where the organisation did not exist yet)."""
    table = curated.load("crisis_responses")
    check_complete(table, curated.load("crises")["id"])
    return table.assign(level=table["response"].map(LEVEL))


def check_complete(table: pd.DataFrame, crisis_ids: pd.Series) -> None:
    """Every crisis has one code per actor and every code belongs to a known crisis."""
    file = paths.CURATED_DIR / "crisis_responses.csv"
    problems = [f"{file}, line {line + 2}: unknown crisis {crisis!r} (not in crises.csv)"
                for line, crisis in table["crisis_id"].items() if crisis not in set(crisis_ids)]
    coded = table.groupby("crisis_id")["actor"].agg(set)
    for crisis in crisis_ids:
        missing = set(curated.RESPONDERS) - coded.get(crisis, set())
        if missing:
            problems.append(f"{file}, whole table: crisis {crisis!r} has no code for "
                            f"{', '.join(sorted(missing))}")
    if problems:
        raise invalid(problems)


def matrix() -> pd.DataFrame:
    """Crises (rows, in date order) by actors (columns): the response code."""
    table = responses().pivot(index="crisis_id", columns="actor", values="response")
    return table.loc[crises()["id"], list(curated.RESPONDERS)]


def level_counts() -> pd.DataFrame:
    """For each actor, how many crises drew each response (columns weakest first)."""
    table = responses()
    counts = pd.crosstab(table["actor"], table["response"])
    order = [*curated.RESPONSES, "not_existing"]
    return counts.reindex(index=list(curated.RESPONDERS), columns=order, fill_value=0)


def in_member_states(org_id: str) -> pd.DataFrame:
    """The crises in which a state involved was a member of ``org_id`` (``"csto"``,
    ``"cis"``, ...) when the crisis began, with each actor's response code as columns."""
    table = crises()
    # a start known only to the month or year is taken as that year's end
    involved = [
        set(states.split(";")) & set(organisations.members(
            org_id, int(start[:4]) if len(start) < 10 else start))
        for states, start in zip(table["states"], table["start_date"], strict=True)]
    chosen = table[[bool(states) for states in involved]]
    return chosen[["id", "dated_label", "start_year"]].merge(matrix(), left_on="id",
                                                       right_index=True)
