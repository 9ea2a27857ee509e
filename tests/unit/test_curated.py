"""Curated fact tables: every row passes its schema; a bad row names file and line;
an event is found by its id."""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

from analysis import paths
from analysis.data import curated, curated_checks
from analysis.data.curated_csv import CuratedDataError

GOOD = {"iso3": "KAZ", "country": "Kazakhstan", "status": "member",
        "start_date": "2001-06-15", "end_date": "", "source": "https://eng.sectsco.org/",
        "verification": "verified", "notes": ""}


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
    with pytest.raises(CuratedDataError, match="a value needs a source"):
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
    with pytest.raises(CuratedDataError) as error:
        curated.read_csv(file, "sco_status")
    message = str(error.value)
    assert f"{file}, line 3" in message  # header is line 1, the bad row line 3
    assert problem in message


def test_overlapping_spells_of_one_state_are_rejected(curated_csv):
    rows = [{**GOOD, "status": "observer", "start_date": "2000-01-01", "end_date": "2002-01-01"},
            GOOD]
    with pytest.raises(CuratedDataError, match="overlaps"):
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
    with pytest.raises(CuratedDataError, match="extra"):
        curated.read_csv(file, "sco_status")


@pytest.mark.parametrize("name", sorted(curated.SCHEMAS))
def test_a_duplicated_row_is_rejected_with_its_lines_and_key(tmp_path, name):
    lines = (paths.CURATED_DIR / f"{name}.csv").read_text(encoding="utf-8").splitlines(True)
    copy = tmp_path / f"{name}.csv"
    copy.write_text("".join([*lines, lines[1]]), encoding="utf-8")  # the first row, again
    with pytest.raises(CuratedDataError) as error:
        curated.read_csv(copy, name)
    message = str(error.value)
    assert f"{copy}, lines 2, {len(lines) + 1}: duplicate key" in message
    first = curated.load(name).iloc[0]
    for column in curated.SCHEMAS[name].unique:
        value = "empty" if pd.isna(first[column]) else repr(first[column])
        assert f"{column} {value}" in message


def test_the_key_allows_rows_that_differ_in_it(curated_csv):
    rows = [GOOD, {**GOOD, "iso3": "CHN", "country": "China"}]
    assert len(curated.read_csv(curated_csv("sco_status", rows), "sco_status")) == 2


@pytest.mark.parametrize("name", sorted(curated.SCHEMAS))
def test_a_clean_file_loads_as_pandas_read_it(name):
    """The strict parser changes nothing for a well-formed file (quoted commas, "")."""
    file = paths.CURATED_DIR / f"{name}.csv"
    expected = pd.read_csv(file, dtype=str, keep_default_na=False, na_values=[""])
    pd.testing.assert_frame_equal(curated.read_csv(file, name), expected, check_exact=True)


HEADER = ",".join(GOOD)
ROW = ",".join(GOOD.values())


@pytest.mark.parametrize(("bad_row", "problem"), [
    (ROW + ",extra", "line 3: expected 8 fields, found 9 (an unquoted comma?)"),
    (ROW.removesuffix(","), "line 3: expected 8 fields, found 7"),
    (ROW + 'Astana "Declaration', """line 3: a quote inside the unquoted field 'Astana "Decl"""),
    (ROW + 'abc"def', """line 3: a quote inside the unquoted field 'abc"def'"""),
    (ROW + '"abc"def', "line 3: text after a closing quote"),
    (ROW + '"abc\n' + ROW, "line 3: a quoted field is never closed"),
])
def test_a_malformed_csv_row_is_rejected_with_file_and_line(tmp_path, bad_row, problem):
    file = tmp_path / "sco_status.csv"
    file.write_text(f"{HEADER}\n{ROW}\n{bad_row}\n", encoding="utf-8")
    with pytest.raises(CuratedDataError, match=re.escape(f"{file}, {problem}")):
        curated.read_csv(file, "sco_status")


def test_a_byte_that_is_not_utf8_is_rejected_with_line_and_column(tmp_path):
    file = tmp_path / "sco_status.csv"
    file.write_bytes(f"{HEADER}\n{ROW}\n{ROW}caf".encode() + b"\xe9\n")
    with pytest.raises(CuratedDataError,
                       match=re.escape(f"{file}, line 3: not UTF-8 (byte 0xe9 at column "
                                       f"{len(ROW) + 4})")):
        curated.read_csv(file, "sco_status")


def test_quoted_fields_keep_commas_quotes_and_line_breaks(tmp_path):
    file = tmp_path / "sco_status.csv"
    file.write_text(f'{HEADER}\r\n{ROW}"a, ""b""\r\nc"\r\n', encoding="utf-8")
    assert curated.read_csv(file, "sco_status").loc[0, "notes"] == 'a, "b"\r\nc'


def test_line_numbers_count_blank_lines_and_line_breaks_inside_fields(tmp_path):
    file = tmp_path / "sco_status.csv"
    late = ROW.replace("KAZ,Kazakhstan", "CHN,China").replace(",,", ",1999-01-01,")
    file.write_text(f'{HEADER}\n{ROW}"two\nlines"\n\n{late}\n', encoding="utf-8")
    with pytest.raises(CuratedDataError, match=re.escape(f"{file}, line 5: end_date")):
        curated.read_csv(file, "sco_status")


