"""SIPRI, Our World in Data, Correlates of War and Natural Earth loaders, and names."""

from __future__ import annotations

from analysis.data import countries
from analysis.data.sources import cow, naturalearth, owid, sipri, unga


def test_sipri_keeps_gaps_as_gaps():
    frame = sipri.military_expenditure()
    uzb = frame[(frame["iso3"] == "UZB") & (frame["measure"] == "constant_2023_usd_m")
                & (frame["year"] >= 1992)]
    assert set(uzb["status"]) == {"value", "no data"}
    assert uzb.loc[uzb["status"] == "no data", "value"].isna().all()
    assert set(frame["measure"]) == set(sipri.MILEX_SHEETS)


def test_sipri_arms_imports_drop_non_states():
    frame = sipri.arms_imports()
    assert frame["iso3"].str.fullmatch(r"[A-Z]{3}").all()
    assert (frame["tiv"] >= 0).all()


def test_gtd_has_no_1993_and_no_aggregates():
    frame = owid.terrorism()
    assert 1993 not in set(frame["year"])
    assert not frame["iso3"].str.startswith("OWID").any()


def test_owid_files_without_codes_are_mapped_to_states():
    assert {"KAZ", "RUS"} <= set(owid.armed_forces()["iso3"])


def test_country_names_map_to_iso3_and_unknown_names_do_not():
    assert countries.iso3_from_name("Russia") == "RUS"
    assert countries.iso3_from_name("Kyrgyz Republic") == "KGZ"
    assert countries.iso3_from_name("Iran, Islamic Rep.") == "IRN"
    assert countries.iso3_from_name("Soviet Union") is None
    assert countries.iso3_from_name("Middle East") is None


def test_cow_codes_become_iso3():
    codes = unga.cow_to_iso3()
    assert codes[705] == "KAZ" and codes[710] == "CHN" and codes[365] == "RUS"
    memberships = cow.igo_memberships()
    assert set(memberships["code"]) <= {1, 2, 3, -9}
    sco = memberships[(memberships["igo"] == "sco") & (memberships["year"] == 2014)
                      & (memberships["code"] == 1)]
    assert set(sco["iso3"]) == {"CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"}


def test_natural_earth_replaces_missing_iso_codes():
    frame = naturalearth.countries("110m")
    assert {"FRA", "NOR"} <= set(frame["iso3"])
    assert not (frame["iso3"] == "-99").any()
