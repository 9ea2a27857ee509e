"""Event timelines: one row per dated event, labelled beside its dot."""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.presentation import style


def draw_event_list(ax: Axes, events: pd.DataFrame, colours: dict[str, str]) -> None:
    """Dots at each event's date (columns: date, label, category), newest at the bottom.

    Labels sit right of the dot in the first half of the time span and left of it in
    the second half, so that none runs off the plot.
    """
    events = events.sort_values("date", ignore_index=True)
    middle = events["date"].min() + (events["date"].max() - events["date"].min()) / 2
    for row, event in events.iterrows():
        y = len(events) - 1 - row
        ax.plot(event["date"], y, "o", color=colours[event["category"]], ms=6, zorder=3)
        right = event["date"] <= middle
        ax.annotate(f"{event['label']} ({event['date']:%Y})", (event["date"], y),
                    xytext=(6 if right else -6, 0), textcoords="offset points",
                    ha="left" if right else "right", va="center")
    ax.set_yticks([])
    ax.set_ylim(-0.8, len(events) - 0.2)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)


def marker(shape: str, colour: str, size: int, label: str) -> dict:
    """The matplotlib keywords of one category of :func:`draw_event_rows` (``colour`` is
    a name in the house palette)."""
    return {"marker": shape, "color": style.PALETTE[colour], "s": size, "label": label}


def draw_event_rows(ax: Axes, events: pd.DataFrame, rows: list[str],
                    styles: dict[str, dict], spread: float = 0.0,
                    label_width: int | None = None) -> None:
    """Events (columns: date, row, category) as markers on one line per ``rows`` entry,
    top to bottom; ``styles[category]`` holds the marker's matplotlib keywords and its
    ``label`` for the legend. ``spread`` > 0 shifts each category up or down by up to
    that much, so that events of different kinds on the same day stay visible. Row labels
    longer than ``label_width`` characters are wrapped (at spaces and hyphens)."""
    positions = {row: len(rows) - 1 - i for i, row in enumerate(rows)}
    shifts = np.linspace(spread, -spread, len(styles)) if len(styles) > 1 else [0.0]
    for shift, (category, keywords) in zip(shifts, styles.items(), strict=True):
        chosen = events[events["category"] == category]
        ax.scatter(chosen["date"], chosen["row"].map(positions) + shift, zorder=3, **keywords)
    labels = [row if label_width is None else "\n".join(textwrap.wrap(row, label_width))
              for row in positions]
    ax.set_yticks(list(positions.values()), labels)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.grid(axis="y", color="#EEEEEE")


def event_rows_figure(events: pd.DataFrame, rows: list[str], styles: dict[str, dict],
                      title: str, height: float, spread: float = 0.0, xlabel: str = "Year",
                      legend_columns: int | None = None, label_width: int = 14) -> plt.Figure:
    """A :data:`style.WIDTH`-wide figure of :func:`draw_event_rows`, by year (a tick every
    five years), ``height`` inches tall, with its legend below the rows in
    ``legend_columns`` columns (by default two when every label is short, else one). Row
    labels are wrapped at ``label_width`` characters so that they leave the rows room."""
    style.apply()
    fig, ax = style.figure(1, height=height)
    draw_event_rows(ax, events, rows, styles, spread=spread, label_width=label_width)
    ax.xaxis.set_major_locator(mdates.YearLocator(5))  # 1995, 2000, ...: room for each
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    if legend_columns is None:
        legend_columns = 2 if max(len(k["label"]) for k in styles.values()) <= 20 else 1
    fig.legend(loc="outside lower center", ncols=legend_columns)
    return fig
