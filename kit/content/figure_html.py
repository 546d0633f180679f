"""Figures as self-contained HTML: a matplotlib figure as an inline PNG <img> with alt text.

One function for every page and report that shows a figure (the mapping simulator's maps and
curves, the referral planner's pictures, the cohort report's histograms). It draws on matplotlib's
Agg canvas directly, so it needs no pyplot and no display, and writes no metadata (no URLs inside).
"""

from __future__ import annotations

import base64
import html
import io
from typing import Any


def figure_html(figure: Any, alt: str) -> str:
    """`figure` as an <img> with alt text (screen readers, axe `image-alt`) that never grows wider than its box."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80, metadata={"Software": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" style="max-width:100%">'
