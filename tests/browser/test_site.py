"""The built HTML book in a real browser (Debian's Chromium driven by Playwright),
served from 127.0.0.1: its glued numbers, its search, its icon and its tables' scroll
shadows (what every page shows, offline and without errors, is in test_pages.py)."""

from __future__ import annotations

import urllib.request

import pytest
from book_pages import PAGES, PHONE, open_page

from analysis.sections import s00_introduction

pytestmark = pytest.mark.browser


def test_the_book_has_pages():
    assert len(PAGES) > 10


def test_glued_numbers_are_visible(site, browser):
    values = s00_introduction.numbers()
    visit = open_page(browser, f"{site}/notebooks/00_introduction.html")
    text = visit.page.inner_text("main")
    for key, spec in (("population_thesis_bn", ".2f"), ("gdp_thesis_trn", ".1f"),
                      ("area_share_eurasia_thesis", ".0f"), ("founders_population_year", "")):
        rendered = format(values[key], spec)
        assert rendered in text, f"{key} = {rendered} is not visible"
    visit.close()


def test_search_finds_a_chapter(site, browser):
    visit = open_page(browser, f"{site}/search.html?q=Kazakhstan")
    page, errors = visit.page, visit.errors
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


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_table_scroll_shadows_match_what_is_behind_the_table(site, browser, mode):
    """The shadows that show a table scrolls sideways are covered, where there is nothing
    more to see, by gradients in the page's colour; on a panel of another colour the
    covers would show as dark or light bands over the first and last columns."""
    visit = open_page(browser, f"{site}/notebooks/21_security.html", PHONE, mode)
    page = visit.page
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    pairs = page.evaluate("""() => [...document.querySelectorAll('.book-table-wrap')].map(w => {
        let e = w.parentElement, behind = 'rgba(0, 0, 0, 0)';
        while (e) { const c = getComputedStyle(e).backgroundColor;
          if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { behind = c; break; }
          e = e.parentElement; }
        if (behind === 'rgba(0, 0, 0, 0)') behind = getComputedStyle(document.body).backgroundColor;
        const cover = getComputedStyle(w).backgroundImage.match(/rgba?\\([^)]*\\)/)[0];
        return [cover, behind]; })""")
    visit.close()
    assert pairs and all(cover == behind for cover, behind in pairs), pairs
