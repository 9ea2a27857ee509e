"""The book in each of its languages: glued numbers in the edition's own format, and a
switch on every page to the same page in the other edition.

- ``{glue:text}`key:.2f``` is resolved here rather than by myst-nb, in both editions:
  myst-nb's role loses a same-notebook value inside a translated paragraph (the
  translation is parsed without the notebook), and prints numbers the English way. This
  role leaves a placeholder that is filled after reading, from the glue data myst-nb
  stores for each notebook, formatted as myst-nb formats it and then said in the
  edition's language (:func:`analysis.presentation.language.say`: ``0.46`` is
  ``0,46`` in Russian). The English edition prints exactly what myst-nb printed.
- ``book_editions`` names the folder of each edition within the site (English at the
  root, Russian under ``ru/``); every page links to itself in the others.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from docutils import nodes
from myst_nb.core.variables import format_plain_text
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from analysis.presentation import language

LOGGER = logging.getLogger(__name__)
NAMES = {"en": "English", "ru": "Русский"}  # each language in its own words


class glued_text(nodes.Inline, nodes.Element):  # noqa: N801 (docutils names nodes so)
    """A glued value to be filled in once every notebook has been read."""


class GluedText(SphinxRole):
    """``{glue:text}`[notebook.ipynb::]key[:format]``` (myst-nb's syntax)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        key, spec = (self.text.rsplit(":", 1) + ["s"])[:2]  # as myst-nb reads it
        document, _, name = key.rpartition("::")
        refdoc = self.env.docname
        if document:
            refdoc = self.env.path2doc(self.env.relfn2path(document, self.env.docname)[1])
            if refdoc is None:
                return [], [self.inliner.reporter.warning(
                    f"glue: no notebook {document!r}", line=self.lineno)]
        node = glued_text(self.rawtext, refdoc=refdoc, key=name, spec=spec)
        self.set_source_info(node)
        return [node], []


def _glue_data(folder: str, docname: str, cache: dict) -> dict:
    if docname not in cache:
        path = Path(folder, *docname.split("/")).with_suffix(".glue.json")
        cache[docname] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return cache[docname]


class FillGluedText(SphinxPostTransform):
    """Each placeholder replaced by its value, in the edition's language."""

    default_priority = 4  # before myst-nb's own glue references (5)

    def run(self, **kwargs) -> None:
        folder = self.env.mystnb_config.output_folder
        edition = self.config.language or language.ENGLISH
        cache: dict = {}
        for node in list(self.document.findall(glued_text)):
            data = _glue_data(folder, node["refdoc"], cache).get(node["key"])
            if data is None or "text/plain" not in data.get("data", {}):
                LOGGER.warning(f"glue: no value {node['key']!r} in {node['refdoc']!r}",
                               location=node, type="mystnb", subtype="glue")
                node.parent.remove(node)
                continue
            text = format_plain_text(data["data"]["text/plain"], node["spec"])
            text = language.say(text, edition)
            node.replace_self(nodes.inline(text, text, classes=[  # which value: for tests
                "pasted-text", f"glued-{node['refdoc'].rpartition('/')[2]}--{node['key']}"]))


def edition_url(pagename: str, source: str, target: str, folders: dict[str, str]) -> str:
    """The relative address, from page ``pagename`` of edition ``source``, of the same
    page in edition ``target``."""
    up = "../" * (pagename.count("/") + (1 if folders[source] else 0))
    folder = f"{folders[target]}/" if folders[target] else ""
    return f"{up}{folder}{pagename}.html"


def add_switch(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """A link at the top of every page to the same page in each other edition, and the
    alternates search engines read."""
    if app.builder.format != "html" or doctree is None and pagename != "search":
        return
    folders = {edition: folder for edition, folder in app.config.book_editions.items()
               if language.has_edition(Path(app.srcdir), edition)}
    here = app.config.language or language.ENGLISH
    if folders.keys() <= {here}:
        return  # a book in one language has nothing to switch to
    links, alternates = [], []
    for other in folders:
        if other == here:
            continue
        url = html.escape(edition_url(pagename, here, other, folders))
        links.append(f'<a class="edition-link" href="{url}" hreflang="{other}" '
                     f'lang="{other}">{NAMES[other]}</a>')
        alternates.append(f'<link rel="alternate" hreflang="{other}" href="{url}">')
    label = "Язык" if here == "ru" else "Language"
    context["body"] = (f'<nav class="edition-switch" aria-label="{label}">{"".join(links)}'
                       "</nav>\n" + context.get("body", ""))
    context["metatags"] = context.get("metatags", "") + "\n".join(alternates)


def start_collecting(app: Sphinx) -> None:
    """Gather the messages the edition's own words look up (saved by
    :func:`save_messages` for ``python -m tools.translations extract``)."""
    app.book_messages = language.start_collecting()


def save_messages(app: Sphinx, exception: Exception | None) -> None:
    """``said-<builder>.json`` beside the site: each message this build looked up in the
    exhibits' catalogue (where: ``sphinx``)."""
    language.stop_collecting(app.book_messages)
    if exception is None and (app.config.language or language.ENGLISH) != language.ENGLISH:
        said = {message: ["sphinx"] for message in sorted(app.book_messages)}
        Path(app.outdir).parents[1].joinpath(f"said-{app.builder.name}.json").write_text(
            json.dumps(said, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.add_config_value("book_editions", {"en": "", "ru": "ru"}, "html")
    app.add_node(glued_text)
    app.add_role_to_domain("glue", "text", GluedText(), override=True)
    app.add_post_transform(FillGluedText)
    app.connect("html-page-context", add_switch)
    app.connect("builder-inited", start_collecting)
    app.connect("build-finished", save_messages, priority=900)  # after the pages are mended
    return {"parallel_read_safe": True, "parallel_write_safe": True}
