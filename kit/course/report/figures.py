"""Figures of the cohort report as self-contained <img> elements (base64 PNG with alt text).

Uses matplotlib's Agg canvas directly, without pyplot: no global figure state, no display.
"""

from __future__ import annotations

import base64
import html
import io
from typing import Any


def image_html(figure: Any, alt: str) -> str:
    """A matplotlib figure as an inline PNG <img> with alt text; no metadata, so no URLs inside."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80, metadata={"Software": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


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
