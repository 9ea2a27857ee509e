"""Appendix: every claim of the thesis that can be checked, and the verdict."""

from __future__ import annotations

import pandas as pd

from analysis.data import curated
from analysis.presentation import notebook
from analysis.presentation.claim_tables import (  # the notebook shows each section's claims
    claim_columns,
    claims_table,  # noqa: F401
)
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
)
