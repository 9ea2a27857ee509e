"""The tiers of the sites and works that the curated tables cite, and the rule they enforce.

``data/source_tiers.csv`` classifies every site (a host name, which covers its
subdomains) and every key of ``book/references.bib`` that a curated table cites:

- **tier A**: primary documents and official sites (governments, ministries, embassies,
  parliaments, international organisations), legal databases, academic work and
  datasets, established research institutes, wire services and newspapers of record;
- **tier B**: regional and lesser press, lesser think tanks and NGOs, reference works,
  copies of documents, and state outlets known for propaganda (kind
  ``state_propaganda``, shown as such);
- **tier C**: Wikipedia and its mirrors, content farms, AI-written pages, blogs, forums,
  document dumps, aggregators, proxies, partisan sites and bare IP addresses. A tier-C
  site may be kept as a lead, but it never supports a fact.

The rule, checked whenever a curated table is read: every site a row cites (in its
sources or its notes) is classified, so that a new site is classified once, on
purpose; a source column cites no tier-C site, so that no row rests on tier C, alone
or in part (a lead is kept in the notes, "Leads (tier C, not evidence): ..."); and a
``verified`` row has a tier-A source (otherwise it is at most ``inferred``). Copies of
documents are tier B or C, so a document is cited from its publisher (a treaty series,
a ministry, the organisation) or from a report of record, never from a copy alone.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.data import curated_csv

TIERS_CSV = paths.DATA_DIR / "source_tiers.csv"
# The sources of every curated row as an examiner counted them (tools/source_baseline.py)
BASELINE_CSV = paths.DATA_DIR / "source_baseline.csv"

KINDS = {
    "A": ("official", "intergovernmental", "legal_database", "academic", "dataset",
          "research_institute", "wire", "newspaper_of_record", "thesis"),
    "B": ("press", "state_propaganda", "think_tank", "ngo", "reference", "trade_press",
          "document_copy", "official_unconfirmed"),
    "C": ("wikipedia", "wiki_mirror", "content_farm", "ai_page", "study_aid", "blog",
          "forum", "document_dump", "aggregator", "press_release", "proxy", "partisan",
          "ip_address"),
}
_URL = re.compile(r"https?://[^\s,;)\"'\]]+")
_SITE = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")
_BIBKEY = re.compile(r"^[A-Za-z][\w:-]*$")  # a references.bib key (these have no dot)


@dataclass(frozen=True)
class Site:
    """One row of the tier table."""

    site: str
    tier: str
    kind: str


def read(file: Path | str = TIERS_CSV) -> dict[str, Site]:
    """The tier table, checked: a known tier, a kind of that tier, no site twice."""
    file = Path(file)
    problems, sites = [], {}
    for line, fields, _ in curated_csv.records(file)[1:]:
        if len(fields) != 4:
            problems.append(f"{file}, line {line}: expected 4 fields (site, tier, kind, "
                            f"notes), found {len(fields)}")
            continue
        site, tier, kind, _notes = fields
        if not (_SITE if "." in site else _BIBKEY).match(site):
            problems.append(f"{file}, line {line}: {site!r} is neither a host name in "
                            "lower case nor a references.bib key")
        elif tier not in KINDS:
            problems.append(f"{file}, line {line}: tier {tier!r} is not A, B or C")
        elif kind not in KINDS[tier]:
            problems.append(f"{file}, line {line}: kind {kind!r} is not a kind of tier "
                            f"{tier} ({', '.join(KINDS[tier])})")
        elif site in sites:
            problems.append(f"{file}, line {line}: site {site!r} is classified twice")
        else:
            sites[site] = Site(site, tier, kind)
    if problems:
        raise curated_csv.invalid(problems)
    return sites


@cache
def table() -> dict[str, Site]:
    return read()


def host(url: str) -> str:
    """The host of ``url`` in lower case, without a trailing dot."""
    return (urllib.parse.urlsplit(url).hostname or "").rstrip(".")


def classify(reference: str, sites: dict[str, Site] | None = None) -> Site | None:
    """The entry for a URL (its host or the nearest parent domain) or a bibliography
    key, or None when it is not classified."""
    sites = table() if sites is None else sites
    if not reference.startswith(("http://", "https://")):
        return sites.get(reference)
    labels = host(reference).split(".")
    for start in range(len(labels)):
        if (found := sites.get(".".join(labels[start:]))) is not None:
            return found
    return None


def references(cell) -> list[str]:
    """The references of a source cell (URLs or bibliography keys, separated by ';')."""
    if pd.isna(cell):
        return []
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def links(text) -> list[str]:
    """The URLs written in a free-text cell such as the notes."""
    return [] if pd.isna(text) else _URL.findall(str(text))


def best_tier(cells, sites: dict[str, Site] | None = None) -> str | None:
    """The best tier among the references of ``cells`` (None: no reference at all)."""
    tiers = [found.tier for cell in cells for reference in references(cell)
             if (found := classify(reference, sites)) is not None]
    return min(tiers) if tiers else None


def _described(found: list[tuple[str, Site]]) -> str:
    return ", ".join(f"{site.site} {site.tier} {site.kind}" for _, site in found)


def problems(frame: pd.DataFrame, source_columns: tuple[str, ...],
             note_columns: tuple[str, ...],
             sites: dict[str, Site] | None = None) -> list[tuple[int, str]]:
    """Each breach of the rule, as (row position, message)."""
    found_problems = []
    for position, (_, row) in enumerate(frame.iterrows()):
        cited: list[tuple[str, Site]] = []
        for column in (*source_columns, *note_columns):
            cells = references(row[column]) if column in source_columns else links(row[column])
            for reference in cells:
                site = classify(reference, sites)
                if site is None:
                    name = host(reference) if reference.startswith("http") else reference
                    found_problems.append((position, (
                        f"column {column!r}: site {name!r} is not classified; add it to "
                        f"data/source_tiers.csv with its tier")))
                elif column in source_columns:
                    cited.append((reference, site))
        leads = [(reference, site) for reference, site in cited if site.tier == "C"]
        if leads:
            found_problems.append((position, (
                f"tier-C source ({_described(leads)}): a tier-C site is a lead, not "
                "evidence; cite a tier-A or tier-B source and keep the lead in the notes")))
        if not cited or row["verification"] != "verified":
            continue
        if not any(site.tier == "A" for _, site in cited):
            found_problems.append((position, (
                f"a 'verified' row needs a tier-A source (it cites {_described(cited)}); "
                "cite one, or mark the row 'inferred' and say why in its notes")))
    return found_problems
