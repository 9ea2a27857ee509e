"""The built HTML book: every chapter page, its figures and its glued numbers."""

from __future__ import annotations

import html
import importlib
import re

import nbformat
import pytest

from analysis import paths
from analysis.sections import s91_replication

pytestmark = pytest.mark.integration

HTML = paths.build_dir() / "html"
GLUE = re.compile(r"\{glue:text\}`([A-Za-z_][A-Za-z0-9_]*)(?::([^`]*))?`")
# notebook -> the function computing the numbers its prose quotes
NUMBERS = {file.stem: importlib.import_module(f"analysis.sections.s{file.stem}").numbers
           for file in sorted((paths.REPO_ROOT / "notebooks").glob("*.ipynb"))
           if file.stem != "91_replication"}


def _page(name: str) -> str:
    page = HTML / "notebooks" / f"{name}.html"
    assert page.is_file(), f"{page} is missing: run `make book` before the tests"
    return page.read_text(encoding="utf-8")


def _text(page: str) -> str:
    """The page's visible text, with Sphinx's typographic apostrophes as typed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).replace("’", "'")


def test_the_book_has_a_landing_page():
    assert (HTML / "index.html").is_file(), "run `make book` before the tests"


@pytest.mark.parametrize("name", sorted(NUMBERS))
def test_every_glued_number_is_rendered_with_its_value(name):
    text = _text(_page(name))
    notebook = nbformat.read(paths.REPO_ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    references = GLUE.findall(markdown)
    assert references, "the chapter quotes no glued number"
    values = NUMBERS[name]()
    for key, spec in references:
        assert key in values, f"{key} is glued in the text but not computed"
        rendered = format(values[key], spec) if spec else str(values[key])
        assert rendered in text, f"{key} should read {rendered!r} in the page"
    assert "{glue" not in text, "an unresolved glue role is left in the page"


def test_introduction_shows_map_table_and_figures():
    page = _page("00_introduction")
    images = re.findall(r'<img [^>]*src="([^"]+\.svg)"', page)
    assert len(images) == 3
    for src in images:
        assert (HTML / "notebooks" / src).resolve().is_file(), src
    assert "Total (8 members)" in page and "Share of Eurasia" in page
    for figure in ("fig-intro-map", "fig-intro-shares", "fig-intro-paths"):
        assert f'id="{figure}"' in page


@pytest.mark.parametrize("name", sorted(NUMBERS))
def test_every_figure_is_numbered_and_its_image_exists(name):
    page = _page(name)
    notebook = nbformat.read(paths.REPO_ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    names = [c.metadata["mystnb"]["figure"]["name"] for c in notebook.cells
             if "figure" in c.metadata.get("mystnb", {})]
    for figure in names:
        assert f'id="{figure}"' in page, figure
    for src in re.findall(r'<img [^>]*src="([^"]+)"', page):
        assert (HTML / "notebooks" / src).resolve().is_file(), src


@pytest.mark.parametrize("name", sorted(NUMBERS))
def test_exhibits_carry_their_book_numbers_and_figures_their_captions_as_alt_text(name):
    page = _page(name)
    inventory = s91_replication.figure_inventory()
    mine = inventory[inventory["notebook"] == f"notebooks/{name}.ipynb"]
    for row in mine.itertuples():
        block = page[page.index(f'id="{row.name}"'):]
        number = re.search(r'<span class="caption-number">([^<]+)</span>', block).group(1)
        assert number.strip() == row.number, row.name
        if row.kind == "figure":
            alt = re.search(r'<img [^>]*alt="([^"]*)"', block).group(1)
            assert html.unescape(alt) == row.caption
    for alt in re.findall(r'<img [^>]*alt="([^"]*)"', page):
        assert not re.search(r"\.(png|svg|jpe?g)$|/", alt), f"alt text is a path: {alt}"


@pytest.mark.parametrize("name", sorted(NUMBERS))
def test_every_code_cell_is_hidden_behind_a_toggle(name):
    page = _page(name)
    cells = re.findall(r'<div class="(cell(?: [^"]*)?)"', page)
    assert cells and all("tag_hide-input" in classes for classes in cells)


@pytest.mark.parametrize("name", sorted(NUMBERS))
def test_every_mention_of_a_chapter_is_a_link(name):
    article = _page(name)
    article = article[article.find("<article"):article.rfind("</article>")]
    without_links = re.sub(r"<a [^>]*>.*?</a>", "", article, flags=re.S)
    assert not re.search(r"Chapter \d\.\d", _text(without_links)), \
        "write a chapter's name as [Chapter 2.1](chapter-2-1)"
