"""Figures for web pages: matplotlib figures as <img> elements with alt text."""

from __future__ import annotations

import base64
import html
import io
from typing import Any


def figure_html(figure: Any, alt: str) -> str:
    """A matplotlib figure as an <img> with alt text (screen readers, axe `image-alt`)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" style="max-width:100%">'
