"""Glued numbers carry only meaningful digits, so stored outputs match on every CPU."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from analysis import paths
from analysis.presentation import notebook


def _glued(monkeypatch, capsys, values):
    records = {}
    monkeypatch.setattr(notebook, "glue",
                        lambda name, value: records.__setitem__(name, value))
    notebook.glue_all(values)
    return records, capsys.readouterr().out


def test_noise_in_the_last_digits_gives_the_same_record(monkeypatch, capsys):
    # The value stored on one machine and the one computed on an AVX-512 machine.
    stored = _glued(monkeypatch, capsys, {"eu_gdp_growth": 4.169773953328515})
    computed = _glued(monkeypatch, capsys, {"eu_gdp_growth": 4.169773953328693})
    assert stored == computed
    assert stored[0] == {"eu_gdp_growth": 4.16977}
    assert stored[1] == "eu_gdp_growth = 4.16977\n"


@pytest.mark.parametrize(("value", "expected"), [
    (np.float64(27.37236488838413), 27.3724),
    (np.int64(2019), 2019),
    (1190.0, 1190.0),
    (0.000123456789, 0.000123457),
    (3.2e12 + 0.123, 3.2e12),
    ("2 May 2026", "2 May 2026"),
    (float("nan"), None),
])
def test_meaningful_keeps_six_significant_digits_and_python_types(value, expected):
    result = notebook.meaningful(value)
    if expected is None:
        assert np.isnan(result)
        return
    assert result == expected
    assert type(result) is type(expected)


FLOAT_WITH_MANY_DECIMALS = re.compile(r"\d\.\d{11,}")


def _text_outputs(notebook):
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            yield "".join(output.get("text", ""))
            for mime, value in output.get("data", {}).items():
                if not mime.startswith("image/"):
                    yield "".join(value) if isinstance(value, list) else str(value)


@pytest.mark.parametrize("notebook", sorted((paths.REPO_ROOT / "notebooks").glob("*.ipynb")),
                         ids=lambda path: path.stem)
def test_no_stored_output_prints_a_float_with_eleven_or_more_decimals(notebook):
    found = [match for text in _text_outputs(notebook)
             for match in FLOAT_WITH_MANY_DECIMALS.findall(text)]
    assert not found, f"{notebook.name} stores full-precision floats: {found[:5]}"


@pytest.mark.parametrize("value", [4.16977, 12, "KGZ", [1, 2]])
def test_glue_writes_the_output_myst_nb_glue_writes(monkeypatch, value):
    """The book's glue (which spares each kernel the import of myst_nb) is the same
    display call as myst_nb's, so Sphinx finds every value where it looks."""
    from myst_nb.ext import glue as myst_glue

    calls = []
    record = lambda *args, **kwargs: calls.append((args, kwargs))  # noqa: E731
    monkeypatch.setattr(myst_glue, "ipy_display", record)
    monkeypatch.setattr(notebook, "show", record)
    myst_glue.glue("a_name", value, display=False)
    notebook.glue("a_name", value)
    assert len(calls) == 2 and calls[0] == calls[1]
