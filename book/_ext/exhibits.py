"""The book's figures and tables, numbered by chapter in both editions.

The notebooks caption tables and figures alike through myst-nb's figure metadata, so
Sphinx sees only figures. This extension

* turns a captioned exhibit whose label starts with ``tbl-`` into a table exhibit,
  numbered and named as a table ("Table 2.1.2");
* numbers figures and tables within each chapter by the rule of
  :mod:`analysis.presentation.numbering` ("Figure 2.1.3"), for the HTML edition and its
  cross-references;
* gives each figure a written description (``{figure-description} fig-2-1-violence``,
  a paragraph under the figure that says what it shows, which the HTML edition makes
  its image's long description);
* in the PDF, sets each chapter's LaTeX number to the same label (so LaTeX's own
  chapter-based numbering gives the same numbers), takes the section number out of
  the chapter's title (no "Chapter 5 · 2.1"), and sets a table exhibit as a block that
  may break across pages, captioned as a table.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator

from analysis.presentation import numbering


class table_exhibit(nodes.figure):  # noqa: N801 (docutils names nodes in lower case)
    """A captioned table: a figure in docutils' eyes, a table in the book's."""


def _caption(node: nodes.Element) -> str:
    caption = next(node.findall(nodes.caption), None)
    return caption.astext() if caption is not None else ""


def mark_tables(app: Sphinx, doctree: nodes.document) -> None:
    for figure in list(doctree.findall(nodes.figure)):
        if type(figure) is nodes.figure and any(i.startswith("tbl-") for i in figure["ids"]):
            table = table_exhibit(figure.rawsource, *figure.children, **figure.attributes)
            figure.replace_self(table)
            for node_id in table["ids"]:  # cross-references find their target here
                doctree.ids[node_id] = table


class FigureDescription(SphinxDirective):
    """What a figure shows, in a sentence or two with the chapter's numbers: a block
    with the id ``<label>-description``, placed under the figure it describes."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        block = nodes.container(classes=["figure-description"],
                                ids=[f"{self.arguments[0]}-description"])
        self.state.nested_parse(self.content, self.content_offset, block)
        return [block]


def _chapter(docname: str) -> str | None:
    return numbering.chapter_label(PurePosixPath(docname).name)


def number_by_chapter(app: Sphinx, env) -> list[str]:
    """Replace Sphinx's figure numbers with the book's, after Sphinx assigned its own."""
    domain = env.domains["std"]
    changed = []
    for docname in sorted(env.found_docs):
        chapter = _chapter(docname)
        if chapter is None:
            continue
        doctree = env.get_doctree(docname)
        counts: dict[str, int] = {}
        numbers: dict[str, dict[str, tuple]] = {}
        for node in doctree.findall(nodes.figure):
            figtype = domain.get_enumerable_node_type(node)
            if figtype is None or not node["ids"]:
                continue
            counts[figtype] = counts.get(figtype, 0) + 1
            numbers.setdefault(figtype, {})[node["ids"][0]] = (chapter, counts[figtype])
        if env.toc_fignumbers.get(docname) != numbers:
            env.toc_fignumbers[docname] = numbers
            changed.append(docname)
    return changed


class ChapterTitles(SphinxPostTransform):
    """PDF only: "2.1 The SCO in ..." becomes "The SCO in ...", numbered 2.1 by LaTeX."""

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for start in self.document.findall(lambda n: n.tagname == "start_of_file"):
            chapter = _chapter(start["docname"])
            section = next(start.findall(nodes.section), None)
            if chapter is None or section is None:
                continue
            section["book_chapter"] = chapter
            title = section[0]
            text = title.astext()
            stripped = re.sub(rf"^{re.escape(chapter)}\s+", "", text)
            if stripped != text and isinstance(title[0], nodes.Text):
                title[0] = nodes.Text(re.sub(rf"^{re.escape(chapter)}\s+", "", title[0]))


class BookLaTeXTranslator(LaTeXTranslator):
    def visit_section(self, node: nodes.section) -> None:
        chapter = node.get("book_chapter")
        if chapter is not None:
            name = "Appendix" if chapter.isalpha() else "Chapter"
            self.body.append(rf"\renewcommand{{\chaptername}}{{{name}}}"
                             rf"\renewcommand{{\thechapter}}{{{chapter}}}" + "\n")
        super().visit_section(node)

    def visit_table_exhibit(self, node: table_exhibit) -> None:
        # a non-floating block (\captionof), which may break across pages
        self._was_in_minipage = getattr(self, "_was_in_minipage", [])
        self._was_in_minipage.append(self.in_minipage)
        self.in_minipage = 1
        self.visit_figure(node)

    def depart_table_exhibit(self, node: table_exhibit) -> None:
        self.depart_figure(node)
        self.in_minipage = self._was_in_minipage.pop()

    def visit_caption(self, node: nodes.Element) -> None:
        if isinstance(node.parent, table_exhibit):
            self.in_caption += 1
            self.body.append(r"\captionof{table}{")
        else:
            super().visit_caption(node)


def setup(app: Sphinx) -> dict:
    app.add_enumerable_node(
        table_exhibit, "table", _caption,
        html=(HTML5Translator.visit_figure, HTML5Translator.depart_figure),
        latex=(BookLaTeXTranslator.visit_table_exhibit,
               BookLaTeXTranslator.depart_table_exhibit),
        text=(lambda self, node: self.visit_figure(node),
              lambda self, node: self.depart_figure(node)))
    app.add_directive("figure-description", FigureDescription)
    app.connect("doctree-read", mark_tables)
    app.connect("env-get-updated", number_by_chapter, priority=900)
    app.add_post_transform(ChapterTitles)
    app.set_translator("latex", BookLaTeXTranslator, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
