"""UCDP loaders: the quirks of the re-saved files are repaired, and checked."""

from __future__ import annotations

import pytest

from analysis.data.sources import ucdp
from analysis.topics import regions

HEADER = ";".join(ucdp.ACD_COLUMNS)
ROW = ("11342;India;Government of India;141;;GNLA;1163;;1;Garoland;2012;1;0;3;29-5-1997;1;"
       "15-11-2012;1;1;21-12-2012;;750;;;;750;3;25.1")
SPLIT = [
    "11349;China;Government of China;135;;ETIM;1156;;1;East Turkestan;;;;;;;;;;;;;;;;;;",
    ";2008;1;0;3;5-4-1990;1;10-8-2008;1;1;29-8-2008;,710,;,;710;3;25.1;;;;;;;;;;;;",
]


def test_a_record_split_over_two_lines_is_rejoined():
    rows = ucdp.repair_split_records([HEADER, ROW, *SPLIT], "test.csv")
    assert len(rows) == 2
    repaired = dict(zip(ucdp.ACD_COLUMNS, rows[1], strict=True))
    assert repaired["conflict_id"] == "11349"
    assert repaired["year"] == "2008"
    assert repaired["gwno_a"] == "710"
    assert repaired["gwno_loc"] == "710"
    assert repaired["version"] == "25.1"


def test_an_unrepairable_line_names_file_and_line():
    with pytest.raises(ucdp.UCDPFormatError, match=r"test.csv, line 3"):
        ucdp.repair_split_records([HEADER, ROW, "1;too;short"], "test.csv")


def test_a_wrong_header_is_rejected():
    with pytest.raises(ucdp.UCDPFormatError, match="unexpected header"):
        ucdp.repair_split_records(["a;b;c", ROW], "test.csv")


def test_the_real_conflict_file_is_read_completely():
    frame = ucdp.conflicts()
    assert len(frame) == 2751  # conflict-years documented by the mirror's MANIFEST
    china_2008 = frame[(frame["conflict_id"] == 11349) & (frame["year"] == 2008)]
    assert len(china_2008) == 1
    assert china_2008["start_date"].iloc[0].strftime("%Y-%m-%d") == "1990-04-05"  # d-m-yyyy


def test_battle_deaths_regions_are_complete_and_imputations_flagged():
    frame = ucdp.battle_deaths()
    assert len(frame) == 1403
    assert frame["region_name"].notna().all()
    assert frame["region_imputed"].sum() == 2


def test_central_asian_conflicts_are_found_by_location():
    frame = ucdp.conflicts()
    located = frame[ucdp.located_in(frame["gwno_loc"], regions.CENTRAL_ASIA)]
    assert set(located["location"]) == {"Tajikistan", "Uzbekistan", "Kyrgyzstan, Tajikistan"}


def test_every_post_soviet_state_has_its_gleditsch_ward_number():
    assert sorted(ucdp.GW_ISO3.values()) == sorted(regions.POST_SOVIET)
    assert set(regions.CENTRAL_ASIA) <= set(regions.POST_SOVIET)


def test_a_state_without_a_known_number_is_an_error_not_a_silent_no():
    with pytest.raises(ValueError, match="no Gleditsch-Ward number known for \\['USA'\\]"):
        ucdp.located_in(ucdp.conflicts()["gwno_loc"], ["KAZ", "USA"])
