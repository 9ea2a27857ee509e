"""The book as its readers meet it: on a phone and a desktop, on a slow connection,
moving by its navigation, searching it, and looking for the data behind a figure, a
claim's verdict, the PDF or the licences (axe-core's checks are in test_axe.py)."""

from __future__ import annotations

import csv
import io
import re
import urllib.request

import pytest
from book_pages import CHAPTERS, DESKTOP, PHONE, READ, edition, open_page

from analysis.presentation import language

pytestmark = pytest.mark.browser

MIB = 1024 * 1024


@pytest.mark.parametrize("name", READ)
def test_a_page_transfers_under_1_mib_before_its_images(site, browser, name):
    """Every response but images, as served (the test server does not compress, so
    this is an upper bound of what a reader downloads)."""
    page, _, responses = open_page(browser, f"{site}/{name}")
    sizes = {r.url: len(r.body()) for r in responses
             if r.ok and r.request.resource_type != "image"}
    page.close()
    total = sum(sizes.values())
    largest = sorted(sizes.items(), key=lambda item: -item[1])[:3]
    assert total < MIB, f"{name} transfers {total / 1024:.0f} KiB; largest: {largest}"


def _visible(page, selector: str):
    shown = [toggle for toggle in page.locator(selector).all() if toggle.is_visible()]
    assert shown, f"no visible {selector}"
    return shown[0]


def test_on_a_phone_the_site_navigation_opens_and_its_links_work(site, browser):
    page, errors, _ = open_page(browser, f"{site}/notebooks/21_security.html", PHONE)
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
    page, errors, _ = open_page(browser, f"{site}/notebooks/21_security.html", PHONE)
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
    page, errors, _ = open_page(browser, f"{site}/notebooks/21_security.html", DESKTOP)
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


def _fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url) as response:
        return response.headers.get_content_type(), response.read()


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_exhibit_offers_its_data_and_every_figure_is_described(site, browser, name):
    page, _, _ = open_page(browser, f"{site}/{name}")
    exhibits = page.evaluate("""() => [...document.querySelectorAll('figure[id]')]
        .filter(f => f.querySelector('img, table')).map(f => {
          const img = f.querySelector('img'), link = f.querySelector('.book-figure-data a');
          const described = img && document.getElementById(img.getAttribute('aria-describedby'));
          return {id: f.id, figure: !!img, csv: link ? link.href : null,
                  caption: f.querySelector('figcaption .caption-text')?.textContent.trim(),
                  description: described ? described.textContent.trim() : null}; })""")
    page.close()
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


@pytest.mark.parametrize("name", CHAPTERS)
def test_on_a_phone_no_table_hides_its_verdict(site, browser, name):
    """A column named Verdict (the claims tables) shows without scrolling sideways."""
    page, _, _ = open_page(browser, f"{site}/{name}", PHONE)
    hidden = page.evaluate("""() => [...document.querySelectorAll('table.book-table')]
        .flatMap(t => [...t.tHead.rows[0].cells].filter(c => c.textContent.trim() === 'Verdict')
          .filter(c => c.getBoundingClientRect().right >
                       t.closest('.book-table-wrap').getBoundingClientRect().right + 1)
          .map(() => t.closest('figure')?.id))""")
    page.close()
    assert hidden == [], f"{name}: the verdict is off-screen in {hidden}"


def test_a_long_table_shows_its_first_rows_and_filters_all(site, browser):
    page, errors, _ = open_page(browser, f"{site}/notebooks/89_crisis_codebook.html", PHONE)
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


@pytest.mark.parametrize("name", READ)
def test_every_page_links_to_the_pdf_and_states_the_licences(site, browser, name):
    page, _, _ = open_page(browser, f"{site}/{name}")
    links = page.evaluate("""() => ({
        pdf: [...document.querySelectorAll('a.book-pdf-link')].map(a => a.href),
        footer_pdf: [...document.querySelectorAll('.book-links a')]
          .filter(a => a.href.endsWith('.pdf')).map(a => a.href),
        licences: [...document.querySelectorAll('.book-licence a')]
          .map(a => [a.textContent, a.href]),
        footer: document.querySelector('.book-licence')?.textContent || ''})""")
    page.close()
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


SEARCHES = ("remittances", "Andijan", "Tashkent")  # prose, tables and both
RUN_TOGETHER = re.compile(r"[a-z][A-Z][a-z]|\d[A-Z][a-z]")  # "KazakhstanKyrgyzstan"


@pytest.mark.parametrize("term", SEARCHES)
def test_search_snippets_quote_prose_not_code_or_run_together_cells(site, browser, term):
    page, errors, _ = open_page(browser, f"{site}/search.html?q={term}")
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
