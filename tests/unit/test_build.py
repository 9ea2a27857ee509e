"""Execution-cache invalidation: outputs are recomputed when code or data change."""

from __future__ import annotations

from tools import build


def test_content_key_changes_with_content_and_names(tmp_path):
    (tmp_path / "src").mkdir()
    module = tmp_path / "src" / "m.py"
    module.write_text("x = 1\n")
    key = build.content_key(["src/*.py"], tmp_path)
    assert build.content_key(["src/*.py"], tmp_path) == key
    module.write_text("x = 2\n")
    changed = build.content_key(["src/*.py"], tmp_path)
    assert changed != key
    module.rename(tmp_path / "src" / "n.py")
    assert build.content_key(["src/*.py"], tmp_path) != changed


def test_execution_inputs_cover_the_package_and_the_data():
    files = {str(p) for pattern in build.EXECUTION_INPUTS
             for p in build.paths.REPO_ROOT.glob(pattern)}
    assert any(f.endswith("src/analysis/topics/footprint.py") for f in files)
    assert any(f.endswith("data/registry.csv") for f in files)
    assert any(f.endswith("data/curated/sco_status.csv") for f in files)


def test_stale_execution_cache_is_cleared_once(tmp_path):
    cache, doctrees, stamp = tmp_path / "cache", tmp_path / "doctrees", tmp_path / "stamp.txt"

    def fill():
        for folder in (cache, doctrees):
            folder.mkdir(exist_ok=True)
            (folder / "executed").write_text("{}")

    fill()
    assert build.invalidate_stale_execution([cache, doctrees], stamp, "key-1")
    assert not cache.exists() and not doctrees.exists()
    fill()
    assert not build.invalidate_stale_execution([cache, doctrees], stamp, "key-1")
    assert (cache / "executed").exists() and (doctrees / "executed").exists()
    assert build.invalidate_stale_execution([cache, doctrees], stamp, "key-2")
    assert not cache.exists() and not doctrees.exists()
