"""The PDF edition: every chapter in order, numbered figures, bibliography, Cyrillic."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from analysis import paths
from analysis.presentation import numbering
from analysis.sections import s91_replication

pytestmark = pytest.mark.pdf

PDF = paths.build_dir() / "pdf" / "book.pdf"


@pytest.fixture(scope="module")
def text() -> str:
    assert PDF.is_file(), f"{PDF} is missing: run `make pdf` before the tests"
    assert shutil.which("pdftotext"), "pdftotext (Debian poppler-utils) is not installed"
    result = subprocess.run(["pdftotext", "-layout", str(PDF), "-"], capture_output=True,
                            text=True, check=True)
    return re.sub(r"\s+", " ", result.stdout).replace("\u2019", "'")


def _chapters() -> list[tuple[str, str]]:
    """(name, title) of each chapter notebook, in the order of _toc.yml."""
    toc = (paths.REPO_ROOT / "_toc.yml").read_text()
    chapters = []
    for name in re.findall(r"file: notebooks/(\w+)", toc):
        cells = json.loads((paths.REPO_ROOT / "notebooks" / f"{name}.ipynb").read_text())["cells"]
        heading = next(line for line in "".join(cells[0]["source"]).splitlines()
                       if line.startswith("# "))
        chapters.append((name, heading[2:].strip()))
    return chapters


def test_page_count_is_plausible():
    result = subprocess.run(["pdfinfo", str(PDF)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", result.stdout).group(1))
    assert pages >= 60


def test_every_chapter_is_in_the_pdf_in_toc_order(text):
    """Each chapter's running head ("Chapter 2.1. The SCO in ...", "Appendix A. ...",
    the Introduction's and the Conclusion's title alone) first appears after the previous
    chapter's: the text itself may name a chapter anywhere, but only its own pages carry
    its head."""
    body = text[text.index("About this book", text.index("List of Tables")):]  # no lists
    positions = []
    for name, title in _chapters():
        label = numbering.chapter_label(name)
        if label.isdigit():  # the Introduction (0) and the Conclusion: unnumbered
            head = title
            assert f"Chapter {label}. " not in text
        else:
            title = re.sub(rf"^{re.escape(label)}\s+", "", title)
            if title.startswith("Appendix: "):  # the head says "Appendix A" once
                title = title.removeprefix("Appendix: ")
                title = title[0].upper() + title[1:]
            head = f"{'Appendix' if label.isalpha() else 'Chapter'} {label}. {title}"
        # a head is followed by the page number in the footer
        found = re.search(re.escape(head[:50]) + (r" \d+ " if len(head) < 50 else ""), body)
        assert found, f"chapter {title!r} has no running head {head[:50]!r}"
        positions.append(found.start())
    assert positions == sorted(positions), "chapters are out of toc order"


def test_exhibits_are_numbered_by_chapter_as_in_the_html_edition(text):
    inventory = s91_replication.figure_inventory()
    for number in inventory["number"]:
        assert number in text, f"{number} is not in the PDF"
    assert "Fig. " not in text  # one name for figures ("Figure") and one for tables
    # a chapter carries its thesis number once, as its LaTeX number ("Chapter 2.1"), not
    # a counter of its own beside it ("Chapter Five ... 2.1")
    assert re.search(r"Chapter 2\.1 The SCO in ensuring security in Central Asia", text)
    assert not re.search(r"CHAPTER (ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN)\b",
                         text.upper())


def test_a4_title_page_and_lists_of_figures_and_tables():
    info = subprocess.run(["pdfinfo", str(PDF)], capture_output=True, text=True,
                          check=True).stdout
    assert "(A4)" in info
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(PDF), "-"],
                           capture_output=True, text=True, check=True).stdout
    first = " ".join(first.split())
    assert "An executable, data-backed edition of" in first
    for part in ("Anonymous", "Karaganda Economic University of Kazpotrebsoyuz", "2020"):
        assert part in first, f"the title page does not name the thesis's {part}"
    assert re.search(r"Built on \d{1,2} \w+ \d{4} from commit [0-9a-f]{12}", first)
    front = subprocess.run(["pdftotext", "-f", "2", "-l", "20", str(PDF), "-"],
                           capture_output=True, text=True, check=True).stdout.upper()
    assert front.index("CONTENTS") < front.index("LIST OF FIGURES") < \
        front.index("LIST OF TABLES")


def test_the_landing_page_is_a_front_matter_chapter_without_web_links(text):
    about = text[text.index("About this book", text.index("List of Tables")):]
    about = about[:about.index("Introduction: the SCO at a glance")]
    assert "How to read this book" in about
    assert "Theoretical aspects of regional security" not in about  # the web's contents
    # no shell commands in the front matter: the README has them
    assert "Rebuilding it" not in about and "make book" not in about


def test_no_code_and_one_sorted_author_year_bibliography(text):
    assert "from analysis.sections import" not in text and "section.setup()" not in text
    bibliography = text[text.rfind("This list holds the thesis"):]
    labels = re.findall(r"\[([^\]]+), (\d{4})\]", bibliography)
    assert len(labels) > 10
    assert labels == sorted(labels, key=lambda label: (label[0].lower(), label[1]))
    assert "world development indicators" in bibliography.lower()


def test_cyrillic_is_rendered(text):
    assert "Роль ШОС в обеспечении региональной безопасности" in text


def test_tables_print_as_tables_and_every_reference_resolves(text):
    # pandas' fixed-width text marks a wrapped frame with a trailing backslash and
    # runs off the page; a LaTeX table does neither, and breaks across pages.
    assert re.search(r"Organisation Verification Type Founded Seat Member", text)  # a header
    assert not re.search(r"Founded\s+\\\s*$", text, re.M)
    assert "continued from previous page" in text and "Table" not in re.findall(
        r"(\S+)\s*.?\s*continued from previous page", text)
    assert re.search(r"Table \d\.\d\.\d+: Security-relevant organisations of Eurasia\.",
                     " ".join(text.split()))
    assert "??" not in text  # a reference LaTeX could not resolve
    assert "&amp;" not in text  # a URL's "&" as written (book/_ext/link_targets.py)


LOG = PDF.with_suffix(".log")
OVERFULL = re.compile(r"^Overfull \\[hv]box \((\d+(?:\.\d+)?)pt too (?:wide|high)\) (.*)$",
                      re.M)


def test_nothing_runs_more_than_5pt_into_the_margins():
    """LaTeX reports every line it could not fit ("Overfull \\hbox") and every page
    whose content is too tall for it ("Overfull \\vbox"); up to 5 pt is invisible, more
    is text running into the margin or off a table cell, or a figure over the footer."""
    assert LOG.is_file(), f"{LOG} is missing: `make pdf` copies the LaTeX log beside the PDF"
    log = LOG.read_text(encoding="utf-8", errors="replace")
    assert "Output written on" in log
    wide = [(float(points), where) for points, where in OVERFULL.findall(log)
            if float(points) > 5]
    assert wide == [], f"{len(wide)} lines more than 5 pt too wide, e.g. {wide[:5]}"


def test_figures_are_vector_graphics():
    """The figures are the notebooks' SVG converted to PDF: no bitmap in the book."""
    result = subprocess.run(["pdfimages", "-list", str(PDF)], capture_output=True, text=True,
                            check=True)
    images = result.stdout.splitlines()[2:]  # two header lines
    assert images == [], f"{len(images)} bitmap images in the PDF: {images[:3]}"
    figures = subprocess.run(["pdftotext", str(PDF), "-"], capture_output=True, text=True,
                             check=True).stdout
    assert len(re.findall(r"^Figure \d", figures, re.M)) >= 30


