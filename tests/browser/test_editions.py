"""The language switch in a browser: on a phone, from every chapter to the same chapter
in the other edition and back, with the keyboard as with a tap."""

from __future__ import annotations

import pytest
from book_pages import CHAPTERS, PHONE, open_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", [*CHAPTERS, "book/index.html"])
def test_the_switch_lands_on_the_same_page_in_the_other_edition(site, browser, name):
    visit = open_page(browser, f"{site}/{name}", PHONE, wait_until="load")
    page, errors = visit.page, visit.errors
    switch = page.locator("nav.edition-switch a[hreflang='ru']")
    assert switch.is_visible() and switch.inner_text() == "Русский"
    switch.click()
    page.wait_for_url(f"{site}/ru/{name}")
    assert page.locator("html").get_attribute("lang") == "ru"
    back = page.locator("nav.edition-switch a[hreflang='en']")
    back.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/{name}")
    assert not errors
    page.close()
