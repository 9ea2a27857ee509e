"""The source rule: classified sites only, no tier-C source, a tier-A source for every
verified row; and the tier table itself."""

from __future__ import annotations

import subprocess

import pytest

from analysis import paths
from analysis.data import curated, curated_csv, source_tiers
from analysis.data.curated_checks import bibliography_keys
from analysis.topics import sources
from tools import source_baseline

TASS = "https://tass.com/world/1513059"  # tier A, wire
ASTANA_TIMES = "https://astanatimes.com/2024/10/x/"  # tier B, press
LEXICALS = "https://lexicals.info/nato-members"  # tier C, AI-written page


def _row(source: str, verification: str = "verified", notes: str = "") -> dict:
    return {"org_id": "csto", "member_states": "6", "as_of": "2025-11-27", "source": source,
            "verification": verification, "notes": notes}


def _problems(curated_csv_file) -> str:
    with pytest.raises(curated_csv.CuratedDataError) as error:
        curated.read_csv(curated_csv_file, "organisation_sizes")
    return str(error.value)


def test_a_row_citing_tier_c_alone_is_refused(curated_csv):
    message = _problems(curated_csv("organisation_sizes", [_row(LEXICALS, "inferred", "x")]))
    assert "line 2: tier-C source (lexicals.info C ai_page)" in message


def test_a_tier_c_source_beside_a_good_one_is_refused_too(curated_csv):
    message = _problems(curated_csv("organisation_sizes", [_row(f"{TASS} ; {LEXICALS}")]))
    assert "keep the lead in the notes" in message


def test_a_lead_in_the_notes_is_allowed(curated_csv):
    file = curated_csv("organisation_sizes", [_row(TASS, notes=f"Leads (tier C): {LEXICALS}.")])
    assert len(curated.read_csv(file, "organisation_sizes")) == 1


def test_a_verified_row_needs_a_tier_a_source(curated_csv):
    message = _problems(curated_csv("organisation_sizes", [_row(ASTANA_TIMES)]))
    assert "a 'verified' row needs a tier-A source (it cites astanatimes.com B press)" in message


def test_an_inferred_row_may_rest_on_tier_b(curated_csv):
    file = curated_csv("organisation_sizes", [_row(ASTANA_TIMES, "inferred", "only tier B")])
    assert curated.read_csv(file, "organisation_sizes")["source"].iloc[0] == ASTANA_TIMES


@pytest.mark.parametrize("column", ["source", "notes"])
def test_an_unclassified_site_is_refused_wherever_it_is_cited(curated_csv, column):
    row = _row(TASS, notes="")
    row[column] = ((row[column] + " ; ") if column == "source" else "see ") + \
        "https://unknown-site.example/page"
    message = _problems(curated_csv("organisation_sizes", [row]))
    assert (f"line 2: column {column!r}: site 'unknown-site.example' is not classified; add "
            "it to data/source_tiers.csv") in message


def test_a_site_covers_its_subdomains_and_a_trailing_dot():
    assert source_tiers.classify("https://rus.azattyk.org/a/1.html").site == "azattyk.org"
    assert source_tiers.classify("http://cacianalyst.org./x").tier == "A"
    assert source_tiers.classify("https://sv.qaz.wiki/wiki/x").kind == "wiki_mirror"
    assert source_tiers.classify("https://notazattyk.org/") is None  # labels, not letters


def test_bibliography_keys_are_classified_and_every_key_is():
    assert source_tiers.classify("thesis2020").kind == "thesis"
    keys = bibliography_keys()
    unclassified = sorted(key for key in keys if source_tiers.classify(key) is None)
    assert not unclassified, f"references.bib keys missing from the tier table: {unclassified}"


@pytest.mark.parametrize(("line", "problem"), [
    ("tass.com,D,wire,", "tier 'D' is not A, B or C"),
    ("tass.com,A,blog,", "kind 'blog' is not a kind of tier A"),
    ("Tass.com,A,wire,", "neither a host name in lower case"),
    ("tass.com,A,wire", "expected 4 fields"),
])
def test_the_tier_table_refuses_bad_rows(tmp_path, line, problem):
    file = tmp_path / "tiers.csv"
    file.write_text(f"site,tier,kind,notes\n{line}\n", encoding="utf-8")
    with pytest.raises(curated_csv.CuratedDataError, match=problem):
        source_tiers.read(file)


def test_the_tier_table_refuses_a_site_classified_twice(tmp_path):
    file = tmp_path / "tiers.csv"
    file.write_text("site,tier,kind,notes\ntass.com,A,wire,\ntass.com,B,press,\n",
                    encoding="utf-8")
    with pytest.raises(curated_csv.CuratedDataError, match="line 3: site 'tass.com' is "
                                                           "classified twice"):
        source_tiers.read(file)


def test_every_site_of_the_tier_table_is_cited_somewhere():
    """The table classifies what the book cites (and the baseline cited), nothing else."""
    cited = {source_tiers.classify(ref).site
             for rows in (sources.rows_now(), sources.rows_before())
             for refs in rows["references"] for ref in refs}
    for name in curated.SCHEMAS:
        table = curated.load(name)
        cited |= {source_tiers.classify(url).site for column in table
                  for cell in table[column] for url in source_tiers.links(cell)}
    unused = set(source_tiers.table()) - cited - bibliography_keys()
    assert not unused, f"sites classified but cited nowhere: {sorted(unused)}"


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=paths.REPO_ROOT, capture_output=True, text=True)


def test_the_baseline_is_what_the_tool_makes_from_its_commit():
    if _git("cat-file", "-e", f"{sources.BASELINE_COMMIT}^{{commit}}").returncode:
        if _git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
            pytest.skip("a shallow clone lacks the baseline's commit; clone with history")
        pytest.fail(f"commit {sources.BASELINE_COMMIT} of the baseline is not in this clone")
    expected = source_tiers.BASELINE_CSV.read_text(encoding="utf-8")
    assert source_baseline.baseline(sources.BASELINE_COMMIT) == expected
