"""Appendix: every claim of the thesis that can be checked, and the verdict."""

from __future__ import annotations

import pandas as pd

from analysis.data import curated
from analysis.presentation import notebook
from analysis.presentation.claim_tables import claim_columns, claims_table
from analysis.topics import (
    claims,
)


def numbers() -> dict[str, object]:
    """Numbers quoted in the claims-audit appendix."""
    audited = claims.evaluate()
    return {"claims_total": len(audited),
            "claims_sections": int(audited["section"].nunique())}


def claims_summary() -> pd.DataFrame:
    """Number of claims per thesis section and verdict."""
    audited = claims.evaluate()
    table = audited.pivot_table(index="section", columns="verdict", values="claim_id",
                                aggfunc="count", fill_value=0)
    table = table.reindex(index=list(curated.SECTIONS), columns=list(claims.VERDICTS),
                          fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.rename_axis("Thesis section")


def section_claims(section: str) -> pd.DataFrame:
    """The checked claims of one thesis section ("2.1"), as its chapter shows them."""
    return claims_table(section)


def claims_audit() -> pd.DataFrame:
    """Every checked claim with its measurement, basis, verdict and source."""
    audited = claims.evaluate()
    return pd.DataFrame({"Section": audited["section"], **claim_columns(audited),
                         "Source": audited["source"]}).set_index(["Section",
                                                                  "Claim (paraphrased)"])


def setup() -> None:
    """Prepare this notebook (table display) and glue the numbers its text quotes."""
    notebook.setup(__name__, numbers)


# Every numbered figure and table of the notebook: label, function, caption.
EXHIBITS = notebook.inventory(
    notebook.Exhibit("tbl-claims-summary", claims_summary,
                     "Number of claims by thesis section and verdict."),
    notebook.Exhibit("tbl-claims-intro", section_claims,
                     "The claims of the Introduction, checked."),
    notebook.Exhibit("tbl-claims-1-1", section_claims,
                     "The claims of the thesis's section 1.1, checked."),
    notebook.Exhibit("tbl-claims-1-2", section_claims,
                     "The claims of the thesis's section 1.2, checked."),
    notebook.Exhibit("tbl-claims-2-1", section_claims,
                     "The claims of the thesis's section 2.1, checked."),
    notebook.Exhibit("tbl-claims-2-2", section_claims,
                     "The claims of the thesis's section 2.2, checked."),
    notebook.Exhibit("tbl-claims-2-3", section_claims,
                     "The claims of the thesis's section 2.3, checked."),
    notebook.Exhibit("tbl-claims-3-1", section_claims,
                     "The claims of the thesis's section 3.1, checked."),
    notebook.Exhibit("tbl-claims-3-2", section_claims,
                     "The claims of the thesis's section 3.2, checked."),
    notebook.Exhibit("tbl-claims-conclusion", section_claims,
                     "The claims of the Conclusion, checked."),
    notebook.Exhibit("tbl-claims-all", claims_audit,
                     "Every checked claim, with its measurement, basis, verdict and source."),
)
