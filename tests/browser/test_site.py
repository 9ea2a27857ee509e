"""The built HTML book in a real browser (Debian's Chromium driven by Playwright).

The site is served from 127.0.0.1; every request the pages make is recorded, and
any request to another host fails the test: the book must be readable offline and
must not leak its readers to third parties.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

from analysis import paths
from analysis.sections import s00_introduction

pytestmark = pytest.mark.browser

HTML = paths.build_dir() / "html"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PAGES = sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html")
               if not {"_static", "_sources"} & set(p.relative_to(HTML).parts))
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def site():
    assert (HTML / "index.html").is_file(), "run `make book` before the browser tests"
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: install Debian's chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


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


CHAPTERS = sorted(p for p in PAGES if p.startswith("notebooks/"))
PHONE = {"width": 390, "height": 844}


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
