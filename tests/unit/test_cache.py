"""Parsed frames are cached by raw-file hash and parser code, and never used damaged."""

from __future__ import annotations

import pickle
import zlib

import pandas as pd
import pytest

from analysis.data import cache


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
    cache._checked(pickle_file)
    repeated, stored = pickle.loads(pickle_file.read_bytes().split(b"\n", 1)[1])
    assert list(repeated) == ["iso3"] and stored["iso3"].dtype == "category"


def _cached_file(fake_data):
    (pickle_file,) = (fake_data.cache / "parsed").glob("demo-*.pkl")
    return pickle_file


def _flip_the_value(file):
    """Change the cached 18513930 into 36,000,000-odd, as one flipped bit might."""
    stored = file.read_bytes()
    value = (18513930).to_bytes(8, "little")
    assert stored.count(value) == 1, "the value is not stored as one int64"
    file.write_bytes(stored.replace(value, (18513930 * 2).to_bytes(8, "little")))


@pytest.mark.parametrize("damage", [
    _flip_the_value,
    lambda file: file.write_bytes(file.read_bytes()[:-40]),  # truncated
    lambda file: file.write_bytes(b""),
    lambda file: file.write_bytes(file.read_bytes().split(b"\n", 1)[1]),  # no header
])
def test_a_damaged_entry_is_discarded_and_rebuilt_with_a_note(fake_data, capsys, damage):
    cache.parsed("demo", _parse)
    file = _cached_file(fake_data)
    damage(file)
    cache._loaded.clear()  # a new process
    frame = cache.parsed("demo", _parse)
    assert frame.loc[0, "Value"] == 18513930
    note = capsys.readouterr().err
    assert note.count("\n") == 1 and f"discarded the parsed cache {file}" in note
    cache._checked(file)  # rebuilt, with a good checksum


def test_a_checksum_that_matches_a_bad_pickle_is_still_rejected(fake_data, capsys):
    cache.parsed("demo", _parse)
    file = _cached_file(fake_data)
    body = b"not a pickle"
    file.write_bytes(cache.HEADER + f"{zlib.crc32(body):08x}\n".encode() + body)
    cache._loaded.clear()
    assert cache.parsed("demo", _parse).loc[0, "Value"] == 18513930
    assert "does not unpickle" in capsys.readouterr().err


def test_the_build_discards_damaged_entries_before_notebooks_run(fake_data, capsys):
    cache.parsed("demo", _parse)
    cache.parsed("demo", lambda file: pd.read_csv(file).head(0))
    damaged, good = sorted((fake_data.cache / "parsed").glob("demo-*.pkl"))
    damaged.write_bytes(damaged.read_bytes()[:-1])
    assert cache.discard_corrupt_entries() == 1
    assert not damaged.exists() and good.exists()
    assert "discarded" in capsys.readouterr().err
