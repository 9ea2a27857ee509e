"""The PDF edition: every chapter in order, numbered figures, bibliography, Cyrillic."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from analysis import paths

pytestmark = pytest.mark.pdf

PDF = paths.build_dir() / "pdf" / "book.pdf"


@pytest.fixture(scope="module")
def text() -> str:
    assert PDF.is_file(), f"{PDF} is missing: run `make pdf` before the tests"
    assert shutil.which("pdftotext"), "pdftotext (Debian poppler-utils) is not installed"
    result = subprocess.run(["pdftotext", "-layout", str(PDF), "-"], capture_output=True,
                            text=True, check=True)
    return re.sub(r"\s+", " ", result.stdout).replace("\u2019", "'")


def _chapter_titles() -> list[str]:
    toc = (paths.REPO_ROOT / "_toc.yml").read_text()
    titles = []
    for name in re.findall(r"file: notebooks/(\w+)", toc):
        cells = json.loads((paths.REPO_ROOT / "notebooks" / f"{name}.ipynb").read_text())["cells"]
        heading = next(line for line in "".join(cells[0]["source"]).splitlines()
                       if line.startswith("# "))
        titles.append(heading[2:].strip())
    return titles


def test_page_count_is_plausible():
    result = subprocess.run(["pdfinfo", str(PDF)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", result.stdout).group(1))
    assert pages >= 60


def test_every_chapter_is_in_the_pdf_in_toc_order(text):
    body = text[text.find("Introduction: the SCO at a glance", 2000):]  # after the contents
    positions = []
    for title in _chapter_titles():
        words = title.split(":")[0]
        assert words.lower() in body.lower(), f"chapter {title!r} is not in the PDF"
        positions.append(body.lower().find(words.lower()))
    assert positions == sorted(positions), "chapters are out of toc order"


def test_figures_are_numbered_and_bibliography_present(text):
    assert re.search(r"Fig\. 1\.1", text)
    assert "References" in text and "World Development Indicators" in text


def test_cyrillic_is_rendered(text):
    assert "Роль ШОС в обеспечении региональной безопасности" in text


def test_tables_print_as_tables_and_every_reference_resolves(text):
    # pandas' fixed-width text marks a wrapped frame with a trailing backslash and
    # runs off the page; a LaTeX table does neither, and breaks across pages.
    assert "Security mandate" in text and "Organisation" in text
    assert not re.search(r"Founded\s+\\\s*$", text, re.M)
    assert "continued from previous page" in text and "Table" not in re.findall(
        r"(\S+)\s*.?\s*continued from previous page", text)
    assert re.search(r"Fig\. \d+\.\d+: Security-relevant organisations of Eurasia\.",
                     " ".join(text.split()))
    assert "??" not in text  # a reference LaTeX could not resolve
