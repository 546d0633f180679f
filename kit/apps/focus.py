"""Moving the keyboard focus to what an action just showed: a heading line that takes the focus,
sent only once the browser has drawn it (every app uses these after check, score or a step)."""

from __future__ import annotations

from typing import Any


def trackable(widget: Any) -> Any:
    """`widget`, counting its views in the browser, so that `focus_when_shown` knows when it is there."""
    if widget._view_count is None:
        widget._view_count = 0
    return widget


def focus_heading() -> Any:
    """A heading line that a script can focus (out of the Tab order). An HTML widget cannot take
    the focus (ipywidgets focuses its inner box, which has no tabindex); a Label with
    `tabbable=False` can, so headings that receive the focus are Labels styled as headings."""
    import ipywidgets as widgets

    heading = trackable(widgets.Label(tabbable=False))
    heading.add_class("kit-focus-heading")
    return heading


def focus_when_shown(widget: Any) -> None:
    """Move the keyboard focus to `widget` now, or as soon as the browser has drawn it
    (a focus request sent before the widget is drawn would be lost)."""
    if not widget._view_count:
        def once(change: dict[str, Any]) -> None:
            if change["new"]:
                widget.unobserve(once, names="_view_count")
                widget.focus()

        widget.observe(once, names="_view_count")
        return
    widget.focus()
