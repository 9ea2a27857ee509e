"""Links whose text is a URL: the target as written, and text that fits the PDF's lines.

MyST (myst-parser 3.0.1) leaves a URL's ``&`` HTML-escaped in the target of a link it
parses from Markdown (``<https://host/page?a=1&b=2>`` links to ``...a=1&amp;b=2``):
online the target is escaped again and the link is broken. Each target is restored
when a page is read.

In the PDF, a link whose text is its target is set with ``\\url``, which may break
anywhere (the preamble loads xurl). A URL with letters outside ASCII is percent-encoded
in the target but readable in the text, so LaTeX sets the text as a word it cannot
break, and a long one runs off the page; the text gets a break point after each ``/``,
``_``, ``-``, ``.``, ``?``, ``&`` and ``=``. So does a link named by its site (the
tables' sources, "karabakhspace.commonspace.eu"), which may open a narrow cell, where
TeX cannot hyphenate it.
"""

from __future__ import annotations

import re
import urllib.parse

from docutils import nodes
from sphinx.application import Sphinx

BREAK_AFTER = re.compile(r"(?<=[/_\-.?&=])")


def restore_ampersands(app: Sphinx, doctree: nodes.document) -> None:
    for reference in doctree.findall(nodes.reference):
        target = reference.get("refuri", "")
        if "&amp;" in target:
            reference["refuri"] = target.replace("&amp;", "&")


def breakable_url_texts(app: Sphinx, doctree: nodes.document) -> None:
    if app.builder.format != "latex":
        return
    for reference in list(doctree.findall(nodes.reference)):
        text, target = reference.astext(), reference.get("refuri", "")
        host = (urllib.parse.urlsplit(target).hostname or "").removeprefix("www.")
        named_by_site = "." in text and text == host
        if (not (text.startswith(("http://", "https://")) or named_by_site)
                or text == target or len(reference.children) != 1
                or not isinstance(reference[0], nodes.Text)):
            continue
        parts = [part for part in BREAK_AFTER.split(text) if part]
        pieces: list[nodes.Node] = []
        for part in parts:
            pieces += [nodes.Text(part), nodes.raw("", r"\allowbreak{}", format="latex")]
        reference.children = []
        reference.extend(pieces[:-1])


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", restore_ampersands)
    app.connect("doctree-read", breakable_url_texts)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
