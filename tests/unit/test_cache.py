"""Parsed frames are cached by raw-file hash and parser code."""

from __future__ import annotations

import pandas as pd

from analysis import cache


def _parse(file):
    return pd.read_csv(file)


def test_parsed_frame_is_cached_and_reused(fake_data):
    first = cache.parsed("demo", _parse)
    pickles = list((fake_data.cache / "parsed").glob("demo-*.pkl"))
    assert len(pickles) == 1
    pd.testing.assert_frame_equal(cache.parsed("demo", _parse), first)


def test_a_different_parser_gets_a_different_cache_entry(fake_data):
    cache.parsed("demo", _parse)
    cache.parsed("demo", lambda file: pd.read_csv(file).head(0))
    assert len(list((fake_data.cache / "parsed").glob("demo-*.pkl"))) == 2
