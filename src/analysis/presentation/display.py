"""How the book's tables print online, and what every notebook registers for them.

Online, a DataFrame is an HTML table of the book's own (:func:`html_table`): one header
row (the columns in :func:`analysis.presentation.cells.printed` order: the index first,
so there is no empty row for its name, then a verdict or verification column, so that
a phone shows it), numbers right-aligned with thousands separators, text left-aligned
and wrapping, verdicts and verification statuses marked by a class the stylesheet
colours, and the whole in a wrapper that scrolls sideways on a narrow screen. Each
frame also carries its PDF form (:mod:`analysis.presentation.pdf_table`) and its CSV,
which the book offers for download. Every notebook's set-up
(:func:`analysis.presentation.notebook.setup`) calls :func:`register`.
"""

from __future__ import annotations

import html
import numbers
import re
import sys

import pandas as pd

from analysis.data.curated_checks import VERIFICATION
from analysis.presentation import language
from analysis.presentation.cells import DATE, URL, printed, site
from analysis.presentation.language import ENGLISH, say
from analysis.presentation.pdf_table import list_table

TABLE_CLASS = "book-table"  # the class of the book's HTML tables (book/_static/book.css)


# Cell values that judge something: a class each, which book/_static/book.css colours
# (the word itself stays, so colour is never the only signal). They are the verdicts of
# topics.claims and topics.scorecard and the verification labels; the presentation layer
# does not import those topics (every notebook would then depend on them), so a test
# checks that this list covers them.
JUDGEMENTS = ("supported", "mixed", "not supported", "contradicted", "outdated",
              "unverifiable", "cannot be tested", "verified", "sources disagree", "inferred")
NUMBER = re.compile(r"^[-+\u2212]?\d[\d,]*(\.\d+)?\s?%?$")


def _is_year_column(values: pd.Series) -> bool:
    """Whole numbers that are all years (1800-2100) are printed without a separator."""
    numeric = pd.to_numeric(values, errors="coerce")
    return bool(numeric.notna().all() and (numeric % 1 == 0).all()
                and numeric.between(1800, 2100).all())


def _cell(value: object, years: bool, lang: str = ENGLISH) -> tuple[str, str]:
    """(class, HTML) of one cell, in the edition of ``lang``."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return "num", language.localise(str(value) if years else f"{value:,}", lang)
    if isinstance(value, float) and not pd.isna(value):
        if years and value % 1 == 0:
            return "num", str(int(value))
        return "num", language.localise(f"{value:,.0f}" if abs(value) >= 1e5
                                        else f"{value:,.6g}", lang)
    text = "" if pd.isna(value) else str(value)
    if NUMBER.match(text):  # a number written as text, or a section ("1.1") as it is
        return "num", html.escape(language.say_cell(text, lang))
    if text.lower() in JUDGEMENTS:  # classed by the English word, in either edition
        return (f"judgement judgement-{text.lower().replace(' ', '-')}",
                html.escape(say(text, lang)))
    if "\n" in text:  # items on lines of their own: a list
        return "text", "<ul>" + "".join(f"<li>{_html_text(item, lang)}</li>"
                                        for item in text.split("\n") if item) + "</ul>"
    return "text", _html_text(text, lang)


def _html_text(text: str, lang: str = ENGLISH) -> str:
    """Escaped text with each URL a link named by its site, and dates that never break
    at their hyphens."""
    parts, urls = URL.split(text), [*URL.findall(text), ""]
    out = []
    for part, url in zip(parts, urls, strict=True):
        out.append(DATE.sub(lambda m: f'<span class="date">{m.group(0)}</span>',
                            html.escape(say(part, lang))))
        if url:
            out.append(f'<a href="{html.escape(url)}" title="{html.escape(url)}">'
                       f'{html.escape(site(url))}</a>')
    return "".join(out)


def html_table(frame: pd.DataFrame, lang: str = ENGLISH) -> str:
    """``frame`` as the book's HTML table in the edition of ``lang``: one header row,
    aligned and marked cells."""
    flat = printed(frame)
    years = {column: _is_year_column(flat[column]) for column in flat.columns}
    cells = [[_cell(value, years[column], lang)
              for column, value in zip(flat.columns, row, strict=True)]
             for row in flat.itertuples(index=False)]
    numeric = [bool(cells) and all(row[i][0] == "num" or not row[i][1] for row in cells)
               for i in range(len(flat.columns))]
    head = "".join(f'<th class="{"num" if numeric[i] else "text"}">'
                   f'{html.escape(say(str(c), lang))}</th>' for i, c in enumerate(flat.columns))
    body = "".join("<tr>" + "".join(f'<td class="{kind}">{text}</td>' for kind, text in row)
                   + "</tr>" for row in cells)
    return (f'<div class="{TABLE_CLASS}-wrap"><table class="{TABLE_CLASS}">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def table_csv(frame: pd.DataFrame) -> str:
    """The table as CSV, as the book offers it for download (numbers at six significant
    digits, the digits that mean the same on every CPU)."""
    flat = printed(frame)
    return flat.to_csv(index=False, float_format="%.6g", lineterminator="\n")


def _table_messages(frame: pd.DataFrame) -> list[str]:
    """The catalogue messages the table's other editions say."""
    with language.collect() as messages:
        for other in language.others():
            html_table(frame, other), list_table(frame, other)
    return sorted(messages)