def test_figures_stay_where_the_text_puts_them():
    """A figure floated to the top of the next page, or two pages on, leaves its reader
    searching; every figure is set in place ([H])."""
    tex = (paths.build_dir() / "site" / "_build" / "latex" / "book.tex").read_text(
        encoding="utf-8")
    placements = re.findall(r"\\begin\{figure\}\[([^\]]*)\]", tex)
    assert len(placements) >= 30 and set(placements) == {"H"}, set(placements)


def _pdf_tool(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def test_the_document_information_names_title_author_subject_and_keywords():
    info = _pdf_tool("pdfinfo", str(PDF))
    fields = dict(re.findall(r"^(Title|Author|Subject|Keywords):\s+(.+)$", info, re.M))
    config = (paths.REPO_ROOT / "_config.yml").read_text()
    assert fields["Title"] == re.search(r'^title: "(.+)"$', config, re.M).group(1)
    assert fields["Author"] == re.search(r'^author: "(.+)"$', config, re.M).group(1)
    assert "Shanghai Cooperation Organisation" in fields["Subject"]
    assert "Central Asia" in fields["Keywords"]


def test_each_appendix_has_its_own_letter_and_references_none(text):
    contents = text[text.index("Contents"):text.index("List of Figures")]
    letters = re.findall(r"\b([A-Z]) (?:The crisis|Audit|Replication|References)", contents)
    assert letters == sorted(set(letters)) and len(letters) == 3, letters
    assert "Bibliography" not in text  # the References chapter, by its name in every head
    assert "Appendix: " not in contents and not re.search(r"Appendix [A-C]\. Appendix", text)


def test_contents_keep_numbers_apart_from_titles(text):
    """A section numbered 1.2.10 must not run into its title ("1.2.10Summary")."""
    contents = _pdf_tool("pdftotext", "-f", "2", "-l", "12", str(PDF), "-")
    assert re.search(r"\d\.\d\.\d+ Summary", contents)
    assert not re.search(r"\d\.\d\.\d+[A-Z]", contents)


def test_no_blank_page():
    """One-sided and openany: no page is left empty for a chapter to start on the right."""
    pages = int(re.search(r"Pages:\s+(\d+)", _pdf_tool("pdfinfo", str(PDF))).group(1))
    text = _pdf_tool("pdftotext", str(PDF), "-").split("\f")[:pages]
    empty = [number for number, page in enumerate(text, 1) if len("".join(page.split())) < 40]
    assert empty == [], f"pages with next to no text: {empty}"


def test_the_front_matter_is_numbered_in_roman_and_the_text_from_1():
    front = _pdf_tool("pdftotext", "-f", "3", "-l", "9", str(PDF), "-")
    assert re.search(r"^i+$|^iv$|^v$|^vi+$", front, re.M)
    about = _pdf_tool("pdftotext", "-f", "1", "-l", "15", str(PDF), "-").split("\f")
    first = next(i for i, page in enumerate(about) if page.lstrip().startswith("About this book"))
    assert re.search(r"^1$", about[first], re.M), "About this book is not page 1"


def test_the_licences_are_named_after_the_title_page():
    second = " ".join(_pdf_tool("pdftotext", "-f", "2", "-l", "2", str(PDF), "-").split())
    assert "MIT licence" in second and "CC BY 4.0" in second
    assert "LICENSE" in second and "LICENSE-content" in second
    for name in ("LICENSE", "LICENSE-content"):
        assert (paths.REPO_ROOT / name).is_file(), f"{name} is missing"


@pytest.mark.parametrize(("pdf", "edition"), [("book.pdf", ""), ("book-ru.pdf", "ru")])
def test_every_chapter_starts_at_a_destination_the_site_links_to(pdf, edition):
    """Each chapter's "this chapter in the PDF" link names a destination of its edition's
    PDF. (The generic link check skips links into PDFs: it would read one as HTML.)"""
    destinations = set(re.findall(r'"(notebooks-[\w-]+)"', _pdf_tool(
        "pdfinfo", "-dests", str(PDF.with_name(pdf)))))
    html = paths.build_dir() / "html" / edition / "notebooks"
    linked = {match for page in html.glob("*.html") for match in
              re.findall(r"book\.pdf#nameddest=([\w-]+)", page.read_text(encoding="utf-8"))}
    assert len(linked) == len(list(html.glob("*.html"))) and linked <= destinations, (
        linked - destinations)


def test_long_lists_print_compactly_with_a_note_where_the_rest_is(text):
    assert "In print this table leaves out" in text
    assert "gives only the first 16 characters of “SHA-256”" in text
    assert not re.search(r"\b[0-9a-f]{8} [0-9a-f]{8} [0-9a-f]{8}\b", text)  # whole checksums
