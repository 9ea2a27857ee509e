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
  the text puts them instead of floating to the next page;
* the PDF is a document: its metadata name title, author, subject and keywords; the
  title page is followed by the licences; the page is one-sided (no blank pages) with
  lines of about 78 characters; the parts are headings of the contents, not pages of
  their own; the Introduction and the Conclusion are unnumbered chapters (no "Chapter
  0", and no "0.1" before their sections), the appendices are lettered once each and
  the References are unnumbered; the About page has no shell commands; the contents
  and the lists of exhibits are numbered in roman, the text from 1, and every footer
  names the chapter;
* each chapter starts at a named destination ("notebooks-21-security"), which the HTML
  edition links to (book/_ext/accessible_pages.py).

The settings are made when the configuration is read, so Sphinx sees a changed
configuration and reads the pages again rather than reusing the HTML edition's.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import licences
import yaml
from pybtex.database import parse_file
from sphinx.application import Sphinx
from sphinx.config import Config

from analysis.presentation import language

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
  \phantomsection\begingroup\def\chapter##1##2{}\def\bibname{\bookreferences}%
  \begin{thebibliography}{#1}}%
  {\end{thebibliography}\endgroup}
\makeatother
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
% Lines of about 78 characters (the book class sets 17.5 cm, some 110 characters).
\geometry{a4paper, textwidth=12.5cm, textheight=22cm, hcentering}
% The contents leave room for numbers like 1.2.10 before their titles.
\makeatletter
\renewcommand*\l@section{\@dottedtocline{1}{1.5em}{3.9em}}
\renewcommand*\l@subsection{\@dottedtocline{2}{5.4em}{4.6em}}
% One-sided pages: every footer names the chapter (Sphinx's style names the section,
% and the chapter only on the left-hand pages of a two-sided book).
\fancypagestyle{normal}{\fancyhf{}%
  \fancyfoot[R]{{\py@HeaderFamily\thepage}}%
  \fancyfoot[L]{{\py@HeaderFamily\nouppercase{\leftmark}}}%
  \fancyhead[R]{{\py@HeaderFamily\@title\sphinxheadercomma\py@release}}}
% A part of the book is a heading in the contents, not a page of its own, and has no
% page number there (it would be that of the page before its first chapter).
\renewcommand\part[1]{\addtocontents{toc}{\protect\bookpart{#1}}}
\newcommand\bookpart[1]{\addpenalty{-\@highpenalty}\addvspace{1.5em}%
  {\noindent\large\bfseries #1\par}\nobreak\vskip 0.3em}
\makeatother
"""


# The contents and the lists of figures and tables, all numbered in roman as front
# matter (Sphinx's \sphinxtableofcontents turns to arabic right after the contents).
FRONT_LISTS = r"""
\makeatletter
\pagenumbering{roman}
\begingroup\parskip\z@skip\sphinxtableofcontentshook\tableofcontents\endgroup
\listoffigures
\listoftables
\clearpage\pagenumbering{arabic}
\makeatother
"""

SUBJECT = ("An executable, data-backed edition of a 2020 graduation thesis on the Shanghai "
           "Cooperation Organisation and regional security in Central Asia")
KEYWORDS = ("Shanghai Cooperation Organisation; Central Asia; regional security; CSTO; "
            "Kazakhstan; reproducible research")


def metadata(title: str, author: str, lang: str) -> str:
    """The PDF's document information: what a viewer shows instead of the file name."""
    subject, keywords = (language.say(text, lang) for text in (SUBJECT, KEYWORDS))
    return (rf"\hypersetup{{pdftitle={{{tex(title)}}}, pdfauthor={{{tex(author)}}}, "
            rf"pdfsubject={{{tex(subject)}}}, pdfkeywords={{{tex(keywords)}}}}}" "\n"
            rf"\newcommand\bookreferences{{{tex(language.say('References', lang))}}}" "\n")


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


def title_page(title: str, srcdir: Path, lang: str = language.ENGLISH) -> str:
    from babel.dates import format_date

    source = thesis(srcdir)
    say = lambda text: tex(language.say(text, lang))  # noqa: E731
    today = format_date(dt.date.today(), "d MMMM y", locale=lang)
    return rf"""
\begin{{titlepage}}
\centering
\vspace*{{3cm}}
{{\Huge\bfseries {tex(title)}\par}}
\vspace{{2cm}}
{{\large {say("An executable, data-backed edition of")}\par}}
\vspace{{0.8em}}
{{\large\itshape {tex(source['title'])}\par}}
\vspace{{0.8em}}
{{\large {tex(source['author'])}, {tex(source['institution'])}, {tex(source['year'])}\par}}
\vfill
{{\small {say("Built on")} {today} {say("from commit")} {tex(commit(srcdir))}\par}}
\end{{titlepage}}
\thispagestyle{{empty}}
\vspace*{{\fill}}
{{\small\raggedright {say(licences.NOTICE)}\par}}
\clearpage
"""


ABOUT = r"""
```{raw} latex
\chapter*{ABOUT}\addcontentsline{toc}{chapter}{ABOUT}
\markboth{ABOUT}{ABOUT}
```
"""


def landing_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """The landing page (the root document) as the PDF's "About this book"."""
    if os.environ.get(EDITION_ENV) != "pdf" or docname != app.config.root_doc:
        return
    text = re.sub(r"```\{tableofcontents\}\s*```\s*", "", source[0])
    text = re.sub(r"## Rebuilding it\n.*?(?=\n## |\Z)", "", text, flags=re.DOTALL)
    title, _, rest = text.partition("\n")
    rest = re.sub(r"^\s*\*[^*\n]+\*\s*\n", "", rest, count=1)  # the subtitle line
    about = tex(language.say("About this book", app.config.language or language.ENGLISH))
    source[0] = f"{title}\n{ABOUT.replace('ABOUT', about)}\n{rest}"


def configure(app: Sphinx, config: Config) -> None:
    if os.environ.get(EDITION_ENV) != "pdf":
        return
    config.nb_remove_code_source = True
    # the notebooks' figures are SVG, which the LaTeX builder does not take as it is
    config.nb_mime_priority_overrides = [*config.nb_mime_priority_overrides,
                                         ("latex", "image/svg+xml", 5)]
    elements = dict(config.latex_elements or {})
    elements["papersize"] = "a4paper"
    elements["extraclassoptions"] = "openany,oneside"
    elements["figure_align"] = "H"
    # fncychap's Bjarne style spells the chapter's counter ("Chapter Five") beside
    # the "2.1" of the title; the class's own heading prints \thechapter ("2.1")
    elements["fncychap"] = ""
    title = yaml.safe_load((Path(app.srcdir) / "_config.yml").read_text(encoding="utf-8"))
    lang = config.language or language.ENGLISH
    elements["maketitle"] = title_page(title["title"], Path(app.srcdir), lang)
    elements["tableofcontents"] = FRONT_LISTS
    elements["preamble"] = (elements.get("preamble", "") + PREAMBLE
                            + metadata(title["title"], title["author"], lang))
    config.latex_elements = elements


# The chapters whose LaTeX headings the book rewrites in the written .tex: the
# Introduction and the Conclusion unnumbered (their label stays for the numbers of
# their figures and sections), the appendices without the "Appendix:" of their web
# titles (the heading says "Appendix A"), and the References unnumbered. They are
# found by their titles in the edition's language.
UNNUMBERED = ("notebooks/00_introduction", "notebooks/40_conclusion", "book/references")
APPENDIX = "notebooks/89_crisis_codebook"  # its title's "Appendix: " names them all


def chapter_destination(docname: str) -> str:
    """The PDF's named destination at the start of a chapter ("notebooks-21-security"),
    which the HTML edition links to as ``book.pdf#nameddest=...``."""
    return re.sub(r"[^A-Za-z0-9]+", "-", docname).strip("-")


CHAPTER_LABEL = re.compile(r"\\label\{\\detokenize\{([\w/-]+)::doc\}\}")


def _with_destination(match: re.Match) -> str:
    return match.group(0) + rf"\hypertarget{{{chapter_destination(match.group(1))}}}{{}}"


SECTION_DEPTH = 2  # the report class's: sections and subsections numbered


def _unnumbered(match: re.Match) -> str:
    """An unnumbered chapter, whose sections are unnumbered too (not "0.1")."""
    title = match.group(1)
    return (rf"\chapter*{{{title}}}\addcontentsline{{toc}}{{chapter}}{{{title}}}"
            rf"\markboth{{{title}}}{{{title}}}"
            r"\setcounter{section}{0}\setcounter{figure}{0}\setcounter{table}{0}"
            r"\setcounter{secnumdepth}{0}")


def _single_chapter_part(match: re.Match) -> str:
    """A part whose one chapter bears its name (the Introduction, the Conclusion) is
    not listed in the contents twice."""
    return "" if match.group(2).startswith(match.group(1)) else match.group(0)


def rewrite_chapters(tex_text: str, unnumbered: tuple[str, ...] = (
        "Introduction: the SCO at a glance", "Conclusion", "References"),
        appendix: str = "Appendix") -> str:
    tex_text = CHAPTER_LABEL.sub(_with_destination, tex_text)
    tex_text = re.sub(r"\\part\{([^}]*)\}(?=(?:(?!\\chapter).)*\\chapter\{([^}]*)\})",
                      _single_chapter_part, tex_text, flags=re.DOTALL)
    tex_text = re.sub(r"\\chapter\{", rf"\\setcounter{{secnumdepth}}{{{SECTION_DEPTH}}}"
                      r"\\chapter{", tex_text)
    for title in unnumbered:
        tex_text = re.sub(rf"\\setcounter\{{secnumdepth\}}\{{{SECTION_DEPTH}\}}"
                          rf"\\chapter\{{({re.escape(title)})\}}", _unnumbered, tex_text)
    return re.sub(rf"\\chapter\{{{re.escape(appendix)}: (.)",
                  lambda m: rf"\chapter{{{m.group(1).upper()}", tex_text)


def finish_tex(app: Sphinx, exception: Exception | None) -> None:
    """Rewrite the written .tex (before Jupyter Book runs LaTeX on it)."""
    if exception is not None or app.builder.name != "latex":
        return
    titles = {name: app.env.titles[name].astext() for name in (*UNNUMBERED, APPENDIX)
              if name in app.env.titles}
    unnumbered = tuple(titles[name] for name in UNNUMBERED if name in titles)
    appendix = titles.get(APPENDIX, "Appendix: ").partition(":")[0]
    for file in Path(app.outdir).glob("*.tex"):
        text = file.read_text(encoding="utf-8")
        file.write_text(rewrite_chapters(text, unnumbered, appendix), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    if os.environ.get(EDITION_ENV) == "pdf":
        app.setup_extension("sphinxcontrib.rsvgconverter")
    app.connect("config-inited", configure)
    app.connect("source-read", landing_page)
    app.connect("build-finished", finish_tex)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
