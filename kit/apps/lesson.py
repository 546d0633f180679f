"""A chapter's short lesson: summary, goals and its key content, from the knowledge base, with sources."""

from __future__ import annotations

import html
from typing import Any

from kit.content.render import headline

# Which kinds each chapter teaches (in this order), and which items of a kind belong to it.
LESSON_KINDS: dict[int, tuple[str, ...]] = {
    1: ("principles",),
    2: ("palermo_elements", "legal_rules", "instruments", "forms"),
    3: ("mapping_guidance", "mapping_tables", "places", "municipality_actions"),
    4: ("vulnerability_factors", "self_identification_barriers", "suspicion_steps", "warning_settings", "regimes", "municipality_actions"),
    5: ("principles", "victim_concerns", "support_phases", "municipality_actions"),
    6: ("prevention_measures", "procurement_clauses", "good_practices", "municipality_actions"),
}
_DETAIL_FIELDS = ("summary", "explanation", "text", "description", "rule", "identification", "lesson")


def lesson_html(chapter: int, lang: str) -> str:
    """The lesson of `chapter` as HTML in `lang`."""
    from kit.content import load

    kb = load()
    meta = kb.get("chapters", kb.ids("chapters")[chapter])
    # The activity must be on the first screen: the chapter's title and summary show, the rest of
    # the lesson is folded behind "read more" (a native <details>, keyboard and screen-reader ready).
    parts = [f'<div class="kit-lesson" lang="{lang}"><h1>{html.escape(meta.title.get(lang))}</h1>',
             f"<p>{html.escape(meta.summary.get(lang))}</p>",
             f'<details class="kit-lesson-more"><summary>{html.escape(kb.ui("lesson.open", lang))}</summary>']
    if meta.learning_goals:
        parts.append(f"<p><strong>{html.escape(kb.ui('lesson.goals', lang))}</strong></p><ul>")
        parts += [f"<li>{html.escape(goal.get(lang))}</li>" for goal in meta.learning_goals]
        parts.append("</ul>")
    parts.append(f"<h2>{html.escape(kb.ui('lesson.read_more', lang))}</h2>")
    for kind in LESSON_KINDS.get(chapter, ()):
        items = [item for item in kb.items(kind) if item.ref.chapter == chapter]
        if not items:
            continue
        parts.append(f"<h3>{html.escape(kb.ui(f'lesson.kind.{kind}', lang))}</h3><ul>")
        for item in items:
            parts.append(f"<li>{_item_html(item, lang)}</li>")
        parts.append("</ul>")
    parts.append("</details></div>")
    return "".join(parts)


def _item_html(item: Any, lang: str) -> str:
    title = headline(item, lang)
    detail = next((getattr(item, name).get(lang) for name in _DETAIL_FIELDS
                   if getattr(item, name, None) is not None and getattr(item, name).get(lang) != title), "")
    source = f' <small class="kit-ref">({html.escape(item.ref.label(lang))})</small>'
    body = f"<strong>{html.escape(title)}</strong>"
    return body + (f" – {html.escape(detail)}" if detail else "") + source


def lesson_widget(chapter: int, shell: Any) -> Any:
    """The lesson as a widget that follows the app's language switch."""
    import ipywidgets as widgets

    page = widgets.HTML(lesson_html(chapter, shell.lang))
    page.add_class("kit-lesson-page")
    shell.on_language(lambda lang: setattr(page, "value", lesson_html(chapter, lang)))
    return page