@pytest.mark.parametrize(("name", "row", "problem"), [
    ("sco_status", {**GOOD, "iso3": "CHN", "country": "China", "end_date": "1999-01-01"},
     "end_date is before start_date (start_date '2001-06-15', end_date '1999-01-01')"),
    ("sco_summits", {"id": "shanghai-2001", "start_date": "2001-06-15",
                     "end_date": "2001-06-14", "city": "Shanghai",
                     "host_iso3": "CHN", "format": "heads_of_state",
                     "source": "https://eng.sectsco.org/", "verification": "verified",
                     "notes": ""},
     "end_date is before start_date (start_date '2001-06-15', end_date '2001-06-14')"),
    ("source_facts", {"fact_id": "x", "description": "d", "value": "1", "unit": "u",
                      "as_of": "", "source": "", "verification": "unverifiable",
                      "notes": "searched"},
     "a value needs a source (value '1', source empty)"),
])
def test_a_check_across_columns_is_reported_once_with_its_values(curated_csv, name, row, problem):
    file = curated_csv(name, [row])
    with pytest.raises(CuratedDataError) as error:
        curated.read_csv(file, name)
    assert str(error.value) == f"invalid curated data:\n  {file}, line 2: {problem}"


EVENT_TABLES = sorted(name for name, schema in curated.SCHEMAS.items()
                      if list(schema.columns)[0] == "id")


def test_the_tables_of_events_are_keyed_by_an_id():
    assert set(EVENT_TABLES) >= {
        "post2020_events", "security_milestones", "economic_milestones",
        "kazakhstan_initiatives", "sco_events_usa_eu", "kaz_bilateral_security",
        "sco_documents", "sco_exercises", "sco_summits"}
    for name in EVENT_TABLES:
        assert curated.SCHEMAS[name].unique == ["id"], name


@pytest.mark.parametrize(("row_id", "problem"), [
    ("Border war 2022", "str_matches"),
    ("border--war", "str_matches"),
    ("", "missing value"),
])
def test_an_id_must_be_a_lowercase_slug(curated_csv, row_id, problem):
    row = {"id": row_id, "date": "2022-09-14", "title": "t", "recommendation": "2",
           "source": "https://eng.sectsco.org/", "notes": ""}
    with pytest.raises(CuratedDataError, match=problem):
        curated.read_csv(curated_csv("post2020_events", [row]), "post2020_events")


def test_two_rows_with_one_id_are_rejected(curated_csv):
    row = {"id": "border-war-2022", "date": "2022-09-14", "title": "t", "recommendation": "2",
           "source": "https://eng.sectsco.org/", "notes": ""}
    with pytest.raises(CuratedDataError, match="duplicate key \\(id 'border-war-2022'\\)"):
        curated.read_csv(curated_csv("post2020_events", [row, {**row, "title": "u"}]),
                         "post2020_events")


def test_a_row_is_found_by_its_id():
    event = curated.row("post2020_events", "border-war-2022")
    assert event["date"] == "2022-09-14"
    assert event.name == "border-war-2022"
    with pytest.raises(KeyError, match="no row with id 'no-such-event'"):
        curated.row("post2020_events", "no-such-event")


def _events_dir(tmp_path, verification):
    columns = list(curated.SCHEMAS["post2020_events"].columns)
    row = {"id": "water-point-clash-2021", "date": "2021-04-29", "title": "Clash",
           "recommendation": "2", "source": "thesis2020", "verification": verification,
           "notes": "inferred from two reports"}
    with open(tmp_path / "post2020_events.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerow({column: row.get(column, "") for column in columns})
    return tmp_path


@pytest.mark.parametrize("verification", ["inferred", "unverifiable"])
def test_an_unsure_row_is_not_handed_out_as_a_plain_fact(tmp_path, monkeypatch, verification):
    monkeypatch.setattr(curated.paths, "CURATED_DIR", _events_dir(tmp_path, verification))
    curated._load.cache_clear()
    try:
        with pytest.raises(curated.UnsureFact, match=f"is {verification}"):
            curated.row("post2020_events", "water-point-clash-2021")
        hedged = curated.row("post2020_events", "water-point-clash-2021", hedged=True)
        assert hedged["date"] == "2021-04-29"
    finally:
        curated._load.cache_clear()


def test_a_verified_row_is_handed_out(tmp_path, monkeypatch):
    monkeypatch.setattr(curated.paths, "CURATED_DIR", _events_dir(tmp_path, "verified"))
    curated._load.cache_clear()
    try:
        assert curated.row("post2020_events", "water-point-clash-2021")["title"] == "Clash"
    finally:
        curated._load.cache_clear()


@pytest.mark.parametrize(("value", "ok"), [("2017-04-18", True), ("2002-05", True),
                                           ("2006", True), ("2002-13", False),
                                           ("2002-05-1", False), ("May 2002", False)])
def test_event_dates_keep_their_precision(value, ok):
    assert curated_checks._is_date_of_known_precision(value) is ok
