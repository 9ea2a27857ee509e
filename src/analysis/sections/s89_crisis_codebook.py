"""Appendix: the codebook of the crisis-and-response dataset, and the dataset itself."""

from __future__ import annotations

import pandas as pd

from analysis.data import curated
from analysis.presentation import display, notebook, pdf_table
from analysis.topics import crises

# What each column of the two tables records (the schema checks the form).
VARIABLES = {
    ("crises", "id"): "stable identifier, used by the code, never shown in the text",
    ("crises", "name"): "the crisis's usual English name",
    ("crises", "label"): "a short name for figures",
    ("crises", "start_date"): "first day (or month or year, as precise as the sources)",
    ("crises", "end_date"): "last day, on the same terms",
    ("crises", "states"): "ISO3 codes of the states where it happened or that were parties",
    ("crises", "kind"): "interstate; intrastate armed conflict; intercommunal violence; "
                        "unrest (protest, uprising, unconstitutional change of power, and its "
                        "repression); terrorism; spill-over (an armed incursion into a "
                        "Central Asian state by a group based in another state, the "
                        "neighbouring Central Asian states included, or such a threat)",
    ("crises", "deaths_low"): "lowest credible death toll found in the sources",
    ("crises", "deaths_high"): "highest credible death toll found in the sources",
    ("crises", "deaths_source"): "where the death tolls come from",
    ("crises", "ucdp"): "the cells of UCDP's country-year data (state, year, type of "
                        "violence) that the crisis makes up, where it does; empty if UCDP "
                        "does not record it",
    ("crises", "source"): "sources for the dates, states and kind",
    ("crisis_responses", "crisis_id"): "the crisis",
    ("crisis_responses", "actor"): "SCO, CSTO, OSCE, CIS, UN, EAEU; Russia, China, United "
                                   "States",
    ("crisis_responses", "response"): "the strongest response within about three months, on "
                                      "the ordinal scale below; or 'did not exist yet'",
    ("crisis_responses", "action"): "what the actor did, in one sentence",
    ("crisis_responses", "source"): "sources for the code (required for every code)",
    ("crisis_responses", "searched"): "for 'none found': where the response was looked for",
}
SCALE = {
    "none_found": "no response found in the sources searched (recorded in 'searched')",
    "statement": "a public statement by the organisation (secretariat, chair, ministers) or "
                 "by the power's government",
    "consultation": "a meeting or consultations on the crisis: an emergency session, calls "
                    "between ministers or secretaries, an envoy sent to discuss it",
    "mediation": "facilitated talks between the parties, a brokered ceasefire, good offices",
    "material_assistance": "humanitarian aid, money, equipment or supplies for the crisis",
    "deployment": "troops, police, observers or a field mission sent because of the crisis",
}


def numbers() -> dict[str, object]:
    """Numbers quoted in the codebook."""
    table = crises.crises()
    codes = crises.responses()
    return {
        "crises_total": len(table),
        "responses_total": len(codes),
        "actors_total": codes["actor"].nunique(),
        "codes_verified": int((codes["verification"] == "verified").sum()),
        "codes_inferred": int((codes["verification"] == "inferred").sum()),
        "none_found_total": int((codes["response"] == "none_found").sum()),
        "crises_in_ucdp": int(table["ucdp"].notna().sum()),
    }


def variables() -> pd.DataFrame:
    """Every column of the two tables and what it records (the verification column too)."""
    rows = [{"Table": table, "Column": column,
             "Records": VARIABLES.get((table, column), "how the row was checked: verified, "
                                      "sources disagree, inferred or unverifiable"
                                      if column == "verification" else "notes: ambiguities "
                                      "and disagreements between sources")}
            for table in ("crises", "crisis_responses")
            for column in curated.SCHEMAS[table].columns]
    return pd.DataFrame(rows).set_index(["Table", "Column"])


def scale() -> pd.DataFrame:
    """The ordinal scale of responses, weakest first."""
    return pd.DataFrame({"Level": range(len(SCALE)),
                         "Response": [crises.RESPONSE_NAMES[code] for code in SCALE],
                         "Meaning": list(SCALE.values())}).set_index("Level")


def crisis_list() -> pd.DataFrame:
    """The crises with dates, states, kind and the death tolls of both kinds of source."""
    table = crises.crises()
    ucdp = table.apply(lambda r: "not recorded" if pd.isna(r["ucdp_best"]) else
                       f"{r['ucdp_best']:,.0f} ({r['ucdp_low']:,.0f}-{r['ucdp_high']:,.0f})",
                       axis=1)
    return pd.DataFrame({
        "Crisis": table["name"],
        "Dates": table["start_date"] + " to " + table["end_date"],
        "States": table["states"].str.replace(";", ", "),
        "Kind": table["kind"].map(crises.KIND_NAMES),
        "Deaths, sources (low-high)": table.apply(
            lambda r: f"{r['deaths_low']:,.0f}-{r['deaths_high']:,.0f}", axis=1),
        "Deaths, UCDP best (low-high)": ucdp,
        "Verification": display.verification(table["verification"]),
    }).set_index("Crisis")


def response_counts() -> pd.DataFrame:
    """How many crises drew each response from each actor."""
    table = crises.level_counts()
    return table.rename(index=crises.ACTOR_NAMES, columns=crises.RESPONSE_NAMES) \
        .rename_axis(index="Actor", columns=None)


def response_codes() -> pd.DataFrame:
    """Every code: crisis, actor, response, what was done, source and verification (in
    print without the account of what was done and its sources, which would fill two
    dozen pages)."""
    table = crises.responses()
    names = crises.crises().set_index("id")
    frame = pd.DataFrame({
        "Crisis": table["crisis_id"].map(names["dated_label"]),
        "Actor": table["actor"].map(crises.ACTOR_NAMES),
        "Response": table["response"].map(crises.RESPONSE_NAMES),
        "What was done, or where it was looked for": table["action"].fillna(table["searched"])
        .fillna(""),
        "Source": table["source"],
        "Verification": display.verification(table["verification"]),
    }).set_index(["Crisis", "Actor"])
    return pdf_table.in_print(frame, drop=("What was done, or where it was looked for", "Source"))


def setup() -> None:
    """Prepare this notebook (table display) and glue the numbers its text quotes."""
    notebook.setup(__name__, numbers)


# Every numbered figure and table of the notebook: label, function, caption.
EXHIBITS = notebook.inventory(
    notebook.Exhibit("tbl-codebook-variables", variables,
                     "The columns of the two tables of the crisis-and-response dataset."),
    notebook.Exhibit("tbl-codebook-scale", scale,
                     "The ordinal scale of responses, weakest first."),
    notebook.Exhibit("tbl-codebook-crises", crisis_list,
                     "The crises: dates, states, kind, and death tolls from the sources and "
                     "from UCDP where UCDP records the crisis."),
    notebook.Exhibit("tbl-codebook-counts", response_counts,
                     "Number of crises that drew each response from each actor."),
    notebook.Exhibit("tbl-codebook-codes", response_codes,
                     "Every code of the dataset: crisis, actor, response, what was done or where"
                     " it was looked for, source and verification."),
)
