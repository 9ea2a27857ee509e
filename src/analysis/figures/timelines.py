"""Event timelines: dated labels on one time axis, staggered so they do not collide."""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes

LEVELS = (0.9, -0.9, 0.55, -0.55, 0.25, -0.25)


def draw_events(ax: Axes, events: pd.DataFrame, colours: dict[str, str]) -> None:
    """Stems and labels for ``events`` (columns: date, label, category)."""
    events = events.sort_values("date", ignore_index=True)
    ax.axhline(0, color="#444444", lw=1)
    for i, event in events.iterrows():
        level = LEVELS[i % len(LEVELS)]
        colour = colours[event["category"]]
        ax.vlines(event["date"], 0, level, color=colour, lw=1)
        ax.plot(event["date"], 0, "o", color=colour, ms=4, zorder=3)
        ax.annotate(event["label"], (event["date"], level), xytext=(0, 3 if level > 0 else -3),
                    textcoords="offset points", ha="center",
                    va="bottom" if level > 0 else "top", fontsize=7)
    ax.set_ylim(-1.35, 1.35)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_locator(mdates.YearLocator(base=10))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
