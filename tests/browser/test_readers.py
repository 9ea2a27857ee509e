"""The book as its readers use it: on a phone and a desktop, moving by its navigation,
filtering a long table and searching it (what every page shows a reader who only reads
it is in test_pages.py, axe-core's checks in test_axe.py)."""

from __future__ import annotations

import re

import pytest
from book_pages import DESKTOP, PHONE, open_page

pytestmark = pytest.mark.browser


def _visible(page, selector: str):
    shown = [toggle for toggle in page.locator(selector).all() if toggle.is_visible()]
    assert shown, f"no visible {selector}"
    return shown[0]


def test_on_a_phone_the_site_navigation_opens_and_its_links_work(site, browser):
    visit = open_page(browser, f"{site}/notebooks/21_security.html", PHONE)
    page, errors = visit.page, visit.errors
    _visible(page, ".primary-toggle").click()
    dialog = page.locator("dialog#pst-primary-sidebar-modal")
    dialog.wait_for(state="visible", timeout=5_000)
    link = dialog.locator("nav a[href$='22_economy.html']")
    link.click()
    page.wait_for_url("**/notebooks/22_economy.html")
    assert page.locator("h1").first.inner_text().startswith("2.2")
    assert errors == []
    page.close()


def test_on_a_phone_the_page_contents_open_and_lead_to_a_section(site, browser):
    visit = open_page(browser, f"{site}/notebooks/21_security.html", PHONE)
    page, errors = visit.page, visit.errors
    _visible(page, ".secondary-toggle").click()
    dialog = page.locator("dialog#pst-secondary-sidebar-modal")
    dialog.wait_for(state="visible", timeout=5_000)
    link = dialog.locator("a[href^='#']").nth(1)
    target = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**{target}")
    assert page.locator(target).is_visible()
    assert errors == []
    page.close()


def test_on_a_desktop_the_sidebar_hides_and_shows_again(site, browser):
    visit = open_page(browser, f"{site}/notebooks/21_security.html", DESKTOP)
    page, errors = visit.page, visit.errors
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    sidebar.locator("nav a[href$='22_economy.html']").click()
    page.wait_for_url("**/notebooks/22_economy.html")
    _visible(page, ".primary-toggle").click()
    page.wait_for_timeout(400)  # the theme's transition
    assert not sidebar.is_visible()
    _visible(page, ".primary-toggle").click()
    page.wait_for_timeout(400)
    assert sidebar.is_visible()
    assert errors == []
    page.close()


def test_a_long_table_shows_its_first_rows_and_filters_all(site, browser):
    visit = open_page(browser, f"{site}/notebooks/89_crisis_codebook.html", PHONE)
    page, errors = visit.page, visit.errors
    table = page.locator("table.book-table").filter(has=page.locator("tbody tr:nth-child(41)"))
    table = table.first
    total = table.locator("tbody tr").count()
    shown = table.locator("tbody tr:visible").count()
    assert shown < total
    filter_box = page.locator(".book-table-tools input[type=search]").first
    filter_box.fill("Andijan")
    kept = table.locator("tbody tr:visible")
    assert 0 < kept.count() < shown and all("andijan" in row.lower()
                                             for row in kept.all_inner_texts())
    filter_box.fill("")
    page.locator(".book-table-tools button").first.click()
    assert table.locator("tbody tr:visible").count() == total
    assert errors == []
    page.close()


SEARCHES = ("remittances", "Andijan", "Tashkent")  # prose, tables and both
RUN_TOGETHER = re.compile(r"[a-z][A-Z][a-z]|\d[A-Z][a-z]")  # "KazakhstanKyrgyzstan"


@pytest.mark.parametrize("term", SEARCHES)
def test_search_snippets_quote_prose_not_code_or_run_together_cells(site, browser, term):
    visit = open_page(browser, f"{site}/search.html?q={term}")
    page, errors = visit.page, visit.errors
    page.wait_for_selector("#search-results li p.context", timeout=20_000)
    page.wait_for_function("() => !document.querySelector('#search-progress')?.textContent"
                           ".includes('Preparing')", timeout=20_000)
    snippets = page.eval_on_selector_all("#search-results li p.context",
                                         "ps => ps.map(p => p.textContent)")
    page.close()
    assert snippets and errors == []
    for snippet in snippets:
        assert term.lower() in snippet.lower(), snippet
        assert "Overview Prerequisites" not in snippet, snippet  # the print-only contents
        assert "Show the code" not in snippet and "Hide the code" not in snippet, snippet
        assert not re.search(r"\bimport (analysis|numpy|pandas)|from analysis|\.setup\(",
                             snippet), snippet
        assert not RUN_TOGETHER.search(snippet), snippet
