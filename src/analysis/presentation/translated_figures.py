"""A figure in another language, drawn from the same artists: every text it shows said
again (:func:`analysis.presentation.language.say`), tick labels included.

:func:`analysis.presentation.style.finish` draws each figure once per edition this way,
so no edition computes its data again and a figure reads the same in every language.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.text import Text
from matplotlib.ticker import Formatter

from analysis.presentation import language


class Said(Formatter):
    """A tick formatter whose labels are said in the current language
    (:func:`analysis.presentation.language.say`)."""

    def __init__(self, inner: Formatter, lang: str):
        self.inner, self.lang = inner, lang

    def set_axis(self, axis) -> None:
        super().set_axis(axis)
        self.inner.set_axis(axis)

    def set_locs(self, locs) -> None:
        self.inner.set_locs(locs)

    def __call__(self, x, pos=None) -> str:
        return language.say(self.inner(x, pos), self.lang)

    def get_offset(self) -> str:
        return language.say(self.inner.get_offset(), self.lang)


def translate(fig: plt.Figure, width: float) -> None:
    """Every text of ``fig`` (titles, labels, legends, annotations, tick labels) in the
    current language; a legend the longer words make wider than ``width`` inches set
    in fewer columns."""
    for text in fig.findobj(Text):
        text.set_text(language.say(text.get_text()))
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_formatter(Said(axis.get_major_formatter(), language.current()))
            axis.set_minor_formatter(Said(axis.get_minor_formatter(), language.current()))
    fit_legends(fig, width)


def fit_legends(fig: plt.Figure, width: float) -> None:
    """Take a column from each legend of ``fig`` wider than ``width`` inches until it
    fits (or has one column)."""
    for legend in [*fig.legends, *(ax.get_legend() for ax in fig.axes)]:
        while legend is not None and legend._ncols > 1:
            fig.canvas.draw()
            if legend.get_window_extent().width / fig.dpi <= width:
                break
            legend.set_ncols(legend._ncols - 1)  # matplotlib sets the columns out once:
            legend._init_legend_box(list(legend.legend_handles),  # set them out again
                                    [text.get_text() for text in legend.texts])
            legend._legend_box.set_offset(legend._findoffset)
