"""The replication report is generated, complete and current."""

from __future__ import annotations

import importlib

from analysis import replication


def test_readme_list_of_figures_is_current():
    assert replication.main(["--check"]) == 0


def test_every_figure_and_table_names_an_existing_function():
    inventory = replication.figure_inventory()
    assert len(inventory) > 20
    for functions in inventory["function"]:
        assert functions, "a numbered figure or table is not produced by the package"
        for dotted in functions.split(", "):
            module, _, name = dotted.rpartition(".")
            assert callable(getattr(importlib.import_module(module), name)), dotted


def test_registry_report_lists_every_file_with_its_hash():
    table = replication.data_registry()
    assert table["sha256"].str.fullmatch(r"[0-9a-f]{64}").all()
    assert table["licence"].str.len().gt(0).all()
