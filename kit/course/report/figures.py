"""Figures of the cohort report (kit.content.figure_html makes them self-contained <img> elements).

Uses matplotlib's Figure directly, without pyplot: no global figure state, no display.
"""

from __future__ import annotations

from typing import Any


def points_histogram(points: list[float], max_score: float, x_label: str, y_label: str, title: str = "") -> Any:
    """A histogram of learners' points from 0 to `max_score` under `title`: a bar per whole point, or 12 equal bins."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(5.0, 2.6))
    axes = figure.add_subplot()
    upper = max_score if max_score > 0 else max(points, default=1.0) or 1.0
    if float(upper).is_integer() and upper <= 20:  # whole points: one bar centred on each value
        edges = [value - 0.5 for value in range(int(upper) + 2)]
    else:
        edges = [upper * step / 12 for step in range(13)]
    axes.hist(points, bins=edges, color="#2b5c8a", edgecolor="white")
    axes.set_xlabel(x_label)
    axes.set_ylabel(y_label)
    if title:
        axes.set_title(title, fontsize=10, loc="left")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return figure
