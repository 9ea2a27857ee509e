"""The data layer: every raw file is verified, and a bad one is never used."""

from __future__ import annotations

import errno
import tempfile
from pathlib import Path

import pytest
import requests

from analysis import paths
from analysis.data import raw


def test_fetch_copies_from_the_mirror_and_verifies(fake_data):
    local = raw.fetch("demo")
    assert local.read_bytes() == fake_data.payload
    assert local.is_relative_to(fake_data.cache)


def test_corrupted_mirror_file_is_rejected_with_key_file_and_hashes(fake_data):
    corrupted = bytearray(fake_data.payload)
    corrupted[5] ^= 0x01
    fake_data.file.write_bytes(bytes(corrupted))
    with pytest.raises(raw.DataIntegrityError) as error:
        raw.fetch("demo")
    message = str(error.value)
    assert "'demo'" in message
    assert str(fake_data.file) in message
    assert raw.entry("demo").sha256 in message
    assert raw.sha256_of(fake_data.file) in message
    assert "data/registry.csv" in message  # says what to do
    # nothing is left in the cache that a later call could pick up
    assert not any(p.is_file() for p in fake_data.cache.rglob("*"))


def test_corrupted_cache_copy_is_replaced_from_the_mirror(fake_data):
    local = raw.fetch("demo")
    local.write_bytes(b"tampered")
    assert raw.fetch("demo").read_bytes() == fake_data.payload


def _offline(monkeypatch):
    def unreachable(*args, **kwargs):
        raise requests.exceptions.ConnectionError("network is unreachable")

    monkeypatch.setattr(requests, "get", unreachable)


def test_missing_everywhere_names_key_mirror_and_url(fake_data, monkeypatch):
    fake_data.file.unlink()
    _offline(monkeypatch)
    with pytest.raises(raw.DataMissingError) as error:
        raw.fetch("demo")
    message = str(error.value)
    assert "'demo'" in message and "demo/data.csv" in message
    assert "https://example.invalid/demo/data.csv" in message
    assert paths.MIRROR_ENV in message


@pytest.mark.parametrize("mirror", ["unset", "without the file"])
def test_a_corrupted_cache_copy_with_no_good_copy_anywhere_is_called_corrupted(
        fake_data, monkeypatch, mirror):
    local = raw.fetch("demo")
    local.write_bytes(b"tampered")
    if mirror == "unset":
        monkeypatch.delenv(paths.MIRROR_ENV)
    else:
        fake_data.file.unlink()
    _offline(monkeypatch)
    with pytest.raises(raw.DataIntegrityError) as error:
        raw.fetch("demo")
    message = str(error.value)
    assert f"the cached copy {local} is corrupted" in message
    assert raw.entry("demo").sha256 in message and raw.sha256_of(local) in message
    assert "No good copy could be fetched" in message
    assert ("is not set" if mirror == "unset" else f"has no {fake_data.file}") in message
    assert "https://example.invalid/demo/data.csv failed: network is unreachable" in message
    assert "not in the cache" not in message


def _read_only(monkeypatch, directory: Path):
    """Simulate a read-only cache (as root, chmod would not stop us writing)."""
    create = tempfile.NamedTemporaryFile

    def refuse(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).is_relative_to(directory):
            raise OSError(errno.EROFS, "Read-only file system", str(dir))
        return create(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)


@pytest.mark.parametrize("cache", ["under a regular file", "read-only"])
def test_an_unwritable_cache_is_named_before_anything_is_fetched(
        fake_data, monkeypatch, tmp_path, cache):
    if cache == "under a regular file":  # mkdir fails for real: NotADirectoryError
        (tmp_path / "file").write_text("x")
        monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "file" / "cache"))
        reason = "Not a directory"
    else:
        fake_data.cache.mkdir()
        _read_only(monkeypatch, fake_data.cache)
        reason = "Read-only file system"
    with pytest.raises(raw.DataError) as error:
        raw.fetch("demo")
    message = str(error.value)
    assert not isinstance(error.value, raw.DataMissingError)
    assert f"cache directory {paths.cache_dir() / 'raw' / 'demo'} is not writable" in message
    assert reason in message
    assert f"Set {paths.CACHE_ENV} to a writable directory" in message
    assert paths.MIRROR_ENV not in message


def test_a_read_only_cache_holding_a_good_copy_is_still_used(fake_data, monkeypatch):
    raw.fetch("demo")
    _read_only(monkeypatch, fake_data.cache)
    assert raw.fetch("demo").read_bytes() == fake_data.payload


def test_verify_all_reports_a_corrupted_mirror_even_with_a_good_cache(fake_data):
    raw.fetch("demo")  # the cache now holds good bytes
    fake_data.file.write_bytes(fake_data.payload + b" ")
    problems = raw.verify_all()
    assert len(problems) == 1 and str(fake_data.file) in problems[0]


def test_verify_command_exits_non_zero_on_a_bad_file(fake_data, capsys):
    fake_data.file.write_bytes(b"x")
    assert raw.main(["verify"]) == 1
    assert str(fake_data.file) in capsys.readouterr().err


def test_unknown_key_lists_the_known_ones(fake_data):
    with pytest.raises(raw.DataError, match="registered keys: demo"):
        raw.entry("nope")


@pytest.mark.parametrize(("column", "value", "problem"), [
    ("sha256", "abc", "64 lowercase hex"),
    ("url", "http://example.org/x", "https"),
    ("bytes", "many", "integer"),
    ("licence", "", "empty column"),
])
def test_bad_registry_row_names_file_and_line(fake_data, column, value, problem):
    text = fake_data.registry.read_text().splitlines()
    header = text[0].split(",")
    cells = text[1].split(",")
    cells[header.index(column)] = value
    fake_data.registry.write_text("\n".join([text[0], ",".join(cells)]) + "\n")
    raw.registry.cache_clear()
    with pytest.raises(raw.DataError, match=rf"registry.csv, line 2 \('demo'\): .*{problem}"):
        raw.registry()


def test_real_registry_is_valid_and_cites_known_references():
    from analysis.data import curated_checks

    raw.registry.cache_clear()
    entries = raw.registry()
    assert len(entries) >= 30
    assert {item.bibtex for item in entries.values()} <= curated_checks.bibliography_keys()


def test_registry_row_with_an_unquoted_comma_is_rejected(fake_data):
    text = fake_data.registry.read_text().replace("Demo publisher", "Demo, publisher")
    fake_data.registry.write_text(text)
    raw.registry.cache_clear()
    with pytest.raises(raw.DataError, match="line 2 .*expected 9 fields"):
        raw.registry()


def test_source_text_names_publisher_version_and_hash():
    text = raw.source_text(["wdi_sp_pop_totl", "wdi_ny_gdp_mktp_cd"])
    item = raw.entry("wdi_sp_pop_totl")
    assert text.startswith("Source: World Bank")
    assert item.version in text and item.short_hash in text
    assert text.count("World Bank") == 1  # one publisher, listed once
    assert raw.source_text([]) == "Source:"