def _figure_svg(figure, other: str) -> str | None:
    """The figure as drawn in edition ``other`` (by
    :func:`analysis.presentation.style.finish`), as SVG like the figure itself."""
    from IPython.core.pylabtools import print_figure

    from analysis.presentation.style import SVG_OUTPUT

    edition = getattr(figure, "book_editions", {}).get(other)
    return None if edition is None else print_figure(edition, "svg", **SVG_OUTPUT)


def _edition_forms() -> dict[str, tuple[type, object]]:
    """What each output also carries for the other editions: MIME type -> (the type it
    is for, the function that makes it)."""
    from matplotlib.figure import Figure

    forms: dict[str, tuple[type, object]] = {}
    for other in language.others():
        forms[language.edition_mime(other, "text/html")] = (
            pd.DataFrame, lambda frame, other=other: html_table(frame, other))
        forms[language.edition_mime(other, "text/markdown")] = (
            pd.DataFrame, lambda frame, other=other: list_table(frame, other))
        forms[language.edition_mime(other, "image/svg+xml")] = (
            Figure, lambda figure, other=other: _figure_svg(figure, other))
    return forms


def register() -> None:
    """Give DataFrames their HTML and list-table representations in the running kernel,
    in the language it draws in; tables and figures their CSV (of the data a figure
    plots), as ``text/csv``, which the book build turns into a download beside the
    exhibit (book/_ext/accessible_pages.py); and their forms in the other editions
    (:func:`analysis.presentation.language.edition_mime`), with the messages those
    translate, which the Russian edition shows and checks (tools/editions.py)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython else None
    if shell is not None:
        from IPython.core.formatters import BaseFormatter
        from matplotlib.figure import Figure
        from traitlets import ObjectName, Unicode

        def formatter(kind: str, returns: type = str) -> BaseFormatter:
            """The formatter of MIME type ``kind``, made and switched on if new."""
            formatters = shell.display_formatter.formatters
            if kind not in formatters:
                made = type(f"Formatter_{len(formatters)}", (BaseFormatter,),
                            {"format_type": Unicode(kind), "_return_type": (returns,),
                             "print_method": ObjectName("_repr_book_")})
                formatters[kind] = made(parent=shell.display_formatter)
                shell.display_formatter.active_types.append(kind)
            return formatters[kind]

        formatter("text/html").for_type(pd.DataFrame,
                                        lambda frame: html_table(frame, language.current()))
        formatter("text/markdown").for_type(
            pd.DataFrame, lambda frame: list_table(frame, language.current()))
        formatter("text/csv").for_type(Figure, lambda figure: getattr(figure, "book_data",
                                                                       None))
        formatter("text/csv").for_type(pd.DataFrame, table_csv)
        for kind, (kind_of, make) in _edition_forms().items():
            formatter(kind).for_type(kind_of, make)
        messages = formatter(language.MESSAGES_MIME, list)
        messages.for_type(pd.DataFrame, _table_messages)
        messages.for_type(Figure, lambda figure: sorted(getattr(figure, "book_messages", ())))


# The statuses of curated_checks.VERIFICATION as a reader reads them.
VERIFICATION_LABELS = {status: status.replace("-", " ") for status in VERIFICATION}


def verification(statuses: pd.Series) -> pd.Series:
    """A curated table's verification status as a reader reads it in a table column."""
    return statuses.map(VERIFICATION_LABELS)
