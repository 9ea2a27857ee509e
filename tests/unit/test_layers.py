"""The package's design rules that code can check: imports go down the layers
(data <- topics <- presentation <- sections) without cycles, a figure cites its data
through the loaders, and each group of states is spelled out once."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re

import pytest

from analysis import paths
from analysis.data import raw
from analysis.data.sources import (
    cow,
    cow_disputes,
    naturalearth,
    owid,
    sipri,
    ucdp,
    unga,
    unodc,
    wdi,
    wits,
)

LAYERS = ("data", "topics", "presentation", "sections")


def _modules() -> dict[str, ast.Module]:
    """Every module of the package by dotted name, parsed."""
    found = {}
    for file in sorted(paths.PACKAGE_DIR.rglob("*.py")):
        parts = file.relative_to(paths.PACKAGE_DIR.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(file.read_text(encoding="utf-8"))
    return found


MODULES = _modules()


def _imports(tree: ast.Module, top_level_only: bool) -> set[str]:
    """The package modules ``tree`` imports (``from a import b`` names ``a.b`` when it is one)."""
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in MODULES else node.module)
    return {name for name in found if name.split(".")[0] == "analysis"}


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


@pytest.mark.parametrize("module", sorted(name for name in MODULES if _layer(name) is not None))
def test_imports_only_go_down_the_layers(module):
    upward = sorted(name for name in _imports(MODULES[module], top_level_only=False)
                    if (_layer(name) or 0) > _layer(module))
    assert not upward, f"{module} imports a higher layer: {upward}"


def test_module_level_imports_have_no_cycle():
    graph = {name: _imports(tree, top_level_only=True) - {name} for name, tree in MODULES.items()}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, f"import cycle: {' -> '.join([*path, name])}"
        if name in done:
            return
        for imported in graph.get(name, ()):
            visit(imported, (*path, name))
        done.add(name)

    for name in graph:
        visit(name, ())


MAX_LINES = 300  # a module longer than this is split along a seam


def test_every_module_stays_short():
    lengths = {file.relative_to(paths.PACKAGE_DIR).as_posix():
               len(file.read_text(encoding="utf-8").splitlines())
               for file in paths.PACKAGE_DIR.rglob("*.py")}
    assert not {file: n for file, n in lengths.items() if n > MAX_LINES}


def test_every_loader_names_registry_keys_that_exist():
    keys = {ucdp.ACD_KEY, ucdp.BRD_KEY, cow.IGO_STATE_YEAR_KEY, cow.IGO_YEAR_KEY,
            cow.TRADE_KEY, cow.NMC_KEY, sipri.MILEX_KEY, sipri.ARMS_KEY, owid.GTD_KEY,
            owid.GTD_RATE_KEY, owid.ARMED_FORCES_KEY, unga.KEY, ucdp.ORGANIZED_VIOLENCE_KEY,
            unodc.KEY, cow_disputes.MID_KEY, cow_disputes.TERRITORIAL_CHANGE_KEY,
            *wits.KEYS.values(), *naturalearth.KEYS.values(),
            *map(wdi.registry_key, wdi.INDICATORS)}
    assert keys <= set(raw.registry())
    for info in pkgutil.iter_modules(importlib.import_module("analysis.data.sources").__path__):
        module = importlib.import_module(f"analysis.data.sources.{info.name}")
        named = {value for attribute, value in vars(module).items()
                 if re.fullmatch(r"([A-Z_]+_)?KEY", attribute)}
        assert named <= keys, f"analysis.data.sources.{info.name} names unlisted keys"


REGISTRY_KEY = re.compile(r"""["']([a-z0-9]+_[a-z0-9_]+)["']""")


@pytest.mark.parametrize("layer", ["topics", "presentation", "sections"])
def test_no_registry_key_is_typed_above_the_loaders(layer):
    registered = set(raw.registry())
    for file in sorted((paths.PACKAGE_DIR / layer).glob("*.py")):
        typed = set(REGISTRY_KEY.findall(file.read_text(encoding="utf-8"))) & registered
        assert not typed, f"{file.name} types registry keys {sorted(typed)}: ask the loader"


def test_central_asia_is_spelled_out_once():
    spelled = re.compile(r'"KAZ",\s*"KGZ",\s*"TJK",\s*"TKM",\s*"UZB"|"KAZ",\s*"KGZ",\s*"RUS"')
    files = [file.relative_to(paths.PACKAGE_DIR).as_posix()
             for file in paths.PACKAGE_DIR.rglob("*.py")
             if spelled.search(file.read_text(encoding="utf-8"))]
    assert files == ["topics/regions.py"]
