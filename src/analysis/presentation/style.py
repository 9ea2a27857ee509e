"""The house style of every figure: size, fonts, palette, source line, data fingerprint.

Figures are drawn for the narrowest reader. A phone's text column is about 342 CSS px
wide (measured at 390 x 844), and the book's figures are SVG, scaled to the column:
a figure :data:`WIDTH` inches (324 pt) wide shows text of :data:`MIN_TEXT` pt at
10.6 CSS px there, and at 13.3 px on a desktop, where it keeps its own size. So every
figure is :data:`WIDTH` wide, its panels are stacked rather than set side by side, and
no text in it is smaller than :data:`MIN_TEXT`; :func:`finish` refuses a figure that
breaks either rule. In the PDF the same SVG becomes a vector PDF.

One palette for the whole book (Okabe and Ito's colour-blind-safe set), one font
(DejaVu Sans, shipped with matplotlib, drawn as outlines, so every machine and browser
shows the same glyphs), and two obligations for every figure: a source line drawn
under the plot and a printed fingerprint of the plotted data, which nbval compares
because it does not compare images.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from matplotlib.textpath import TextToPath
from matplotlib.transforms import offset_copy

from analysis.data import countries, raw
from analysis.presentation import language, translated_figures

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

WIDTH = 4.5  # inches
MIN_TEXT = 10  # points
SOURCE_COLOUR = "#444444"

RC = {
    "font.family": "DejaVu Sans",
    "font.size": MIN_TEXT,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": MIN_TEXT,
    "xtick.labelsize": MIN_TEXT,
    "ytick.labelsize": MIN_TEXT,
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
    "legend.fontsize": MIN_TEXT,
    "legend.title_fontsize": MIN_TEXT,
    "figure.dpi": 110,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
    "svg.hashsalt": "sco-book",  # the same element ids on every run
    "svg.fonttype": "path",
    "figure.figsize": (WIDTH, 3.0),
    "figure.constrained_layout.use": True,
}

# How the inline backend writes a figure: SVG without the creation date (the same
# bytes on every run), cropped to what is drawn.
SVG_OUTPUT = {"bbox_inches": "tight", "pad_inches": 0.05, "metadata": {"Date": None}}


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


def figure(rows: int = 1, height: float = 2.8, **subplots) -> tuple[plt.Figure, object]:
    """A figure :data:`WIDTH` wide with ``rows`` panels stacked, each ``height`` inches
    tall (``subplots`` passes on to :func:`matplotlib.pyplot.subplots`, e.g. ``ncols=2``
    for small multiples whose text still fits)."""
    return plt.subplots(rows, figsize=(WIDTH, height * rows), **subplots)


def cell_grid(ax: plt.Axes, values: np.ndarray, colours: list[str], bad: str = "white") -> None:
    """A table of coloured cells: value ``i`` in ``colours[i]``, NaN in ``bad``, row 0 at
    the top and cell (i, j) centred at (j, i), as ``imshow`` draws it, but as vector
    shapes rather than a bitmap, so that it stays sharp in print and when enlarged."""
    cmap = ListedColormap(colours)
    cmap.set_bad(bad)
    rows, columns = values.shape
    ax.pcolormesh(np.arange(columns + 1) - 0.5, np.arange(rows + 1) - 0.5,
                  np.ma.masked_invalid(values), cmap=cmap, vmin=-0.5, vmax=len(colours) - 0.5,
                  edgecolors="face", linewidth=0.2, zorder=0)  # under grid lines
    ax.set(xlim=(-0.5, columns - 0.5), ylim=(rows - 0.5, -0.5))


def named_handles(ax: plt.Axes) -> tuple[list, list[str]]:
    """The legend entries of ``ax``, whose labels are ISO3 codes, with the states' names."""
    handles, codes = ax.get_legend_handles_labels()
    return handles, [countries.short_name(code) for code in codes]


def legend_below(ax: plt.Axes, *handles_labels, drop: float = 0.5, **legend) -> None:
    """A legend centred under ``ax``, its top ``drop`` inches below the axes (below the
    tick labels and axis label): the layout makes room for it, and a reader looks for
    the key where a phone's narrow figure has space, under the plot."""
    ax.legend(*handles_labels, loc="upper center", bbox_to_anchor=(0.5, 0),
              bbox_transform=offset_copy(ax.transAxes, ax.figure, y=-drop, units="inches"),
              **legend)


def check_legible(fig: plt.Figure, name: str) -> None:
    """Refuse a figure that a phone could not show legibly: text smaller than
    :data:`MIN_TEXT`, or a drawing wider than :data:`WIDTH` (a long label or legend
    sticking out would shrink everything when the figure is scaled to the column)."""
    small = sorted({(text.get_text()[:40], text.get_fontsize())
                    for text in fig.findobj(Text)
                    if text.get_visible() and text.get_text().strip()
                    and text.get_fontsize() < MIN_TEXT - 1e-9})
    if small:
        raise ValueError(f"figure {name!r}: text smaller than {MIN_TEXT} pt: {small}")
    width = fig.get_tightbbox().width
    if width > WIDTH + 0.03:
        raise ValueError(f"figure {name!r} is {width:.2f} in wide, wider than the book's "
                         f"{WIDTH} in: shorten or wrap what sticks out")


