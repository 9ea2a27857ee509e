"""The built HTML book in a real browser (Debian's Chromium driven by Playwright).

The site is served from 127.0.0.1; every request the pages make is recorded, and
any request to another host fails the test: the book must be readable offline and
must not leak its readers to third parties.
"""

from __future__ import annotations

import importlib
import re
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from book_pages import CHAPTERS, HTML, PAGES, PHONE

from analysis.sections import s00_introduction

pytestmark = pytest.mark.browser


def _visit(browser, url: str):
    page = browser.new_page()
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, wait_until="networkidle")
    return page, errors, requests


def test_the_book_has_pages():
    assert len(PAGES) > 10


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly_and_offline(site, browser, name):
    page, errors, requests = _visit(browser, f"{site}/{name}")
    external = [u for u in requests if urlparse(u).hostname not in ("127.0.0.1", None)
                and not u.startswith("data:")]
    assert external == [], f"{name} requests other hosts: {external}"
    assert errors == [], f"{name} logs console errors: {errors}"
    broken = page.eval_on_selector_all(
        "img", "imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
    assert broken == [], f"{name} has images that did not load: {broken}"
    page.close()


def test_glued_numbers_are_visible(site, browser):
    values = s00_introduction.numbers()
    page, _, _ = _visit(browser, f"{site}/notebooks/00_introduction.html")
    text = page.inner_text("main")
    for key, spec in (("population_thesis_bn", ".2f"), ("gdp_thesis_trn", ".1f"),
                      ("area_share_eurasia_thesis", ".0f"), ("founders_population_year", "")):
        rendered = format(values[key], spec)
        assert rendered in text, f"{key} = {rendered} is not visible"
    page.close()


def test_search_finds_a_chapter(site, browser):
    page, errors, _ = _visit(browser, f"{site}/search.html?q=Kazakhstan")
    page.wait_for_selector("#search-results li a", timeout=20_000)
    links = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.href)")
    assert any("31_kazakhstan_sco" in link for link in links), links
    assert errors == []
    page.close()


def test_the_default_icon_address_is_served(site):
    # Chromium sometimes asks for /favicon.ico before it reads the page's icon link;
    # a 404 there is a console error on a reader's first visit.
    with urllib.request.urlopen(f"{site}/favicon.ico") as response:
        assert response.status == 200
        assert response.read(4) == b"\x00\x00\x01\x00"  # an ICO file




@pytest.mark.parametrize("name", CHAPTERS)
def test_on_a_phone_code_is_collapsed_and_wide_tables_scroll(site, browser, name):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{site}/{name}", wait_until="networkidle")
    code = page.evaluate("""() => [...document.querySelectorAll('.cell')]
        .filter(c => c.querySelector('.cell_input'))
        .map(c => { const d = c.querySelector('details'); return d !== null && !d.open; })""")
    assert code and all(code), "every code cell sits in a closed 'show code' toggle"
    # a table wider than the column must sit in an element that scrolls sideways
    cut = page.evaluate("""() => [...document.querySelectorAll('article table')]
        .filter(t => t.getBoundingClientRect().right > window.innerWidth + 1)
        .filter(t => { let e = t.parentElement;
            while (e && e.tagName !== 'ARTICLE') {
              const o = getComputedStyle(e).overflowX;
              if ((o === 'auto' || o === 'scroll') && e.clientWidth <= window.innerWidth)
                return false;
              e = e.parentElement; }
            return true; }).length""")
    assert cut == 0, f"{cut} table(s) run off a phone screen with nothing to scroll"
    page.close()


@pytest.mark.parametrize("name", CHAPTERS)
def test_figures_have_their_caption_as_alt_text_and_open_full_size(site, browser, name):
    page = browser.new_page()
    page.goto(f"{site}/{name}", wait_until="networkidle")
    images = page.evaluate("""() => [...document.querySelectorAll('figure img')].map(i =>
        ({alt: i.getAttribute('alt') || '', link: i.closest('a') ? i.closest('a').href : '',
          src: i.src}))""")
    for image in images:
        assert len(image["alt"]) > 20 and "/" not in image["alt"], image
        assert image["link"] == image["src"], "a tap on a figure opens it at full size"
    page.close()


MIN_TEXT_PX = 10  # the smallest text a figure may show, in CSS px at 390 x 844
GLYPH_SCALE = re.compile(r'<g transform="translate\([^)]*\)(?: rotate\([^)]*\))? '
                         r'scale\(([\d.]+) -[\d.]+\)"')


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


@pytest.mark.parametrize("name", CHAPTERS)
def test_on_a_phone_figure_text_is_at_least_10_css_px(site, browser, name):
    """Every figure is an SVG scaled to the column; its smallest text, times the scale
    at which the phone shows it, must be legible."""
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{site}/{name}", wait_until="networkidle")
    figures = page.eval_on_selector_all(
        "figure img", "imgs => imgs.map(i => [i.getAttribute('src'), "
                      "i.getBoundingClientRect().width])")
    page.close()
    module = importlib.import_module(f"analysis.sections.s{Path(name).stem}")
    assert len(figures) == sum(e.kind == "figure" for e in module.EXHIBITS.values())
    for src, shown in figures:
        assert src.endswith(".svg"), f"{src}: figures are SVG, sharp at any size"
        width, smallest = svg_text((HTML / name).parent.joinpath(src).read_text())
        assert smallest * shown / width >= MIN_TEXT_PX, (
            f"{src}: its smallest text shows at {smallest * shown / width:.1f} CSS px")


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_table_scroll_shadows_match_what_is_behind_the_table(site, browser, mode):
    """The shadows that show a table scrolls sideways are covered, where there is nothing
    more to see, by gradients in the page's colour; on a panel of another colour the
    covers would show as dark or light bands over the first and last columns."""
    context = browser.new_context(viewport=PHONE, color_scheme=mode)
    page = context.new_page()
    page.add_init_script(f"localStorage.setItem('mode', '{mode}');"
                         f"localStorage.setItem('theme', '{mode}');")
    page.goto(f"{site}/notebooks/21_security.html", wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    pairs = page.evaluate("""() => [...document.querySelectorAll('.book-table-wrap')].map(w => {
        let e = w.parentElement, behind = 'rgba(0, 0, 0, 0)';
        while (e) { const c = getComputedStyle(e).backgroundColor;
          if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { behind = c; break; }
          e = e.parentElement; }
        if (behind === 'rgba(0, 0, 0, 0)') behind = getComputedStyle(document.body).backgroundColor;
        const cover = getComputedStyle(w).backgroundImage.match(/rgba?\\([^)]*\\)/)[0];
        return [cover, behind]; })""")
    context.close()
    assert pairs and all(cover == behind for cover, behind in pairs), pairs
