"""Launch buttons appear when, and only when, the repository URL is set."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.integration

SAMPLE = "https://github.com/example-owner/sco-book"


def _page(tiny_book, build_book, tmp_path, monkeypatch, url: str | None) -> str:
    if url is None:
        monkeypatch.delenv("SCO_REPOSITORY_URL", raising=False)
    else:
        monkeypatch.setenv("SCO_REPOSITORY_URL", url)
    source = tiny_book({"a": "print(1)"}, record=False)
    built = build_book(source, tmp_path / "build")
    assert built.returncode == 0, built.stdout + built.stderr
    return (tmp_path / "build" / "html" / "notebooks" / "a.html").read_text(encoding="utf-8")


def test_a_sample_repository_url_gives_working_launch_links(tiny_book, build_book, tmp_path,
                                                            monkeypatch):
    page = _page(tiny_book, build_book, tmp_path, monkeypatch, SAMPLE)
    links = set(re.findall(r'href="([^"]+)"', page))
    assert ("https://mybinder.org/v2/gh/example-owner/sco-book/main"
            "?urlpath=lab/tree/notebooks/a.ipynb") in {link.replace("&amp;", "&")
                                                        for link in links}
    assert ("https://colab.research.google.com/github/example-owner/sco-book/blob/main/"
            "notebooks/a.ipynb") in links
    assert SAMPLE in links  # the repository button
    # the footer's links to the repository's data and citation
    assert {f"{SAMPLE}/tree/main/data", f"{SAMPLE}/blob/main/CITATION.cff"} <= links


def test_without_a_repository_url_there_is_no_launch_or_repository_link(
        tiny_book, build_book, tmp_path, monkeypatch):
    page = _page(tiny_book, build_book, tmp_path, monkeypatch, None)
    for host in ("mybinder.org", "colab.research.google.com", "github.com"):
        assert host not in page
