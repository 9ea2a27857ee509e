"""The house style of every figure: fonts, palette, source line, data fingerprint.

One palette for the whole book (Okabe and Ito's colour-blind-safe set), one font
(DejaVu Sans, shipped with matplotlib, so every machine draws the same glyphs), and
two obligations for every figure: a source line drawn under the plot and a printed
fingerprint of the plotted data, which nbval compares because it cannot compare
images.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

from analysis.data import raw

# Okabe & Ito (2008), "Color Universal Design".
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "ochre": "#9E7C00",  # a darker yellow for lines: Okabe-Ito's yellow is faint on white
    "black": "#000000",
    "grey": "#BBBBBB",
    "light": "#EEEEEE",
}

STATUS_COLOURS = {
    "member": PALETTE["blue"],
    "observer": PALETTE["sky"],
    "dialogue_partner": PALETTE["orange"],
    "partner": PALETTE["green"],
    "shanghai_five": PALETTE["vermillion"],
}

# One colour per state wherever states are compared (names of PALETTE colours).
# Orange and vermilion look alike to many readers, so the pairs drawn together (China
# and Russia, Afghanistan and Pakistan) never get both: one of each pair is black.
STATE_COLOURS = {"KAZ": "blue", "KGZ": "sky", "TJK": "green", "TKM": "ochre", "UZB": "purple",
                 "AFG": "vermillion", "PAK": "black", "CHN": "black", "RUS": "vermillion",
                 "IND": "black", "IRN": "grey", "BLR": "grey", "ARM": "black", "AZE": "grey",
                 "GEO": "grey"}

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": mpl.cycler(color=[PALETTE[c] for c in
                                         ("blue", "orange", "green", "vermillion",
                                          "purple", "sky", "yellow", "black")]),
    "legend.frameon": False,
    "legend.fontsize": 8,
    "figure.dpi": 110,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
    "svg.hashsalt": "sco-book",
    "figure.figsize": (8, 4.5),
}


def lines(ax: plt.Axes, table: pd.DataFrame, colours: dict[str, str], **line_style) -> None:
    """One line per column of ``table`` against its index, coloured ``colours[column]``."""
    for column in table.columns:
        ax.plot(table.index, table[column], color=PALETTE[colours[column]], label=column,
                **line_style)


def state_lines(ax: plt.Axes, table: pd.DataFrame, marker: str = "") -> None:
    """One line per state (columns are ISO3 codes), in each state's colour."""
    lines(ax, table, STATE_COLOURS, lw=1.5, marker=marker, ms=3)


def apply() -> None:
    """Set the house style for every figure drawn after this call."""
    mpl.rcParams.update(RC)


def curated_text(tables: Iterable[str]) -> str:
    """'Curated table(s) data/curated/a.csv and b.csv, with a source for every row.'"""
    tables = list(tables)
    if not tables:
        return ""
    names = " and ".join([f"data/curated/{tables[0]}.csv", *(f"{t}.csv" for t in tables[1:])])
    return f"Curated table{'s' if len(tables) > 1 else ''} {names}, with a source for every row."


def finish(fig: plt.Figure, keys: Iterable[str], plotted: pd.DataFrame | list[pd.DataFrame],
           name: str, note: str = "", curated: Iterable[str] = ()) -> plt.Figure:
    """Draw the source line under ``fig`` (datasets, curated tables, an optional note) and
    print the fingerprint of the plotted data."""
    text = " ".join(part for part in (raw.source_text(keys), curated_text(curated), note)
                    if part)
    fig.text(0.01, 0.0, text, ha="left", va="top", fontsize=7.5, color="#444444",
             wrap=True, transform=fig.transFigure)
    print(fingerprint(plotted, name))
    plt.close(fig)  # shown once, as the cell's result, not again by the inline backend
    return fig


def fingerprint(frames: pd.DataFrame | list[pd.DataFrame], name: str) -> str:
    """Short, stable text identity of the plotted data: its size and a hash of its values."""
    frames = frames if isinstance(frames, list) else [frames]
    text = "\n".join(frame.to_csv(index=True, float_format="%.6g", lineterminator="\n")
                     for frame in frames)
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    shape = " + ".join(f"{f.shape[0]} rows x {f.shape[1]} columns" for f in frames)
    return f"[data of {name}: {shape}, sha256 {digest}]"
