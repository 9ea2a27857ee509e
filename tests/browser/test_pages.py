"""What every page of both editions shows a reader who reads it, and every chapter on a
phone. Each page is loaded once per screen (a module-scoped fixture) and every check
here only reads it; the checks that click, type or navigate open their own pages
(test_readers.py, test_site.py, test_editions.py)."""

from __future__ import annotations

import csv
import importlib
import io
import re
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from book_pages import CHAPTERS, HTML, PAGES, PHONE, READ, edition, open_page

from analysis.presentation import language

pytestmark = pytest.mark.browser

MIB = 1024 * 1024
MIN_TEXT_PX = 10  # the smallest text a figure may show, in CSS px at 390 x 844
GLYPH_SCALE = re.compile(r'<g transform="translate\([^)]*\)(?: rotate\([^)]*\))? '
                         r'scale\(([\d.]+) -[\d.]+\)"')


def _opened(request, site, browser, viewport=None):
    visit = open_page(browser, f"{site}/{request.param}", viewport)
    yield request.param, visit
    visit.close()


@pytest.fixture(scope="module", params=READ)
def at_a_desktop(request, site, browser):
    """(name, visit) of each page a reader reads, at a desktop width, fully loaded."""
    yield from _opened(request, site, browser)


@pytest.fixture(scope="module", params=CHAPTERS)
def chapter_at_a_desktop(request, site, browser):
    yield from _opened(request, site, browser)


@pytest.fixture(scope="module", params=CHAPTERS)
def chapter_on_a_phone(request, site, browser):
    yield from _opened(request, site, browser, PHONE)


def _fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url) as response:
        return response.headers.get_content_type(), response.read()


