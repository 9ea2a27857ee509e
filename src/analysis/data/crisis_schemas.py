"""The schemas of the crisis-and-response dataset (``crises``, ``crisis_responses``) and
the vocabularies they draw on: kinds of crisis, responders and the scale of responses.
A module of its own because the dataset has its own coding rules, which the codebook
appendix (``notebooks/89_crisis_codebook.ipynb``) states."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from analysis.data.curated_checks import (
    RowCheck,
    choice_column,
    event_date_column,
    events_table,
    id_column,
    iso3_list_column,
    not_before,
    number_column,
    source_column,
    table,
    text_column,
)

CRISIS_KINDS = ("interstate", "intrastate_armed_conflict", "intercommunal", "unrest",
                "terrorism", "spillover")
RESPONDERS = ("sco", "csto", "osce", "cis", "un", "eaeu", "rus", "chn", "usa")
# The ordinal scale of a response, weakest first; "not_existing" (the organisation was
# not yet founded) stands outside it.
RESPONSES = ("none_found", "statement", "consultation", "mediation", "material_assistance",
             "deployment")
_CELL = r"[A-Z]{3} \d{4} (?:interstate|intrastate|nonstate|onesided)"
UCDP_CELLS = rf"^{_CELL}(?: ; {_CELL})*$"  # UCDP country-year cells an event makes up


def _searched_when_none_found(frame: pd.DataFrame) -> pd.Series:
    return (frame["response"] != "none_found") | frame["searched"].notna()


def _deaths_known_or_explained(frame: pd.DataFrame) -> pd.Series:
    estimates = frame["deaths_low"].notna() & frame["deaths_high"].notna()
    return (estimates & frame["deaths_source"].notna()) | frame["ucdp"].notna()


def _low_not_above_high(frame: pd.DataFrame) -> pd.Series:
    low = pd.to_numeric(frame["deaths_low"])
    high = pd.to_numeric(frame["deaths_high"])
    return low.isna() | high.isna() | (low <= high)



CRISIS_SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "crises": events_table(
        {"name": text_column(),
         "label": pa.Column(str, pa.Check.str_length(1, 28)),  # for figures
         "start_date": event_date_column(),
         "end_date": event_date_column(),
         "states": iso3_list_column(),
         "kind": choice_column(*CRISIS_KINDS),
         "deaths_low": number_column("deaths_low", nullable=True),
         "deaths_high": number_column("deaths_high", nullable=True),
         "deaths_source": pa.Column(str, source_column().checks, nullable=True),
         "ucdp": pa.Column(str, pa.Check.str_matches(UCDP_CELLS), nullable=True),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        not_before("end_date", "start_date"),
        RowCheck("deaths need a sourced low and high estimate or a UCDP cell",
                 ("deaths_low", "deaths_high", "deaths_source", "ucdp"),
                 _deaths_known_or_explained),
        RowCheck("deaths_low is above deaths_high", ("deaths_low", "deaths_high"),
                 _low_not_above_high),
    ),
    "crisis_responses": table({
        "crisis_id": id_column(),
        "actor": choice_column(*RESPONDERS),
        "response": choice_column("not_existing", *RESPONSES),
        "action": text_column(nullable=True),
        "source": source_column(),
        "searched": text_column(nullable=True),
        "notes": text_column(nullable=True),
    }, RowCheck("'none_found' needs a record of where it was looked for", ("response", "searched"),
                _searched_when_none_found),
       key=("crisis_id", "actor")),
}
