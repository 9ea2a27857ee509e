"""Curated fact tables: every row passes its schema; a bad row names file and line."""

from __future__ import annotations

import pytest

from analysis import curated

GOOD = {"iso3": "KAZ", "country": "Kazakhstan", "status": "member",
        "start_date": "2001-06-15", "end_date": "", "source": "https://eng.sectsco.org/",
        "notes": ""}


@pytest.mark.parametrize("name", sorted(curated.SCHEMAS))
def test_every_curated_table_passes_its_schema(name):
    table = curated.load(name)
    assert len(table) > 0
    if name == "source_facts":  # a fact nobody could source records the search, no value
        table = table[table["value"].notna()]
    assert table["source"].notna().all()


def test_a_source_fact_with_a_value_needs_a_source(curated_csv):
    row = {"fact_id": "x", "description": "d", "value": "1", "unit": "u", "as_of": "",
           "source": "", "notes": ""}
    with pytest.raises(curated.CuratedDataError, match="a value needs a source"):
        curated.read_csv(curated_csv("source_facts", [row]), "source_facts")


def test_a_good_row_passes(curated_csv):
    frame = curated.read_csv(curated_csv("sco_status", [GOOD]), "sco_status")
    assert frame.loc[0, "iso3"] == "KAZ"


@pytest.mark.parametrize(("change", "problem"), [
    ({"start_date": "2001-02-30"}, "not a valid date"),
    ({"start_date": "15.06.2001"}, "not a valid date"),
    ({"iso3": "XXK"}, "unknown ISO 3166-1 alpha-3"),
    ({"source": ""}, "missing value"),
    ({"source": "my memory"}, "source must be URLs or references.bib keys"),
    ({"source": "no_such_bib_key"}, "source must be URLs or references.bib keys"),
    ({"status": "friend"}, "isin"),
    ({"end_date": "1999-01-01"}, "end_date is before start_date"),
])
def test_a_bad_row_is_rejected_with_file_and_line(curated_csv, change, problem):
    rows = [GOOD, {**GOOD, "iso3": "CHN", "country": "China", **change}]
    file = curated_csv("sco_status", rows)
    with pytest.raises(curated.CuratedDataError) as error:
        curated.read_csv(file, "sco_status")
    message = str(error.value)
    assert f"{file}, line 3" in message  # header is line 1, the bad row line 3
    assert problem in message


def test_overlapping_spells_of_one_state_are_rejected(curated_csv):
    rows = [{**GOOD, "status": "observer", "start_date": "2000-01-01", "end_date": "2002-01-01"},
            GOOD]
    with pytest.raises(curated.CuratedDataError, match="overlaps"):
        curated.read_csv(curated_csv("sco_status", rows), "sco_status")


def test_consecutive_spells_are_accepted(curated_csv):
    rows = [{**GOOD, "status": "observer", "start_date": "2000-01-01",
             "end_date": "2001-06-15"}, GOOD]
    assert len(curated.read_csv(curated_csv("sco_status", rows), "sco_status")) == 2


def test_a_bibliography_key_is_a_valid_source(curated_csv):
    rows = [{**GOOD, "source": "thesis2020 ; https://eng.sectsco.org/"}]
    assert len(curated.read_csv(curated_csv("sco_status", rows), "sco_status")) == 1


def test_an_extra_column_is_rejected(tmp_path):
    file = tmp_path / "sco_status.csv"
    file.write_text(",".join([*GOOD, "extra"]) + "\n" + ",".join([*GOOD.values(), "x"]) + "\n")
    with pytest.raises(curated.CuratedDataError, match="extra"):
        curated.read_csv(file, "sco_status")
