"""How a table prints in the PDF edition: a MyST list-table.

The PDF edition cannot use the HTML tables and would fall back to pandas' fixed-width
text, which runs off the page; so each frame also carries a ``text/markdown``
representation (:func:`list_table`), a MyST ``list-table`` whose column widths follow
the length of their text and whose type is as large as the line allows, which Sphinx
turns into a LaTeX table with wrapping cells. A table too long for paper can be marked
to print compactly (:func:`in_print`).
"""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.presentation.cells import DATE, URL, printed, site
from analysis.presentation.language import ENGLISH, localise, say, say_cell

LINE = 86  # characters of table text (small type) across the 12.5 cm PDF line: the width unit


def _text(value: object, lang: str = ENGLISH) -> str:
    """One cell as MyST inline text in the edition of ``lang``: one line, no list-table
    syntax, no markup except links: a URL becomes a link named by its site; items on
    lines of their own are joined by semicolons."""
    text = "" if pd.isna(value) else str(value) if not isinstance(value, str) else value
    if lang != ENGLISH:
        text = ("\n".join(say_cell(item, lang) for item in text.split("\n"))
                if isinstance(value, str) else localise(text, lang))
    text = " ".join(text.replace("\n", "; ").split())
    plain = [DATE.sub(lambda m: m.group(0).replace("-", "\u2011"), part)  # no break
             for part in URL.split(text)]
    links = [f"[{_escaped(site(url), code=False)}](<{url}>)"  # serif: TeX may hyphenate it
             for url in URL.findall(text)] + [""]
    text = "".join(_escaped(part) + link for part, link in zip(plain, links, strict=True))
    text = re.sub(r"^([-+])", r"\\\1", text)  # not a bullet list
    text = re.sub(r"^(\d+)([.)])(\s|$)", r"\1\\\2\3", text)  # not a numbered list
    return text or " "


CODE_NAME = re.compile(r"^[A-Za-z0-9-]+([./_][A-Za-z0-9-]+)+$")  # a module, path or key
CHECKSUM = re.compile(r"^[0-9a-f]{32,}$")
LINK_TARGET = re.compile(r"\]\(<[^>]*>\)")  # the address of a MyST link


def _escaped(text: str, code: bool = True) -> str:
    """Plain text with MyST markup escaped. Code names (with an underscore, or long)
    become inline code (unless not ``code``: a link's site name stays text), which LaTeX
    may break after a dot, a slash or an underscore; a checksum is printed in groups of
    8 digits, the only places where it can break."""
    words = []
    for word in text.split(" "):
        core = word.rstrip(",;:")
        if code and CODE_NAME.match(core) and ("_" in core or len(core) > 12):
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


def list_table(frame: pd.DataFrame, lang: str = ENGLISH) -> str:
    """``frame`` as a MyST list-table in the edition of ``lang``: columns in
    :func:`printed` order, one header, in the largest type size at which its columns fit
    (book/_config.yml's preamble reads the size from ``\\booktablesize``)."""
    flat, note = _for_print(printed(frame), frame.attrs, lang)
    header = [_text(column, lang) for column in flat.columns]
    rows = [[_text(value, lang) for value in row] for row in flat.itertuples(index=False)]
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
    if note:
        lines.append(f"\n{note}")
    if size == max(TYPE_SIZES):
        return "\n".join(lines)
    return "\n".join([_latex(rf"\def\booktablesize{{{TYPE_SIZES[size]}}}"), *lines,
                      _latex(rf"\def\booktablesize{{{TYPE_SIZES[max(TYPE_SIZES)]}}}")])


def in_print(frame: pd.DataFrame, drop: tuple[str, ...] = (),
             shorten: dict[str, int] | None = None) -> pd.DataFrame:
    """Mark ``frame`` to print compactly in the PDF: without the columns ``drop`` and
    with each column of ``shorten`` cut to its first characters (a checksum to the
    digits that identify it). The HTML table and the CSV keep everything; the PDF says
    what it left out and where to find it."""
    frame.attrs["print"] = {"drop": tuple(drop), "shorten": dict(shorten or {})}
    return frame


def _for_print(flat: pd.DataFrame, attrs: dict, lang: str = ENGLISH
               ) -> tuple[pd.DataFrame, str]:
    """The columns the PDF prints (:func:`in_print`), and the note that says so."""
    rule = attrs.get("print")
    if not rule:
        return flat, ""
    missing = [c for c in [*rule["drop"], *rule["shorten"]] if c not in flat.columns]
    if missing:
        raise KeyError(f"in_print names columns the table does not have: {missing}")
    flat = flat.drop(columns=list(rule["drop"]))
    parts = []
    for column, length in rule["shorten"].items():
        flat[column] = flat[column].astype(str).str[:length]
        parts.append(f"gives only the first {length} characters of “{column}”")
    if rule["drop"]:
        parts.insert(0, "leaves out " + " and ".join(f"“{c}”" for c in rule["drop"]))
    return flat, "*" + say(f"In print this table {' and '.join(parts)}; the online edition "
                           "and the table's CSV have them in full.", lang) + "*"


def _latex(command: str) -> str:
    return f"```{{raw}} latex\n{command}\n```\n"


def _needs(columns: list[list[str]]) -> list[float]:
    """The least width of each column (header first), in characters of 9-point table
    text: its longest word (a date, a place name: LaTeX cannot break them) plus the gap
    between columns (a link counts its text, the site's name). No column asks for more than
    a third of the line: longer words are code or names LaTeX may break or hyphenate."""
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

    cells = [LINK_TARGET.sub("]", cell) for cell in cells]  # a link is as long as its text
    header, *body = (words(cell) for cell in cells)
    return max(1.3 * max(header), max(max(lengths) for lengths in body) if body else 0)
