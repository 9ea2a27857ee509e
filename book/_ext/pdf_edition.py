"""Settings of the PDF edition that the HTML edition must not share.

``python -m tools.build --pdf`` runs Jupyter Book with ``SCO_EDITION=pdf``. Then

* code is left out (online it sits behind a "show code" toggle; the notebooks carry
  it for readers who want it);
* the paper is A4, and the title page names the thesis the book edits (its author as
  the thesis gives it, its institution and year, from ``book/references.bib``) and the
  build's date and commit;
* the contents are followed by lists of figures and tables, then by the landing page
  as a front-matter chapter, "About this book", without the web edition's subtitle
  (the title page has it) and list of chapters (the PDF has its contents);
* the bibliography continues the "References" chapter instead of opening a chapter
  of its own;
* figures and tables are numbered by the chapter's label, as online ("Figure 2.1.3");
* figures are vector graphics: the notebooks' SVG, converted to PDF by ``rsvg-convert``
  (Debian's librsvg2-bin, through sphinxcontrib-svg2pdfconverter), and they stay where
  the text puts them instead of floating to the next page.

The settings are made when the configuration is read, so Sphinx sees a changed
configuration and reads the pages again rather than reusing the HTML edition's.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import yaml
from pybtex.database import parse_file
from sphinx.application import Sphinx
from sphinx.config import Config

EDITION_ENV = "SCO_EDITION"
THESIS_KEY = "thesis2020"
_SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
            "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
            "\\": r"\textbackslash{}"}

# The PDF's own preamble. First, the bibliography's list inside the References chapter:
# thebibliography would open a chapter of its own (\chapter*{\bibname}); here that
# heading is swallowed.
PREAMBLE = r"""
\makeatletter
\renewenvironment{sphinxthebibliography}[1]{%
  \phantomsection\begingroup\def\chapter##1##2{}\begin{thebibliography}{#1}}%
  {\end{thebibliography}\endgroup}
\makeatother
\AtBeginDocument{\renewcommand{\bibname}{References}}
% Figures and tables numbered by the chapter's label (book/_ext/exhibits.py sets
% \thechapter to "2.1"), as in the HTML edition; Sphinx's default uses \arabic{chapter}.
\AtBeginDocument{\renewcommand{\thefigure}{\thechapter.\arabic{figure}}%
  \renewcommand{\thetable}{\thechapter.\arabic{table}}}
% A figure may fill at most 80% of the page's text height, so that its caption fits
% beside it on the same page (the tallest figures are narrow stacks of panels).
\makeatletter
\AtBeginDocument{\spx@image@maxheight=0.8\textheight}
\makeatother
% longtable steps the table counter for every table, captioned or not; only the
% book's table exhibits (\captionof{table}, after the longtable) count as tables.
\makeatletter
\g@addto@macro\sphinxatlongtablestart{\xdef\book@tablecount{\the\c@table}}
\g@addto@macro\sphinxatlongtableend{\global\c@table=\book@tablecount\relax}
\makeatother
"""


def tex(text: str) -> str:
    """``text`` with LaTeX's special characters escaped (BibTeX braces dropped first)."""
    text = re.sub(r"[{}]", "", text)
    return "".join(_SPECIAL.get(char, char) for char in text)


def thesis(srcdir: Path) -> dict[str, str]:
    """Author, title, institution and year of the thesis, as the bibliography has them."""
    entry = parse_file(str(srcdir / "book" / "references.bib")).entries[THESIS_KEY]
    author = " and ".join(str(person) for person in entry.persons["author"])
    return {"author": author, "title": entry.fields["title"],
            "institution": entry.fields.get("howpublished", ""), "year": entry.fields["year"]}


def commit(srcdir: Path) -> str:
    result = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=srcdir,
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 else "an unversioned copy"


def title_page(title: str, srcdir: Path) -> str:
    source = thesis(srcdir)
    return rf"""
\begin{{titlepage}}
\centering
\vspace*{{3cm}}
{{\Huge\bfseries {tex(title)}\par}}
\vspace{{2cm}}
{{\large An executable, data-backed edition of\par}}
\vspace{{0.8em}}
{{\large\itshape {tex(source['title'])}\par}}
\vspace{{0.8em}}
{{\large {tex(source['author'])}, {tex(source['institution'])}, {tex(source['year'])}\par}}
\vfill
{{\small Built on {dt.date.today():%-d %B %Y} from commit {tex(commit(srcdir))}\par}}
\end{{titlepage}}
"""


ABOUT = r"""
```{raw} latex
\chapter*{About this book}\addcontentsline{toc}{chapter}{About this book}
\markboth{About this book}{About this book}
```
"""


def landing_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """The landing page (the root document) as the PDF's "About this book"."""
    if os.environ.get(EDITION_ENV) != "pdf" or docname != app.config.root_doc:
        return
    text = re.sub(r"```\{tableofcontents\}\s*```\s*", "", source[0])
    title, _, rest = text.partition("\n")
    rest = re.sub(r"^\s*\*[^*\n]+\*\s*\n", "", rest, count=1)  # the subtitle line
    source[0] = f"{title}\n{ABOUT}\n{rest}"


def configure(app: Sphinx, config: Config) -> None:
    if os.environ.get(EDITION_ENV) != "pdf":
        return
    config.nb_remove_code_source = True
    # the notebooks' figures are SVG, which the LaTeX builder does not take as it is
    config.nb_mime_priority_overrides = [*config.nb_mime_priority_overrides,
                                         ("latex", "image/svg+xml", 5)]
    elements = dict(config.latex_elements or {})
    elements["papersize"] = "a4paper"
    elements["figure_align"] = "H"
    # fncychap's Bjarne style spells the chapter's counter ("Chapter Five") beside
    # the "2.1" of the title; the class's own heading prints \thechapter ("2.1")
    elements["fncychap"] = ""
    title = yaml.safe_load((Path(app.srcdir) / "_config.yml").read_text(encoding="utf-8"))
    elements["maketitle"] = title_page(title["title"], Path(app.srcdir))
    elements["tableofcontents"] = (r"\sphinxtableofcontents" "\n" r"\listoffigures" "\n"
                                   r"\listoftables" "\n")
    elements["preamble"] = elements.get("preamble", "") + PREAMBLE
    config.latex_elements = elements


def setup(app: Sphinx) -> dict:
    if os.environ.get(EDITION_ENV) == "pdf":
        app.setup_extension("sphinxcontrib.rsvgconverter")
    app.connect("config-inited", configure)
    app.connect("source-read", landing_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
