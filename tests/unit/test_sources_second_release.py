"""Loaders of the mirror's second release: UCDP organized violence, UNODC seizures,
COW disputes and territorial change, WITS imports, and what each refuses."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest

from analysis.data.sources import cow_disputes, ucdp, unodc, wits

CENTRAL_ASIA = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}


def test_organized_violence_is_a_full_panel_to_2024():
    frame = ucdp.organized_violence()
    assert len(frame) == 6936  # the MANIFEST's row count
    assert (frame["year"].min(), frame["year"].max()) == (1989, 2024)
    central = frame[frame["iso3"].isin(CENTRAL_ASIA)]
    # every state in every year of its independence: a zero is a recorded zero
    assert central.groupby("iso3")["year"].agg(lambda y: sorted(y)).map(
        lambda years: years == list(range(1991, 2025))).all()
    # UCDP's own file has four country-years whose low estimate exceeds the high one;
    # none is in Central Asia, where the book uses the ranges.
    crossed = pd.concat([frame[f"{kind}_low"] > frame[f"{kind}_high"]
                         for kind in ucdp.VIOLENCE_TYPES], axis=1).any(axis=1)
    assert set(zip(frame.loc[crossed, "country"], frame.loc[crossed, "year"], strict=True)) == {
        ("Russia (Soviet Union)", 2024), ("Armenia", 2022), ("Ethiopia", 2000), ("India", 2010)}
    # state-based deaths are the intrastate and interstate deaths (no extrasystemic since 1989)
    state = frame["intrastate_best"] + frame["interstate_best"]
    assert (state <= frame["state_based_best"]).all()


def test_organized_violence_records_the_kyrgyz_tajik_wars():
    frame = ucdp.organized_violence().set_index(["iso3", "year"])
    for year in (2021, 2022):
        for state in ("KGZ", "TJK"):
            assert frame.loc[(state, year), "interstate_best"] > 0
            assert "Kyrgyzstan - Government of Tajikistan" in frame.loc[(state, year),
                                                                          "interstate_dyads"]


def _ucdp_file(tmp_path, rows: list[dict]) -> str:
    columns = ["country_id_cy", "country_cy", "year_cy", "sb_interstate_dyad_names_cy", "version",
               *(f"{stem}_{estimate}_cy" for stem in ucdp.VIOLENCE_TYPES.values()
                 for estimate in ucdp.ESTIMATES)]
    frame = pd.DataFrame([{column: "0" for column in columns} | row for row in rows])
    file = tmp_path / "cy.csv"
    frame.to_csv(file, index=False)
    return file


def test_organized_violence_rejects_other_versions_and_bad_numbers(tmp_path):
    good = {"country_id_cy": "703", "country_cy": "Kyrgyzstan", "year_cy": "2021",
            "sb_interstate_dyad_names_cy": "NO_DYAD", "version": "25.1"}
    assert ucdp.parse_organized_violence(_ucdp_file(tmp_path, [good]))["iso3"].tolist() == ["KGZ"]
    with pytest.raises(ucdp.UCDPFormatError, match="expected version 25.1"):
        ucdp.parse_organized_violence(_ucdp_file(tmp_path, [good | {"version": "24.1"}]))
    with pytest.raises(ucdp.UCDPFormatError, match=r"cy.csv, line 3: sb_total_deaths is 'many'"):
        ucdp.parse_organized_violence(_ucdp_file(
            tmp_path, [good, good | {"year_cy": "2022", "sb_total_deaths_best_cy": "many"}]))
    with pytest.raises(ucdp.UCDPFormatError, match="line 3: a second row"):
        ucdp.parse_organized_violence(_ucdp_file(tmp_path, [good, good]))


def test_unodc_seizures_sum_rows_and_turkmenistan_reported_nothing():
    frame = unodc.seizures()
    assert set(frame["year"]) == {2018, 2019, 2020, 2021, 2022}
    assert "TKM" not in set(frame["iso3"])
    assert {"KAZ", "KGZ", "TJK", "UZB", "AFG", "IRN", "PAK", "RUS", "CHN"} <= set(frame["iso3"])
    assert not frame.duplicated(["iso3", "drug_group", "drug", "year"]).any()
    raw = unodc.parse(unodc.cache.raw.fetch(unodc.KEY))
    assert len(raw) > len(frame)  # some country-drug-years were reported in several rows
    assert frame["kg"].sum() == pytest.approx(raw["kg"].sum())


def test_unodc_rejects_an_unreadable_quantity(tmp_path):
    rows = [["Drug seizures, 2018-2022", *[None] * 8], unodc.COLUMNS,
            ["Asia", "Central Asia", "Kazakhstan", "Opioids", "Opiates", "Heroin", "2019",
             "12.5", "KAZ"],
            ["Asia", "Central Asia", "Kazakhstan", "Opioids", "Opiates", "Opium", "2019",
             "a lot", "KAZ"]]
    file = tmp_path / "seizures.xlsx"
    pd.DataFrame(rows).to_excel(file, sheet_name="Export", header=False, index=False)
    with pytest.raises(unodc.UNODCFormatError, match=r"seizures.xlsx, row 4: cannot read"):
        unodc.parse(file)


def test_mid_disputes_involving_central_asia_end_in_2014():
    participants = cow_disputes.participants()
    central = participants[participants["iso3"].isin(CENTRAL_ASIA)]
    assert central["dispnum"].nunique() == 22  # counted in MIDB 5.0 (the mirror says 25)
    assert central["start_year"].min() == 1993 and central["end_year"].max() <= 2014
    disputes = cow_disputes.disputes()
    assert set(central["dispnum"]) <= set(disputes["dispnum"])
    assert disputes["hostility"].notna().all()


def test_mid_archive_without_its_table_is_an_error(tmp_path):
    file = tmp_path / "mid.zip"
    with zipfile.ZipFile(file, "w") as archive:
        archive.writestr("README.txt", "nothing here")
    with pytest.raises(cow_disputes.COWFormatError, match="no 'MIDA 5.0.csv'"):
        cow_disputes.parse_disputes(file)


def test_territorial_change_reads_mac_line_ends_and_records_cessions_to_china():
    frame = cow_disputes.territorial_changes()
    assert len(frame) == 837
    to_china = frame[(frame["gainer_iso3"] == "CHN") & frame["loser_iso3"].isin(CENTRAL_ASIA)]
    assert sorted(zip(to_china["loser_iso3"], to_china["year"], strict=True)) == [("KAZ", 1998),
                                                                       ("TJK", 2011)]
    assert (to_china["procedure"] == "cession").all() and not to_china["violent"].any()


def test_territorial_change_rejects_a_changed_header(tmp_path):
    file = tmp_path / "tc.csv"
    file.write_bytes(b"year,gainer\r1998,710\r")
    with pytest.raises(cow_disputes.COWFormatError, match="expected columns"):
        cow_disputes.parse_territorial_change(file)


def test_wits_rejects_a_file_that_is_not_imports(tmp_path):
    frame = pd.DataFrame({"Reporter Name": ["Kazakhstan"], "Partner Name": ["China"],
                          "Trade Flow": ["Export"], "Product Group": ["All Products"],
                          "Indicator": ["Export (US$ Thousand)"], "2020": [1.0]})
    file = tmp_path / "wits.xlsx"
    with pd.ExcelWriter(file) as writer:
        frame.to_excel(writer, sheet_name="Partner-Timeseries", index=False)
    with pytest.raises(wits.WITSFormatError, match="row 2: not imports"):
        wits.parse(file)


