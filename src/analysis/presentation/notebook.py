"""What every section notebook uses: set-up, glue, and the inventory of its exhibits.

A section module's ``setup()`` calls :func:`setup` with its ``numbers``; its
``EXHIBITS`` (made with :func:`inventory`) name each numbered figure and table, the
function that draws it and its caption, which the notebook's cell metadata, the
replication appendix and the README's list of figures all follow.

Floats are rounded to :data:`SIGNIFICANT_DIGITS` significant digits before they
are glued or printed. The book never shows more than four, and the last digits of
a full-precision float differ between CPUs (NumPy picks wider SIMD kernels where
the processor has them), which would make the stored outputs fail nbval on a
reviewer's machine. Noise in the 13th digit changes a 6-digit rounding only for a
value within about 1e-13 of a rounding boundary.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from IPython.core.formatters import format_display_data
from IPython.display import display as show
from matplotlib_inline.backend_inline import set_matplotlib_formats

from analysis import provenance
from analysis.presentation import display, language, style

SIGNIFICANT_DIGITS = 6


def meaningful(value: object) -> object:
    """``value`` as a plain Python object holding only the digits the book can mean:
    a NumPy scalar becomes its Python equivalent, a float keeps six significant digits."""
    value = value.item() if hasattr(value, "item") else value
    if isinstance(value, float) and math.isfinite(value):
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    return value


# myst-nb's glue, kernel side: an output whose metadata names the value, its MIME types
# prefixed so that the notebook itself shows nothing. It is written out here because
# importing myst_nb costs every kernel 1.3 s (nbformat imports jsonschema, which compiles
# an IRI grammar); tests/unit/test_notebook_outputs.py checks that it stays the same
# output as myst_nb.glue(name, value, display=False).
GLUE_PREFIX = "application/papermill.record/"


def glue(name: str, value: object) -> None:
    """Glue ``value`` under ``name`` for the text to cite, showing nothing here."""
    bundle, metadata = format_display_data(value)
    metadata["scrapbook"] = {"name": name, "mime_prefix": GLUE_PREFIX}
    show({GLUE_PREFIX + kind: data for kind, data in bundle.items()}, raw=True,
         metadata=metadata)


def glue_all(values: dict[str, object]) -> None:
    """Glue each value under its name (hidden here, shown where the text cites it)."""
    for name, value in values.items():
        value = meaningful(value)
        glue(name, value)
        print(f"{name} = {value!r}")


def setup(section: str, numbers: Callable[[], dict[str, object]] | None = None) -> None:
    """Set up the notebook of ``section`` (``analysis.sections.s22_economy``): show tables
    in full, and also as MyST list-tables for the PDF edition; show figures as SVG
    (:data:`analysis.presentation.style.SVG_OUTPUT`); in a book build, record
    the inputs of this execution (:mod:`analysis.provenance`); then glue the values
    ``numbers()`` returns, the numbers the notebook's text quotes. Figures and tables
    are drawn in the language ``SCO_LANGUAGE`` names (English by default), and also in
    the book's other editions."""
    provenance.record_on_exit(section.rpartition(".")[2].removeprefix("s"))
    language.choose(os.environ.get("SCO_LANGUAGE", language.ENGLISH))
    pd.set_option("display.max_colwidth", None)  # tables are read in full: never elide
    pd.set_option("display.max_rows", 200)
    set_matplotlib_formats("svg", **style.SVG_OUTPUT)
    display.register()  # after: setting the figure formats drops every formatter of figures
    if numbers is not None:
        glue_all(numbers())


@dataclass(frozen=True)
class Exhibit:
    """A numbered figure or table: its label (``fig-...`` or ``tbl-...``), the section
    function that draws it, and its caption."""

    label: str
    draw: Callable
    caption: str

    @property
    def kind(self) -> str:
        return "table" if self.label.startswith("tbl-") else "figure"

    @property
    def function(self) -> str:
        return f"{self.draw.__module__}.{self.draw.__qualname__}"


def inventory(*exhibits: Exhibit) -> dict[str, Exhibit]:
    """The exhibits of one notebook by label, in the order the notebook shows them."""
    labels = [exhibit.label for exhibit in exhibits]
    duplicated = sorted({label for label in labels if labels.count(label) > 1})
    if duplicated:
        raise ValueError(f"an exhibit label is used twice: {', '.join(duplicated)}")
    return {exhibit.label: exhibit for exhibit in exhibits}
