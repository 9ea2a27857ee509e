"""How the book's tables print, online and in the PDF.

Online, a DataFrame is an HTML table of the book's own (:func:`html_table`): one header
row (the index becomes the first columns, so there is no empty row for its name),
numbers right-aligned with thousands separators, text left-aligned and wrapping,
verdicts and verification statuses marked by a class the stylesheet colours, and
the whole in a wrapper that scrolls sideways on a narrow screen. The PDF edition
cannot use HTML and would fall back to pandas' fixed-width text, which runs off the
page; so each frame also carries a ``text/markdown`` representation, a MyST
``list-table`` whose column widths follow the length of their text, which Sphinx turns
into a LaTeX table with wrapping cells. Every notebook's set-up
(:func:`analysis.presentation.notebook.setup`) calls :func:`register`.
"""

from __future__ import annotations

import html
import math
import numbers
import re
import sys

import pandas as pd

from analysis.data.curated_checks import VERIFICATION

TABLE_CLASS = "book-table"  # the class of the book's HTML tables (book/_static/book.css)
LINE = 120  # characters of table text (small type) across the PDF page: the width unit


URL = re.compile(r"https?://[^\s<>\"]*[^\s<>\".,;:)\]]")


def _text(value: object) -> str:
    """One cell as MyST inline text: one line, no list-table syntax, no markup except
    links: a URL becomes an autolink, which LaTeX may break across lines."""
    text = "" if pd.isna(value) else str(value) if not isinstance(value, str) else value
    text = " ".join(text.split())
    plain = URL.split(text)
    links = [f"<{url}>" for url in URL.findall(text)] + [""]
    text = "".join(_escaped(part) + link for part, link in zip(plain, links, strict=True))
    text = re.sub(r"^([-+])", r"\\\1", text)  # not a bullet list
    text = re.sub(r"^(\d+)([.)])(\s|$)", r"\1\\\2\3", text)  # not a numbered list
    return text or " "


CODE_NAME = re.compile(r"^[A-Za-z0-9-]+([./_][A-Za-z0-9-]+)+$")  # a module, path or key
CHECKSUM = re.compile(r"^[0-9a-f]{32,}$")


def _escaped(text: str) -> str:
    """Plain text with MyST markup escaped. Code names (with an underscore, or long)
    become inline code, which LaTeX may break after a dot, a slash or an underscore; a
    checksum is printed in groups of 8 digits, the only places where it can break."""
    words = []
    for word in text.split(" "):
        core = word.rstrip(",;:")
        if CODE_NAME.match(core) and ("_" in core or len(core) > 12):
            words.append(f"`{core}`{word[len(core):]}")
            continue
        if CHECKSUM.match(word):
            words.append(" ".join(word[i:i + 8] for i in range(0, len(word), 8)))
            continue
        for character in "\\*_`[]<>{}|#$":
            word = word.replace(character, "\\" + character)
        words.append(word)
    return " ".join(words)


# The type sizes a PDF table may be set in (points), largest first: a table whose words
# cannot fit the line at 9 pt is set smaller rather than run off the page.
TYPE_SIZES = {9: r"\small", 8: r"\footnotesize", 7: r"\scriptsize"}


def list_table(frame: pd.DataFrame) -> str:
    """``frame`` as a MyST list-table: index columns (unless row numbers) first, one header,
    in the largest type size at which its columns fit (book/_config.yml's preamble reads
    the size from ``\\booktablesize``)."""
    flat = frame if _is_row_number(frame.index) else frame.reset_index()
    header = [_text(column) for column in flat.columns]
    rows = [[_text(value) for value in row] for row in flat.itertuples(index=False)]
    columns = [[row[i] for row in [header, *rows]] for i in range(len(header))]
    size = next((points for points in TYPE_SIZES
                 if sum(_needs(columns)) * points <= LINE * max(TYPE_SIZES)), min(TYPE_SIZES))
    lines = ["```{list-table}", ":header-rows: 1", ":class: longtable",  # may break pages
             f":widths: {' '.join(map(str, _widths(columns, LINE * max(TYPE_SIZES) / size)))}",
             ""]
    for row in [header, *rows]:
        lines.append(f"* - {row[0]}")
        lines.extend(f"  - {cell}" for cell in row[1:])
    lines.append("```")
    if size == max(TYPE_SIZES):
        return "\n".join(lines)
    return "\n".join([_latex(rf"\def\booktablesize{{{TYPE_SIZES[size]}}}"), *lines,
                      _latex(rf"\def\booktablesize{{{TYPE_SIZES[max(TYPE_SIZES)]}}}")])


