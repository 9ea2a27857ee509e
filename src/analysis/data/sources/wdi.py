"""World Bank World Development Indicators, one long CSV per indicator.

Tidy output: ``iso3, country, year, value, indicator``. The frames include the
World Bank's aggregates (``WLD`` world, ``EUU`` European Union, ...) next to
countries. Units are in :data:`INDICATORS`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data import cache, raw

# indicator code -> (registry key, label, unit)
INDICATORS = {
    "SP.POP.TOTL": ("wdi_sp_pop_totl", "Population", "persons"),
    "NY.GDP.MKTP.CD": ("wdi_ny_gdp_mktp_cd", "GDP", "current US$"),
    "NY.GDP.PCAP.CD": ("wdi_ny_gdp_pcap_cd", "GDP per capita", "current US$"),
    "NY.GDP.PCAP.PP.CD": ("wdi_ny_gdp_pcap_pp_cd", "GDP per capita, PPP",
                          "current international $"),
    "NY.GNP.MKTP.PP.CD": ("wdi_ny_gnp_mktp_pp_cd", "GNI, PPP", "current international $"),
    "NY.GDP.MKTP.KD.ZG": ("wdi_ny_gdp_mktp_kd_zg", "GDP growth", "% a year"),
    "AG.SRF.TOTL.K2": ("wdi_ag_srf_totl_k2", "Surface area", "km²"),
    "AG.LND.TOTL.K2": ("wdi_ag_lnd_totl_k2", "Land area", "km²"),
    "MS.MIL.XPND.GD.ZS": ("wdi_ms_mil_xpnd_gd_zs", "Military expenditure", "% of GDP"),
    "MS.MIL.XPND.ZS": ("wdi_ms_mil_xpnd_zs", "Military expenditure",
                       "% of general government expenditure"),
    "BX.KLT.DINV.CD.WD": ("wdi_bx_klt_dinv_cd_wd", "FDI, net inflows", "current US$"),
    "NE.EXP.GNFS.ZS": ("wdi_ne_exp_gnfs_zs", "Exports of goods and services", "% of GDP"),
    "NE.IMP.GNFS.ZS": ("wdi_ne_imp_gnfs_zs", "Imports of goods and services", "% of GDP"),
    "TG.VAL.TOTL.GD.ZS": ("wdi_tg_val_totl_gd_zs", "Merchandise trade", "% of GDP"),
    "BX.TRF.PWKR.CD.DT": ("wdi_bx_trf_pwkr_cd_dt", "Personal remittances, received",
                          "current US$"),
    "VC.IHR.PSRC.P5": ("wdi_vc_ihr_psrc_p5", "Intentional homicides", "per 100,000 people"),
    "SM.POP.NETM": ("wdi_sm_pop_netm", "Net migration", "persons"),
    "TX.VAL.FUEL.ZS.UN": ("wdi_tx_val_fuel_zs_un", "Fuel exports",
                          "% of merchandise exports"),
    "NY.GDP.DEFL.KD.ZG": ("wdi_ny_gdp_defl_kd_zg", "Inflation, GDP deflator", "% a year"),
    "NY.GDP.PCAP.KD.ZG": ("wdi_ny_gdp_pcap_kd_zg", "GDP per capita growth", "% a year"),
    "TM.VAL.MRCH.CD.WT": ("wdi_tm_val_mrch_cd_wt", "Merchandise imports", "current US$"),
    "TX.VAL.MRCH.CD.WT": ("wdi_tx_val_mrch_cd_wt", "Merchandise exports", "current US$"),
}

COLUMNS = ["Country Name", "Country Code", "Year", "Value"]


class WDIFormatError(ValueError):
    """A WDI file does not have the expected layout."""


def parse(file: Path) -> pd.DataFrame:
    """Parse one WDI CSV into ``iso3, country, year, value``; reject malformed rows."""
    raw = pd.read_csv(file, dtype=str, keep_default_na=False)
    if list(raw.columns) != COLUMNS:
        raise WDIFormatError(f"{file}: expected columns {COLUMNS}, found {list(raw.columns)}")
    frame = pd.DataFrame({
        "iso3": raw["Country Code"],
        "country": raw["Country Name"],
        "year": pd.to_numeric(raw["Year"], errors="coerce"),
        "value": pd.to_numeric(raw["Value"], errors="coerce"),
    })
    bad_code = ~frame["iso3"].str.fullmatch(r"[A-Z0-9]{3}")
    bad = frame["year"].isna() | frame["value"].isna() | bad_code
    if bad.any():
        line = int(bad.idxmax()) + 2
        raise WDIFormatError(
            f"{file}, line {line}: cannot read row {raw.loc[bad.idxmax()].to_dict()} "
            f"(code must be three capitals, year and value numbers)"
        )
    if frame.duplicated(["iso3", "year"]).any():
        line = int(frame.duplicated(["iso3", "year"]).idxmax()) + 2
        raise WDIFormatError(f"{file}, line {line}: duplicate country-year")
    return frame.astype({"year": "int64"})


def load(indicator: str) -> pd.DataFrame:
    """Tidy frame of one indicator: ``iso3, country, year, value, indicator``."""
    try:
        key = INDICATORS[indicator][0]
    except KeyError:
        raise raw.DataError(
            f"unknown WDI indicator {indicator!r}; known: {', '.join(INDICATORS)}"
        ) from None
    return cache.parsed(key, parse).assign(indicator=indicator)


def unit(indicator: str) -> str:
    return INDICATORS[indicator][2]


def registry_key(indicator: str) -> str:
    return INDICATORS[indicator][0]
