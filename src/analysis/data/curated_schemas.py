"""The schemas of the curated tables in ``data/curated/``: their columns, keys and row
checks, and the vocabularies (sections, organisations, kinds of crisis and of response)
that their columns draw on. :mod:`analysis.data.curated` reads the tables with them."""

from __future__ import annotations

import pandera.pandas as pa

from analysis.data.crisis_schemas import CRISIS_SCHEMAS
from analysis.data.curated_checks import (
    RowCheck,
    choice_column,
    date_column,
    event_date_column,
    events_table,
    id_column,
    iso3_column,
    iso3_list_column,
    no_overlapping_spells,
    not_before,
    number_column,
    source_column,
    table,
    text_column,
)

SECTIONS = ("Introduction", "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2",
            "Conclusion")


ORGANISATIONS = ("sco", "csto", "cis", "osce", "cica", "eaeu", "nato_pfp", "eu", "nato")


def _spells(key: tuple[str, ...], **extra: pa.Column) -> pa.DataFrameSchema:
    """Status spells of states: who held which role from when to when, with a source."""
    return table(
        {**extra,
         "start_date": date_column(),
         "end_date": date_column(nullable=True),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        not_before("end_date", "start_date"),
        RowCheck("spell overlaps another spell of the same state", (*key, "end_date"),
                 no_overlapping_spells),
        key=key,
    )


def _datedevents_table(**extra: pa.Column) -> pa.DataFrameSchema:
    return events_table({"date": event_date_column(), **extra, "source": source_column(),
                    "notes": text_column(nullable=True)})


ECONOMIC_KINDS = ("memorandum", "programme", "action_plan", "institution", "agreement",
                  "strategy", "meeting")


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "sco_status": _spells(
        key=("iso3", "start_date"),
        iso3=iso3_column(),
        country=text_column(),
        status=pa.Column(str, pa.Check.isin(
            ["shanghai_five", "member", "observer", "dialogue_partner", "partner"])),
    ),
    "organisation_membership": _spells(  # the SCO's own spells are in sco_status
        key=("org_id", "iso3", "start_date"),
        org_id=pa.Column(str, pa.Check.isin([o for o in ORGANISATIONS if o != "sco"])),
        iso3=iso3_column(),
        role=choice_column("member", "associate", "observer", "partner", "suspended", "frozen"),
    ),
    "security_milestones": _datedevents_table(
        title=text_column(),
        label=pa.Column(str, pa.Check.str_length(1, 40)),
        kind=choice_column("conference", "treaty", "organisation", "declaration",
                           "dissolution"),
        place=text_column(nullable=True),
    ),
    "eurasian_organisations": table({
        "org_id": pa.Column(str, pa.Check.isin(ORGANISATIONS)),
        "name": text_column(),
        "type": text_column(),
        "founded": event_date_column(),
        "seat": text_column(),
        "security_mandate": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("org_id",)),
    "organisation_sizes": table({
        "org_id": pa.Column(str, pa.Check.isin(ORGANISATIONS)),
        "member_states": pa.Column(str, pa.Check.str_matches(r"^\d+$")),
        "as_of": date_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("org_id",)),
    "sco_summits": events_table(
        {"start_date": date_column(),
         "end_date": date_column(),
         "city": text_column(),
         "host_iso3": iso3_column(),
         "format": choice_column("shanghai_five", "heads_of_state"),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        not_before("end_date", "start_date"),
    ),
    "sco_documents": events_table(
        {"title": text_column(),
         "kind": choice_column("agreement", "convention", "charter", "treaty", "declaration",
                               "decision"),
         "signed_date": date_column(),
         "signed_place": text_column(),
         "in_force_date": date_column(nullable=True),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        not_before("in_force_date", "signed_date"),
    ),
    "sco_events_usa_eu": _datedevents_table(title=text_column(), iso3=iso3_list_column()),
    "rats_reported": table({
        "period_start": event_date_column(nullable=True),  # empty: a stock, or a vague period
        "period_end": event_date_column(),
        "reported_on": event_date_column(nullable=True),
        "reported_by": text_column(),
        "indicator": choice_column(
            "terrorist_acts_prevented", "crimes_prevented", "militants_detained",
            "leaders_detained", "extraditions", "training_camps_dismantled",
            "weapons_seized_units", "explosives_seized_kg", "ammunition_seized_units",
            "persons_wanted_list", "websites_blocked", "cells_neutralised", "other"),
        "value": number_column("value"),
        "unit": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("period_start", "period_end", "reported_on", "reported_by", "indicator", "value",
            "unit")),  # the value too: one statement gives several "other" figures in persons
    "sco_exercises": events_table(
        {"name": text_column(),
         "series": choice_column("peace_mission", "other_ct"),
         "start_date": event_date_column(),
         "end_date": event_date_column(),
         "host_iso3": iso3_list_column(),
         "location": text_column(),
         "participants": pa.Column(str, iso3_list_column().checks, nullable=True),
         "troops": number_column("troops", nullable=True),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        not_before("end_date", "start_date"),
    ),
    "economic_milestones": _datedevents_table(
        title=text_column(),
        kind=choice_column(*ECONOMIC_KINDS),
    ),
    # What became of the 2003 programme's free-trade aim: proposals, resistance, drafts.
    "free_trade_events": _datedevents_table(
        title=text_column(),
        kind=choice_column(*ECONOMIC_KINDS),
    ),
    "source_facts": table(
        {"fact_id": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9_]+$")),
         "description": text_column(),
         "value": number_column("value", nullable=True),
         "unit": text_column(),
         "as_of": event_date_column(nullable=True),
         "source": pa.Column(str, source_column().checks, nullable=True),
         "notes": text_column(nullable=True)},
        RowCheck("a value needs a source", ("value", "source"),
                 lambda frame: frame["value"].isna() | frame["source"].notna()),
        key=("fact_id",),
    ),
    "kazakhstan_initiatives": _datedevents_table(
        title=text_column(),
        kind=choice_column("summit_hosted", "initiative", "chairmanship",
                           "organisation_founded"),
    ),
    "kaz_bilateral_security": events_table({
        "partner_iso3": iso3_column(),
        "date": event_date_column(),
        "title": text_column(),
        "kind": choice_column("treaty", "agreement", "military_cooperation", "border"),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }),
    "post2020_events": _datedevents_table(
        title=text_column(),
        recommendation=choice_column("1", "2", "3", "4"),
    ),
    "cis_security_glossary": table({
        "term": pa.Column(str),
        "paraphrase": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("term",)),
    "thesis_recommendations": table({
        "number": choice_column("1", "2", "3", "4"),
        "paraphrase": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("number",)),
    # The thesis's own words, by section, that the book's sentences about it rest on
    # (cited with the {thesis} role; the tests find each quote in the excerpt).
    "thesis_passages": table({
        "id": id_column(),
        "section": pa.Column(str, pa.Check.isin(["Contents", *SECTIONS])),
        "quote": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("id",)),
    "thesis_claims": table({
        "claim_id": id_column(),
        "section": pa.Column(str, pa.Check.isin(SECTIONS)),
        "paraphrase": text_column(),
        "relation": choice_column("more than", "equal to", "about"),
        "claimed_value": number_column("claimed_value"),
        "unit": text_column(),
        "check": text_column(),
        "source": source_column(),
        "notes": text_column(nullable=True),
    }, key=("claim_id",)),
    "border_agreements": events_table(
        {"signed_date": event_date_column(),
         "parties": iso3_list_column(),
         "title": text_column(),
         "kind": choice_column("border_treaty", "supplementary_agreement", "demarcation",
                               "confidence_building", "arms_reduction", "trijunction"),
         "in_force_date": event_date_column(nullable=True),
         "area_km2": number_column("area_km2", nullable=True),
         "source": source_column(),
         "notes": text_column(nullable=True)},
        not_before("in_force_date", "signed_date"),
    ),
    "sco_institutions": _datedevents_table(
        title=text_column(),
        kind=choice_column("permanent_body", "agreement", "programme", "strategy",
                           "meeting_format", "centre", "memorandum"),
        domain=choice_column("security", "economy", "culture", "health", "drugs",
                             "environment", "other"),
    ),
    "organisation_record": _datedevents_table(
        org_id=pa.Column(str, pa.Check.isin(ORGANISATIONS)),
        kind=choice_column("summit", "deployment", "declined_request", "exercise",
                           "membership_change", "chairmanship", "initiative", "suspension"),
        iso3=pa.Column(str, iso3_list_column().checks, nullable=True),
        title=text_column(),
    ),
    **CRISIS_SCHEMAS,
    "sco_drug_milestones": _datedevents_table(
        title=text_column(),
        kind=choice_column("agreement", "strategy", "programme", "institution", "meeting",
                           "statement"),
    ),
}