def _latex(command: str) -> str:
    return f"```{{raw}} latex\n{command}\n```\n"


def _needs(columns: list[list[str]]) -> list[float]:
    """The least width of each column (header first), in characters of 9-point table
    text: its longest word (a date, a place name: LaTeX cannot break them) plus the gap
    between columns. A URL, which may break anywhere, asks for a third of the line."""
    return [min(LINE / 3, 1.15 * _longest_word(cells) + 4) for cells in columns]


def _widths(columns: list[list[str]], line: float = LINE) -> list[int]:
    """Relative column widths (header first in each column) for a line ``line``
    characters long. Each column first gets its :func:`_needs`; the rest of the line goes
    to the columns in proportion to the square root of their longest cell, so long notes
    get more room without starving the short columns."""
    need = _needs(columns)
    weight = [math.sqrt(max(len(cell) for cell in cells)) for cells in columns]
    spare = max(0.0, line - sum(need))
    return [round(10 * (n + spare * w / sum(weight))) for n, w in zip(need, weight, strict=True)]


def _longest_word(cells: list[str]) -> float:
    """Length of the longest unbreakable word, in characters of body text: a capital
    counts 1.5, the header (first cell, sans-serif) 1.3 times, inline code (in backticks,
    monospaced) 1.5 times; a hyphenated word may break after its hyphens."""
    def length(word: str) -> float:
        width = len(word) + 0.5 * sum(character.isupper() for character in word)
        return 1.5 * width if word.startswith("`") else width

    def words(cell: str) -> list[float]:
        parts = [part for word in cell.split() for part in
                 ([word] if word.startswith("`") else re.split(r"(?<=-)", word))]
        return [length(part) for part in parts if part] or [0]

    header, *body = (words(cell) for cell in cells)
    return max(1.3 * max(header), max(max(lengths) for lengths in body) if body else 0)


def _is_row_number(index: pd.Index) -> bool:
    """An unnamed 0, 1, 2, ... index carries no information and is not printed."""
    return isinstance(index, pd.RangeIndex) and index.name is None and index.start == 0


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


def _cell(value: object, years: bool) -> tuple[str, str]:
    """(class, HTML) of one cell."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return "num", str(value) if years else f"{value:,}"
    if isinstance(value, float) and not pd.isna(value):
        if years and value % 1 == 0:
            return "num", str(int(value))
        return "num", f"{value:,.0f}" if abs(value) >= 1e5 else f"{value:,.6g}"
    text = "" if pd.isna(value) else str(value)
    if NUMBER.match(text):
        return "num", html.escape(text)
    if text.lower() in JUDGEMENTS:
        return f"judgement judgement-{text.lower().replace(' ', '-')}", html.escape(text)
    escaped = html.escape(text)
    linked = URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
    return "text", linked


def html_table(frame: pd.DataFrame) -> str:
    """``frame`` as the book's HTML table: one header row, aligned and marked cells."""
    flat = frame if _is_row_number(frame.index) else frame.reset_index()
    years = {column: _is_year_column(flat[column]) for column in flat.columns}
    cells = [[_cell(value, years[column]) for column, value in zip(flat.columns, row,
                                                                   strict=True)]
             for row in flat.itertuples(index=False)]
    numeric = [bool(cells) and all(row[i][0] == "num" or not row[i][1] for row in cells)
               for i in range(len(flat.columns))]
    head = "".join(f'<th class="{"num" if numeric[i] else "text"}">{html.escape(str(c))}</th>'
                   for i, c in enumerate(flat.columns))
    body = "".join("<tr>" + "".join(f'<td class="{kind}">{text}</td>' for kind, text in row)
                   + "</tr>" for row in cells)
    return (f'<div class="{TABLE_CLASS}-wrap"><table class="{TABLE_CLASS}">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def register() -> None:
    """Give DataFrames their HTML and list-table representations in the running kernel."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython else None
    if shell is not None:
        formatters = shell.display_formatter.formatters
        formatters["text/html"].for_type(pd.DataFrame, html_table)
        formatters["text/markdown"].for_type(pd.DataFrame, list_table)


# The statuses of curated_checks.VERIFICATION as a reader reads them.
VERIFICATION_LABELS = {status: status.replace("-", " ") for status in VERIFICATION}


def verification(statuses: pd.Series) -> pd.Series:
    """A curated table's verification status as a reader reads it in a table column."""
    return statuses.map(VERIFICATION_LABELS)
