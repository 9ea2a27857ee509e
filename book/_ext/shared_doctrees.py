"""Numbered references read the page they point to once, not once per reference.

Sphinx 7.4 resolves each ``{numref}`` by unpickling the whole doctree of the page that
holds its target (up to 40 ms for a page with figures), only to read the number and
caption of one node: 72 such references took 3 s of the English edition's 7 s of
writing, and as long again in the Russian one. They only read what they load, so each
page is unpickled once per writing phase and shared by every reference into it. The
pages themselves are still written from a fresh copy of their own doctree.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment

_RESOLVE_NUMREF = StandardDomain._resolve_numref_xref
_read: dict[str, nodes.document] = {}  # docname -> its doctree, read-only, this phase


def _resolve_numref_xref(self: StandardDomain, env: BuildEnvironment, *args):
    def read_once(docname: str) -> nodes.document:
        if docname not in _read:
            _read[docname] = BuildEnvironment.get_doctree(env, docname)
        return _read[docname]

    env.get_doctree = read_once  # for this call only
    try:
        return _RESOLVE_NUMREF(self, env, *args)
    finally:
        del env.get_doctree


def forget(*_args) -> None:
    """The doctrees may have been read again: share none read before."""
    _read.clear()


def setup(app: Sphinx) -> dict:
    StandardDomain._resolve_numref_xref = _resolve_numref_xref
    app.connect("env-updated", forget)
    app.connect("build-finished", forget)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
