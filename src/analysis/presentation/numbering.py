"""How the book numbers its chapters, figures and tables: one rule for the HTML and PDF
editions and for the replication list.

A chapter's label is its thesis section ("2.1"), "0" for the Introduction, "4" for
the Conclusion and a letter for each appendix. Figures and tables are counted
separately within their chapter, in the order the notebook shows them:
"Figure 2.1.3", "Table A.2". The Sphinx extension ``book/_ext/exhibits.py`` applies the
rule to the built book.
"""

from __future__ import annotations

import re

APPENDICES = {"89": "A", "90": "B", "91": "C"}  # notebook prefix -> appendix letter
KIND_NAMES = {"figure": "Figure", "table": "Table"}


def chapter_label(notebook_stem: str) -> str | None:
    """``21_security`` -> ``2.1``; ``00_introduction`` -> ``0``; ``40_conclusion`` -> ``4``;
    ``89_crisis_codebook`` -> ``A``; None for anything that is not a chapter notebook."""
    match = re.match(r"^(\d)(\d)_", notebook_stem)
    if not match:
        return None
    prefix = match.group(1) + match.group(2)
    if prefix in APPENDICES:
        return APPENDICES[prefix]
    return match.group(1) if match.group(2) == "0" else f"{match.group(1)}.{match.group(2)}"


def exhibit_numbers(labels: list[str], chapter: str) -> dict[str, str]:
    """Number the exhibits of one chapter, given their labels (``fig-...``/``tbl-...``)
    in order: ``{"fig-2-1-violence": "Figure 2.1.1", ...}``."""
    counts = {"figure": 0, "table": 0}
    numbers = {}
    for label in labels:
        kind = "table" if label.startswith("tbl-") else "figure"
        counts[kind] += 1
        numbers[label] = f"{KIND_NAMES[kind]} {chapter}.{counts[kind]}"
    return numbers
