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


def test_within_one_process_the_pickle_is_read_once(fake_data, monkeypatch):
    cache.parsed("demo", _parse)
    cache._loaded.clear()  # as in a new process: the pickle exists, nothing is in memory
    reads = []
    real_decode = cache._decode
    monkeypatch.setattr(cache, "_decode", lambda stored: reads.append(1) or real_decode(stored))
    cache.parsed("demo", _parse)
    cache.parsed("demo", _parse)
    assert len(reads) == 1


def test_a_caller_changing_its_frame_does_not_change_the_next_callers(fake_data):
    first = cache.parsed("demo", _parse)
    first.loc[0, "Value"] = -1
    assert cache.parsed("demo", _parse).loc[0, "Value"] == 18513930


def _repeated_text(file):
    return pd.DataFrame({"iso3": ["KAZ", "KAZ", None, "CHN", "KAZ"], "value": range(5)})


def test_repeated_text_is_stored_compactly_and_loads_back_unchanged(fake_data):
    fresh = cache.parsed("demo", _repeated_text)
    cache._loaded.clear()
    loaded = cache.parsed("demo", _repeated_text)
    pd.testing.assert_frame_equal(loaded, fresh)
    assert isinstance(loaded["iso3"].dtype, pd.StringDtype)
    (pickle_file,) = (fake_data.cache / "parsed").glob("demo-*.pkl")
    repeated, stored = pd.read_pickle(pickle_file)
    assert list(repeated) == ["iso3"] and stored["iso3"].dtype == "category"
