"""An author-year bibliography, sorted by author, year and title, to match the text.

The chapters cite author-year ("Anonymous, 2020"); this pybtex style labels and sorts
the bibliography the same way, so a reader finds "[Anonymous, 2020]" in the list
under A, not as entry [7]. Registered as the pybtex style ``authoryear``.
"""

from __future__ import annotations

from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting.author_year_title import SortingStyle
from sphinx.application import Sphinx


def _surname(person) -> str:
    return " ".join(person.prelast_names + person.last_names).replace("{", "").replace("}", "")


def author_label(entry) -> str:
    """"World Bank", "Sundberg and Melander", "Davies et al." as the text cites them."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_surname(person) for person in people]
    if not names:
        return entry.fields.get("key", entry.key)
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield f"{author_label(entry)}, {entry.fields.get('year', 'n.d.')}"


class AuthorYearSorting(SortingStyle):
    """pybtex's author-year-title order, with BibTeX's braces ("{World Bank}") ignored:
    a brace would sort every corporate author after Z."""

    def person_key(self, person) -> str:
        return super().person_key(person).replace("{", "").replace("}", "")


class AuthorYearStyle(UnsrtStyle):
    default_sorting_style = AuthorYearSorting
    default_label_style = AuthorYearLabels


def setup(app: Sphinx) -> dict:
    register_plugin("pybtex.style.formatting", "authoryear", AuthorYearStyle)
    # sphinxcontrib-bibtex asks pybtex for its plain-text backend at every citation, and
    # pybtex looks it up in every installed distribution's entry points each time (about
    # 1.5 s a build). Registered at run time (the class its entry point names), it is
    # found at once.
    register_plugin("pybtex.backends", "plaintext", PlainTextBackend, force=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
