"""House style: source lines name dataset, version and hash; fingerprints track data;
figures fit a phone's column with legible text; maps keep areas true."""

from __future__ import annotations

import hashlib
import io
import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.font_manager import FontProperties
from matplotlib.path import Path as MplPath
from matplotlib.textpath import TextToPath
from pyproj import Geod

from analysis.data import raw
from analysis.data.sources import naturalearth
from analysis.presentation import maps, style


def test_fingerprint_is_stable_and_changes_with_the_data():
    frame = pd.DataFrame({"x": [1.0, 2.0]})
    assert style.fingerprint(frame, "f") == style.fingerprint(frame.copy(), "f")
    assert style.fingerprint(frame, "f") != style.fingerprint(frame * 1.01, "f")


def test_finish_draws_a_source_line_and_prints_the_fingerprint(capsys):
    style.apply()
    fig, ax = style.figure()
    style.finish(fig, ["naturalearth_50m"], pd.DataFrame({"x": [1]}), "demo")
    assert any(" ".join(t.get_text().split()).startswith(raw.source_text(["naturalearth_50m"]))
               for t in fig.texts)
    assert any(t.get_text().startswith("Source: Natural Earth") for t in fig.texts)
    digest = hashlib.sha256(b"x\n1\n").hexdigest()[:12]  # the plotted data, as its CSV
    assert f"[data of demo: 1 rows, sha256 {digest}]" in capsys.readouterr().out
    assert fig.book_data == "x\n1\n"  # the CSV the book offers beside the figure


def test_the_plotted_csv_stacks_several_frames_by_part():
    csv = style.plotted_csv([pd.DataFrame({"x": [1]}), pd.DataFrame({"x": [2.5], "y": [3]})])
    assert csv.splitlines() == ["part,x,y", "1,1,", "2,2.5,3"]


def test_palette_is_okabe_ito():
    assert style.PALETTE["blue"] == "#0072B2" and style.PALETTE["orange"] == "#E69F00"


def test_curated_tables_are_named_in_the_source_line():
    assert style.curated_text(["a"]) == (
        "Curated table data/curated/a.csv, with a source for every row.")
    assert style.curated_text(["a", "b"]).startswith(
        "Curated tables data/curated/a.csv and b.csv,")
    assert style.curated_text([]) == ""


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", **style.SVG_OUTPUT)
    return buffer.getvalue()


def test_a_figure_is_the_same_svg_every_time_and_carries_no_date():
    def draw():
        style.apply()
        fig, ax = style.figure()
        ax.plot([2000, 2010], [1, 2], label="a line")
        ax.legend()
        return style.finish(fig, [], pd.DataFrame({"x": [1]}), "demo", note="A note.")

    first, second = _svg(draw()), _svg(draw())
    assert first == second
    assert "<dc:date>" not in first
    width = float(re.search(r'width="([\d.]+)pt"', first).group(1))
    assert width <= 72 * (style.WIDTH + 0.03) + 2 * 72 * style.SVG_OUTPUT["pad_inches"]


def test_text_smaller_than_the_house_minimum_is_refused():
    style.apply()
    fig, ax = style.figure()
    ax.set_title("fine")
    ax.text(0.5, 0.5, "too small", fontsize=style.MIN_TEXT - 2)
    with pytest.raises(ValueError, match="'demo': text smaller than 10 pt.*too small"):
        style.finish(fig, [], pd.DataFrame({"x": [1]}), "demo")


def test_a_figure_wider_than_the_column_is_refused():
    style.apply()
    fig, ax = style.figure()
    fig.text(0.9, 0.5, "a label that runs off the figure")  # not laid out: it sticks out
    with pytest.raises(ValueError, match="wider than the book's 4.5 in"):
        style.finish(fig, [], pd.DataFrame({"x": [1]}), "demo")


def test_the_source_line_is_wrapped_to_the_figure_width():
    text = "Source: " + " ".join(["World Development Indicators"] * 12)
    lines = style.wrap(text, style.MIN_TEXT, style.WIDTH).split("\n")
    assert len(lines) > 2 and " ".join(lines) == text
    font = FontProperties(family="DejaVu Sans", size=style.MIN_TEXT)
    widths = [TextToPath().get_text_width_height_descent(line, font, ismath=False)[0]
              for line in lines]
    assert max(widths) <= 72 * style.WIDTH


@pytest.mark.parametrize("lat", [0, 30, 60, 75])
def test_maps_keep_areas_true(lat):
    """A 1-degree cell on the map has its true area on the WGS 84 ellipsoid, wherever
    it lies (a longitude-latitude grid would draw the cell at 60 degrees north as
    large as the one at the equator, twice its true size)."""
    lons, lats = np.array([100.0, 101, 101, 100]), np.array([lat, lat, lat + 1.0, lat + 1])
    x, y = maps.to_map(np.column_stack([lons, lats])).T
    on_map = abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2
    true = abs(Geod(ellps="WGS84").polygon_area_perimeter(lons, lats)[0]) / 1e6
    assert on_map == pytest.approx(true, rel=0.002)


def test_a_country_is_labelled_inside_its_outline():
    rings = naturalearth.countries("50m").set_index("iso3")["rings"]
    extent = (46, 90, 33, 56)
    for iso3 in ("KAZ", "UZB", "KGZ", "TJK", "TKM"):
        outline = MplPath(maps.to_map(max(rings[iso3], key=len), extent))
        assert outline.contains_point(maps.label_point(rings[iso3], extent)), iso3


def test_simplify_drops_points_on_the_line_and_keeps_corners():
    line = np.array([(0, 0), (1, 0.001), (2, 0), (3, 2), (4, 0)], dtype=float)
    assert maps.simplify(line, 0.01).tolist() == [[0, 0], [2, 0], [3, 2], [4, 0]]
    assert maps.simplify(line, 5).tolist() == [[0, 0], [4, 0]]
    ring = np.array([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)], dtype=float)  # closed
    assert len(maps.simplify(ring, 0.1)) == 5
