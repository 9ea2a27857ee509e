"""The Russian edition as built: the same numbers as the English one in Russian formats,
Russian throughout (but for proper names and titles), a switch to the same page in the
other edition, and catalogues that are complete and current."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest

from analysis import paths
from analysis.presentation import language
from tools import translations

HTML = paths.build_dir() / "html"
RUSSIAN = HTML / "ru"
PAGES = sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html")
               if not {"_static", "_sources", "ru"} & set(p.relative_to(HTML).parts))
READ = [page for page in PAGES if page not in ("index.html", "genindex.html", "search.html")]
GLUED = re.compile(r'<span class="pasted-text (glued-[\w-]+)">([^<]*)</span>')
SWITCH = re.compile(r'<nav class="edition-switch"[^>]*><a class="edition-link" href="([^"]+)"')

pytestmark = pytest.mark.skipif(not (RUSSIAN / "book" / "index.html").is_file(),
                                reason="needs the built book (make book)")


def _glued(page: Path) -> dict[str, set[str]]:
    values: dict[str, set[str]] = {}
    for key, text in GLUED.findall(page.read_text(encoding="utf-8")):
        values.setdefault(key, set()).add(html.unescape(text))
    return values


def test_the_russian_edition_has_every_page_of_the_english_one():
    missing = [page for page in PAGES if not (RUSSIAN / page).is_file()]
    assert not missing


@pytest.mark.parametrize("page", [p for p in READ if p.startswith("notebooks/")])
def test_every_glued_value_is_the_english_one_said_in_russian(page):
    english, russian = _glued(HTML / page), _glued(RUSSIAN / page)
    assert english, f"{page} cites no glued value"
    assert english.keys() == russian.keys(), (
        f"cited in one edition only: {sorted(english.keys() ^ russian.keys())}")
    for key, values in english.items():
        assert {language.say(value, "ru") for value in values} == russian[key], key
        for value in russian[key]:  # and no English number format is left
            assert not re.search(r"\d\.\d|\d,\d{3}", value), (key, value)


def _number(text: str) -> float | None:
    try:
        return float(text.replace("\u202f", "").replace(",", ".").replace("\u2212", "-"))
    except ValueError:
        return None


@pytest.mark.parametrize("page", [p for p in READ if p.startswith("notebooks/")])
def test_every_glued_number_equals_the_english_one(page):
    english, russian = _glued(HTML / page), _glued(RUSSIAN / page)
    for key, values in english.items():
        numbers = {_number(value.replace(",", "")) for value in values} - {None}
        if numbers:
            assert {_number(value) for value in russian[key]} == numbers, key


@pytest.mark.parametrize("page", READ)
def test_every_page_switches_to_itself_in_the_other_edition(page):
    english = SWITCH.search((HTML / page).read_text(encoding="utf-8"))
    russian = SWITCH.search((RUSSIAN / page).read_text(encoding="utf-8"))
    assert english and russian, page
    assert ((HTML / page).parent / english.group(1)).resolve() == (RUSSIAN / page).resolve()
    assert ((RUSSIAN / page).parent / russian.group(1)).resolve() == (HTML / page).resolve()


def test_every_russian_page_is_marked_russian():
    for page in READ:
        assert '<html lang="ru"' in (RUSSIAN / page).read_text(encoding="utf-8"), page


# What may stay in Latin script on a Russian page: proper names and titles as published
# (the bibliography, the datasets' publishers and titles, the catalogue's verbatim
# messages), acronyms, and code, addresses and numbers.
def _allowed_words() -> set[str]:
    words: set[str] = set()
    sources = [paths.BIBLIOGRAPHY.read_text(encoding="utf-8")]
    with (paths.REPO_ROOT / "data" / "registry.csv").open(encoding="utf-8") as handle:
        sources += [" ".join(row.values()) for row in csv.DictReader(handle)]
    exhibits = translations.load(language.catalogue_path("ru"))
    sources += [str(m.id) for m in exhibits if m.id and "verbatim" in m.flags]
    sources.append(PROPER_NAMES.read_text(encoding="utf-8"))
    for text in sources:
        words |= {word.lower() for word in LATIN.findall(text)}
    return words


# The names a Russian text writes in Latin script as they are published (outlets,
# publishers, software), one per line: the allow-list the issue asks for.
PROPER_NAMES = translations.LOCALE / "ru" / "latin_names.txt"
LATIN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
HIDDEN = re.compile(r"<!--.*?-->|<(script|style|code|pre)\b.*?</\1>"
                    r"|<div class=\"cell_input.*?</div>\s*</div>|<[^>]+>", re.DOTALL)


def _visible_text(page: str) -> str:
    main = re.search(r"<main\b[^>]*>", page)
    body = page[main.end():] if main else page
    return html.unescape(HIDDEN.sub(" ", body))


# code, paths, keys, file types and site names ("rferl.org"), and what a Russian text
# quotes as it was typed or published («OSCE concern Khorog July 2012»)
CODE = re.compile(r"\S*[/_@]\S*|\S*\.(?:csv|ipynb|py|json|yml|cff|html|pdf|md)\b"
                  r"|\S+\.[a-z]{2,}\b|«[^«»]*»|\b(?:tbl|fig)-[\w-]+")


def _english_words(text: str, allowed: set[str]) -> set[str]:
    return {word for word in LATIN.findall(CODE.sub(" ", text))
            if word.lower() not in allowed and not word.isupper()}


def test_no_english_is_left_on_any_russian_page_or_figure():
    allowed = _allowed_words()
    left: dict[str, set[str]] = {}
    for page in PAGES:
        words = _english_words(_visible_text((RUSSIAN / page).read_text(encoding="utf-8")),
                               allowed)
        if words:
            left[page] = words
    for figure in sorted((RUSSIAN / "_images").glob("*.svg")):
        # matplotlib draws text as outlines and writes each text as a comment before it
        texts = " ".join(re.findall(r"<!-- (.*?) -->", figure.read_text(encoding="utf-8")))
        texts = re.sub(r"\$[^$]*\$", " ", texts)  # mathtext: a logarithmic axis's 10^3
        words = _english_words(html.unescape(texts), allowed)
        if words:
            left[figure.name] = words
    assert not left, {page: sorted(words)[:15] for page, words in left.items()}


def test_the_catalogues_are_complete_current_and_follow_the_term_base(capsys):
    status = translations.check()
    assert status == 0, capsys.readouterr().out[-3000:]