def curated_text(tables: Iterable[str]) -> str:
    """'Curated table(s) data/curated/a.csv and b.csv, with a source for every row.'"""
    tables = list(tables)
    if not tables:
        return ""
    names = " and ".join([f"data/curated/{tables[0]}.csv", *(f"{t}.csv" for t in tables[1:])])
    return f"Curated table{'s' if len(tables) > 1 else ''} {names}, with a source for every row."


def finish(fig: plt.Figure, keys: Iterable[str], plotted: pd.DataFrame | list[pd.DataFrame],
           name: str, note: str = "", curated: Iterable[str] = ()) -> plt.Figure:
    """Draw the source line under ``fig`` (datasets, curated tables, an optional note),
    check that the figure is legible on a phone and print the fingerprint of the
    plotted data. The figure is also drawn, from the same artists, in the book's other
    editions (``fig.book_editions``: the same figure in each language, and the messages
    it translated), so that no edition computes its data again."""
    fig.book_editions, fig.book_messages = {}, set()
    copies = {other: pickle.loads(pickle.dumps(fig))  # before the layout is frozen
              for other in language.others()}
    _complete(fig, keys, name, note, curated)
    for other, edition in copies.items():
        with language.use(other), language.collect() as messages:
            translated_figures.translate(edition, WIDTH)
            _complete(edition, keys, name, note, curated)
        plt.close(edition)  # an unpickled figure joins pyplot's figures: shown once only
        fig.book_editions[other] = edition
        fig.book_messages |= messages
    fig.book_data = plotted_csv(plotted)  # shown as the figure's CSV (presentation.notebook)
    print(fingerprint(plotted, name))
    plt.close(fig)  # shown once, as the cell's result, not again by the inline backend
    return fig


def _complete(fig: plt.Figure, keys: Iterable[str], name: str, note: str,
              curated: Iterable[str]) -> None:
    """Freeze the layout of ``fig``, draw its source line in the current language and
    check it is legible."""
    text = " ".join(language.say(part) for part in (raw.source_text(keys),
                                                     curated_text(curated), note) if part)
    freeze_layout(fig)
    fig.text(0.01, 0.0, wrap(text, MIN_TEXT, 0.98 * WIDTH), ha="left", va="top",
             fontsize=MIN_TEXT, color=SOURCE_COLOUR, transform=fig.transFigure)
    edition = "" if language.current() == language.ENGLISH else f" ({language.current()})"
    check_legible(fig, name + edition)


def freeze_layout(fig: plt.Figure) -> None:
    """Lay ``fig`` out once and keep it so: the figure's own legends stay where the
    layout put them. A figure is saved cropped to what is drawn, which includes the
    source line under the figure; a legend anchored to the figure would follow the
    enlarged figure's bottom edge onto the source line."""
    fig.canvas.draw()
    for legend in fig.legends:
        box = legend.get_window_extent().transformed(fig.transFigure.inverted())
        legend.set_bbox_to_anchor(box, transform=fig.transFigure)
        legend.set_loc("center")
    fig.set_layout_engine("none")


def text_width(text: str, size: float = MIN_TEXT) -> float:
    """Width in inches of one line of ``text`` in the house font at ``size`` points,
    measured on the font's outlines."""
    font = FontProperties(family=RC["font.family"], size=size)
    return TextToPath().get_text_width_height_descent(text, font, ismath=False)[0] / 72


def wrap(text: str, size: float, width: float) -> str:
    """``text`` broken between words into lines at most ``width`` inches wide in the house
    font at ``size`` points (matplotlib's own ``wrap=True`` misplaces a wrapped block
    whose top is anchored)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(candidate, size) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return "\n".join(lines)


def plotted_csv(frames: pd.DataFrame | list[pd.DataFrame]) -> str:
    """The data a figure plots as one CSV, at six significant digits (the digits that
    mean the same on every CPU): several frames one under the other, numbered by a
    ``part`` column. The book offers it for download beside the figure."""
    frames = frames if isinstance(frames, list) else [frames]
    frames = [frame.reset_index() if _named_index(frame) else frame for frame in frames]
    table = frames[0] if len(frames) == 1 else pd.concat(
        [frame.assign(part=i) for i, frame in enumerate(frames, start=1)], ignore_index=True)
    if "part" in table:
        table = table[["part", *(c for c in table.columns if c != "part")]]
    return table.to_csv(index=False, float_format="%.6g", lineterminator="\n")


def _named_index(frame: pd.DataFrame) -> bool:
    return any(name is not None for name in frame.index.names)


def fingerprint(frames: pd.DataFrame | list[pd.DataFrame], name: str) -> str:
    """Short, stable text identity of the plotted data: its size and a hash of its CSV."""
    text = plotted_csv(frames)
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    rows = text.count("\n") - 1
    return f"[data of {name}: {rows} rows, sha256 {digest}]"