def _assert_clean_and_offline(name: str, visit) -> None:
    """No request to another host (the book must be readable offline and must not leak
    its readers to third parties), no console error, every image loaded."""
    external = [u for u in visit.requests if urlparse(u).hostname not in ("127.0.0.1", None)
                and not u.startswith("data:")]
    assert external == [], f"{name} requests other hosts: {external}"
    assert visit.errors == [], f"{name} logs console errors: {visit.errors}"
    broken = visit.page.eval_on_selector_all(
        "img", "imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
    assert broken == [], f"{name} has images that did not load: {broken}"


def test_page_loads_cleanly_and_offline(at_a_desktop):
    _assert_clean_and_offline(*at_a_desktop)


@pytest.mark.parametrize("name", [page for page in PAGES if page not in READ])
def test_an_edition_root_loads_cleanly_and_offline(site, browser, name):
    """An edition's index.html, which only sends the reader on to its first page."""
    visit = open_page(browser, f"{site}/{name}")
    _assert_clean_and_offline(name, visit)
    visit.close()


def test_a_page_transfers_under_1_mib_before_its_images(at_a_desktop):
    """Every response but images, as served (the test server does not compress, so
    this is an upper bound of what a reader downloads)."""
    name, visit = at_a_desktop
    sizes = {r.url: len(r.body()) for r in visit.responses
             if r.ok and r.request.resource_type != "image"}
    total = sum(sizes.values())
    largest = sorted(sizes.items(), key=lambda item: -item[1])[:3]
    assert total < MIB, f"{name} transfers {total / 1024:.0f} KiB; largest: {largest}"


def test_every_page_links_to_the_pdf_and_states_the_licences(at_a_desktop):
    name, visit = at_a_desktop
    links = visit.page.evaluate("""() => ({
        pdf: [...document.querySelectorAll('a.book-pdf-link')].map(a => a.href),
        footer_pdf: [...document.querySelectorAll('.book-links a')]
          .filter(a => a.href.endsWith('.pdf')).map(a => a.href),
        licences: [...document.querySelectorAll('.book-licence a')]
          .map(a => [a.textContent, a.href]),
        footer: document.querySelector('.book-licence')?.textContent || ''})""")
    # the header's link on the landing page and every chapter; the footer's everywhere
    lang, within = edition(name)
    header = within.startswith(("book/", "notebooks/"))
    assert len(links["pdf"]) == header, f"{name}: {len(links['pdf'])} PDF links in its header"
    for href in {*links["pdf"], *links["footer_pdf"]}:
        kind, body = _fetch(href)
        assert kind == "application/pdf" and body.startswith(b"%PDF"), href
    assert links["footer_pdf"], f"{name} has no PDF link in its footer"
    assert "MIT" in links["footer"] and "CC BY 4.0" in links["footer"], name
    texts = {text: _fetch(href)[1].decode() for text, href in links["licences"]}
    assert texts[language.say("MIT licence", lang)].startswith("MIT License"), name
    assert "Attribution 4.0 International" in texts["CC BY 4.0"], name


def test_every_exhibit_offers_its_data_and_every_figure_is_described(chapter_at_a_desktop):
    name, visit = chapter_at_a_desktop
    exhibits = visit.page.evaluate("""() => [...document.querySelectorAll('figure[id]')]
        .filter(f => f.querySelector('img, table')).map(f => {
          const img = f.querySelector('img'), link = f.querySelector('.book-figure-data a');
          const described = img && document.getElementById(img.getAttribute('aria-describedby'));
          return {id: f.id, figure: !!img, csv: link ? link.href : null,
                  caption: f.querySelector('figcaption .caption-text')?.textContent.trim(),
                  description: described ? described.textContent.trim() : null}; })""")
    assert exhibits, f"{name} has no exhibits"
    for exhibit in exhibits:
        assert exhibit["csv"], f"{exhibit['id']} has no link to its data"
        kind, body = _fetch(exhibit["csv"])
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
        assert len(rows) >= 2 and all(len(row) == len(rows[0]) for row in rows), exhibit["id"]
        if exhibit["figure"]:
            description = exhibit["description"]
            assert description and len(description) > 60, f"{exhibit['id']} is not described"
            assert exhibit["caption"] not in description, f"{exhibit['id']}: repeats its caption"


def test_figures_have_their_caption_as_alt_text_and_open_full_size(chapter_at_a_desktop):
    _, visit = chapter_at_a_desktop
    images = visit.page.evaluate("""() => [...document.querySelectorAll('figure img')].map(i =>
        ({alt: i.getAttribute('alt') || '', link: i.closest('a') ? i.closest('a').href : '',
          src: i.src}))""")
    for image in images:
        assert len(image["alt"]) > 20 and "/" not in image["alt"], image
        assert image["link"] == image["src"], "a tap on a figure opens it at full size"


def test_on_a_phone_no_table_hides_its_verdict(chapter_on_a_phone):
    """A column named Verdict (the claims tables) shows without scrolling sideways."""
    name, visit = chapter_on_a_phone
    hidden = visit.page.evaluate("""() => [...document.querySelectorAll('table.book-table')]
        .flatMap(t => [...t.tHead.rows[0].cells].filter(c => c.textContent.trim() === 'Verdict')
          .filter(c => c.getBoundingClientRect().right >
                       t.closest('.book-table-wrap').getBoundingClientRect().right + 1)
          .map(() => t.closest('figure')?.id))""")
    assert hidden == [], f"{name}: the verdict is off-screen in {hidden}"


def test_on_a_phone_code_is_collapsed_and_wide_tables_scroll(chapter_on_a_phone):
    _, visit = chapter_on_a_phone
    code = visit.page.evaluate("""() => [...document.querySelectorAll('.cell')]
        .filter(c => c.querySelector('.cell_input'))
        .map(c => { const d = c.querySelector('details'); return d !== null && !d.open; })""")
    assert code and all(code), "every code cell sits in a closed 'show code' toggle"
    # a table wider than the column must sit in an element that scrolls sideways
    cut = visit.page.evaluate("""() => [...document.querySelectorAll('article table')]
        .filter(t => t.getBoundingClientRect().right > window.innerWidth + 1)
        .filter(t => { let e = t.parentElement;
            while (e && e.tagName !== 'ARTICLE') {
              const o = getComputedStyle(e).overflowX;
              if ((o === 'auto' || o === 'scroll') && e.clientWidth <= window.innerWidth)
                return false;
              e = e.parentElement; }
            return true; }).length""")
    assert cut == 0, f"{cut} table(s) run off a phone screen with nothing to scroll"


def svg_text(svg: str) -> tuple[float, float]:
    """(width of the drawing, size of its smallest text), both in the SVG's units
    (points). matplotlib draws each piece of text as outlines of glyphs 100 units high,
    scaled to its size: ``scale(0.1 -0.1)`` is 10 pt text."""
    width = float(re.search(r'viewBox="0 0 ([\d.]+) [\d.]+"', svg).group(1))
    sizes = [100 * float(scale) for scale in GLYPH_SCALE.findall(svg)]
    assert sizes, "no text found in the figure"
    return width, min(sizes)


def test_svg_text_is_measured_from_the_glyph_scale():
    svg = ('<svg viewBox="0 0 324 200"><g transform="translate(1 2) scale(0.1 -0.1)"/>'
           '<g transform="translate(3 4) rotate(-90) scale(0.12 -0.12)"/></svg>')
    assert svg_text(svg) == (324.0, 10.0)


def test_on_a_phone_figure_text_is_at_least_10_css_px(chapter_on_a_phone):
    """Every figure is an SVG scaled to the column; its smallest text, times the scale
    at which the phone shows it, must be legible."""
    name, visit = chapter_on_a_phone
    figures = visit.page.eval_on_selector_all(
        "figure img", "imgs => imgs.map(i => [i.getAttribute('src'), "
                      "i.getBoundingClientRect().width])")
    module = importlib.import_module(f"analysis.sections.s{Path(name).stem}")
    assert len(figures) == sum(e.kind == "figure" for e in module.EXHIBITS.values())
    for src, shown in figures:
        assert src.endswith(".svg"), f"{src}: figures are SVG, sharp at any size"
        width, smallest = svg_text((HTML / name).parent.joinpath(src).read_text())
        assert smallest * shown / width >= MIN_TEXT_PX, (
            f"{src}: its smallest text shows at {smallest * shown / width:.1f} CSS px")
