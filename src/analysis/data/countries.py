"""Country names to ISO 3166-1 alpha-3, for sources that identify states by name only.

Used once, at the loader boundary, for SIPRI and for Our World in Data files without
codes. A name is matched exactly against, in order: the spellings below that differ
from the standards, the World Bank's country names, and the ISO names (short, common
and official) in pycountry. Anything else (regions, non-state actors, states that no
longer exist) has no code and is reported by the loaders, never guessed.
"""

from __future__ import annotations

from functools import cache

import pycountry

from analysis.data.sources import wdi

# Spellings used by SIPRI and Our World in Data that match neither standard.
SPELLINGS = {
    "Russia": "RUS", "Iran": "IRN", "Syria": "SYR", "Laos": "LAO", "Vietnam": "VNM",
    "Turkey": "TUR", "Türkiye": "TUR", "Moldova": "MDA", "Tanzania": "TZA",
    "Bolivia": "BOL", "Venezuela": "VEN", "Brunei": "BRN", "Taiwan": "TWN",
    "Korea, South": "KOR", "Korea, North": "PRK", "South Korea": "KOR", "North Korea": "PRK",
    "Congo, DR": "COD", "DR Congo": "COD", "Democratic Republic of Congo": "COD",
    "Congo, Republic": "COG", "Congo": "COG", "Cote d'Ivoire": "CIV", "Côte d'Ivoire": "CIV",
    "Cape Verde": "CPV", "Czechia": "CZE", "Czech Republic": "CZE", "Timor": "TLS",
    "Timor-Leste": "TLS", "East Timor": "TLS", "Micronesia (country)": "FSM",
    "Gambia": "GMB", "Gambia, The": "GMB", "Bahamas": "BHS", "Bahamas, The": "BHS",
    "Kyrgyzstan": "KGZ", "Slovakia": "SVK", "Macedonia": "MKD", "North Macedonia": "MKD",
    "Palestine": "PSE", "Eswatini": "SWZ", "Swaziland": "SWZ", "UAE": "ARE",
    "Bosnia-Herzegovina": "BIH", "Kosovo": "XKX", "Yemen": "YEM", "Egypt": "EGY",
    "Myanmar": "MMR", "Burma": "MMR", "Micronesia": "FSM", "eSwatini": "SWZ",
    "Saint Vincent": "VCT",
}


@cache
def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("official_name", "common_name", "name"):
            name = getattr(country, attribute, None)
            if name:
                table[name] = country.alpha_3
    population = wdi.load("SP.POP.TOTL")[["country", "iso3"]].drop_duplicates()
    table.update(dict(zip(population["country"], population["iso3"], strict=True)))
    table.update(SPELLINGS)
    return table


def iso3_from_name(name: str) -> str | None:
    """ISO3 of a state's name, or None when the name is not a current state."""
    return _lookup().get(name.strip())


# The short English names the book's prose and figures use, where ISO's differ.
SHORT_NAMES = {"RUS": "Russia", "IRN": "Iran", "KOR": "South Korea", "PRK": "North Korea",
               "SYR": "Syria", "VNM": "Vietnam", "LAO": "Laos", "TUR": "Turkey",
               "MDA": "Moldova", "BOL": "Bolivia", "VEN": "Venezuela", "TZA": "Tanzania",
               "USA": "United States", "GBR": "United Kingdom"}


def short_name(iso3: str) -> str:
    """The common English name of a state: "Russia", "Kyrgyzstan", "Iran"."""
    if iso3 in SHORT_NAMES:
        return SHORT_NAMES[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise KeyError(f"unknown ISO3 code {iso3!r}")
    return getattr(country, "common_name", country.name)


def names(codes: str) -> str:
    """A list of ISO3 codes as written in the curated tables ("KAZ; CHN" or "KAZ, CHN") as
    the states' names, for a reader: "Kazakhstan, China"."""
    return ", ".join(short_name(code.strip()) for code in codes.replace(";", ",").split(",")
                     if code.strip())
