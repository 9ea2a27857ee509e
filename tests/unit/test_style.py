"""House style: source lines name dataset, version and hash; fingerprints track data."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.data import raw
from analysis.presentation import style


def test_fingerprint_is_stable_and_changes_with_the_data():
    frame = pd.DataFrame({"x": [1.0, 2.0]})
    assert style.fingerprint(frame, "f") == style.fingerprint(frame.copy(), "f")
    assert style.fingerprint(frame, "f") != style.fingerprint(frame * 1.01, "f")


def test_finish_draws_a_source_line_and_prints_the_fingerprint(capsys):
    fig, ax = plt.subplots()
    style.finish(fig, ["naturalearth_50m"], pd.DataFrame({"x": [1]}), "demo")
    assert any(t.get_text().startswith(raw.source_text(["naturalearth_50m"]))
               for t in fig.texts)
    assert any(t.get_text().startswith("Source: Natural Earth") for t in fig.texts)
    assert "[data of demo: 1 rows x 1 columns" in capsys.readouterr().out


def test_palette_is_okabe_ito():
    assert style.PALETTE["blue"] == "#0072B2" and style.PALETTE["orange"] == "#E69F00"


def test_curated_tables_are_named_in_the_source_line():
    assert style.curated_text(["a"]) == (
        "Curated table data/curated/a.csv, with a source for every row.")
    assert style.curated_text(["a", "b"]).startswith(
        "Curated tables data/curated/a.csv and b.csv,")
    assert style.curated_text([]) == ""
