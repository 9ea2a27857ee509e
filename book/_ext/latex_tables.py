"""Sphinx extension for the PDF edition: a table captioned as a figure does not float.

The notebooks caption some tables as figures (``tbl-...``), so the HTML and the PDF
number them with the figures. LaTeX puts a figure in a float, and a float cannot
break across pages: a long table ran off the page. For a figure that holds a table,
this translator writes a non-floating centred block with ``\\captionof{figure}``,
the environment Sphinx itself uses for figures inside minipages, so the table can
break across pages and keeps its figure number and label.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.latex import LaTeXTranslator


class TableFigureTranslator(LaTeXTranslator):
    def visit_figure(self, node: nodes.figure) -> None:
        self._was_in_minipage = getattr(self, "_was_in_minipage", [])
        self._was_in_minipage.append(self.in_minipage)
        if not self.table and next(node.findall(nodes.table), None) is not None:
            self.in_minipage = 1  # Sphinx: \begin{center} ... \captionof{figure}
        super().visit_figure(node)

    def depart_figure(self, node: nodes.figure) -> None:
        super().depart_figure(node)
        self.in_minipage = self._was_in_minipage.pop()


def setup(app: Sphinx) -> dict:
    app.set_translator("latex", TableFigureTranslator, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
