"""A book has an edition in each language whose translations it holds: the English one
always, the Russian one with ``locale/ru`` (the tiny books of the other integration
tests have none, and build in English only)."""

from __future__ import annotations

import shutil

import pytest

from analysis import paths

pytestmark = pytest.mark.integration


def test_a_book_with_translations_has_both_editions_and_one_without_has_no_switch(
        tmp_path, tiny_book, build_book):
    source = tiny_book({"a": "print('from a')"})
    english_only = build_book(source, tmp_path / "one")
    assert english_only.returncode == 0, english_only.stderr[-2000:]
    assert "no Russian edition" in english_only.stdout
    page = (tmp_path / "one" / "html" / "notebooks" / "a.html").read_text()
    assert not (tmp_path / "one" / "html" / "ru").exists()
    assert "edition-switch" not in page and 'hreflang="ru"' not in page  # nothing dead

    shutil.copytree(paths.REPO_ROOT / "locale", source / "locale")
    both = build_book(source, tmp_path / "two")
    assert both.returncode == 0, both.stderr[-2000:]
    html = tmp_path / "two" / "html"
    assert 'lang="ru"' in (html / "ru" / "notebooks" / "a.html").read_text()
    switch = 'class="edition-link" href="../ru/notebooks/a.html" hreflang="ru"'
    assert switch in (html / "notebooks" / "a.html").read_text()
