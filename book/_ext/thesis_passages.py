"""``{thesis}`passage-id```: cite the thesis at the passage a sentence rests on.

A sentence that reports what the thesis says names the passage of
``data/curated/thesis_passages.csv`` that says it; the role renders as the
bibliography's citation of the thesis with its section, "(Anonymous, 2020, § 2.3)",
exactly as ``{cite:p}`` would with a post-text (in the edition's language: "Введение"
for "Introduction"). An unknown passage is an error, so
the build cannot cite a passage that the table (and the tests that find each quote
in the thesis) does not hold.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from analysis.data import curated
from analysis.data.thesis import pinpoint
from analysis.presentation import language

THESIS_KEY = "thesis2020"


class ThesisRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        passages = curated.load("thesis_passages").set_index("id")
        if self.text not in passages.index:
            message = self.inliner.reporter.error(
                f"no thesis passage {self.text!r} in data/curated/thesis_passages.csv",
                line=self.lineno)
            return [nodes.problematic(self.rawtext, self.rawtext)], [message]
        section = passages.loc[self.text, "section"]
        cite = self.env.get_domain("cite").role("p")
        where = language.say(pinpoint(section), self.config.language or language.ENGLISH)
        return cite("cite:p", self.rawtext, f"{THESIS_KEY}{{{where}}}",
                    self.lineno, self.inliner, {}, [])


def setup(app: Sphinx) -> dict:
    app.add_role("thesis", ThesisRole())
    return {"parallel_read_safe": True, "parallel_write_safe": True}
