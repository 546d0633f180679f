"""A chapter's short lesson: summary and goals, then what the chapter's activity asks, with sources.

The title and summary stay on the first screen with the activity; the rest is folded behind
"read more" (a native <details>, keyboard and screen-reader ready). Inside, each kind of content
is a folded section of its own (nested <details>), so long chapters stay light. An entry shows
its title, its rule or substance (every text it carries, not only an explanation), its lists
(key points, entitlements, warning signs, questions), the actors or forms it names, any
"since the guidelines (2016)" note with its public source, and its seed reference. Which entries a
chapter shows is chosen by topic in `kit.apps.lesson_topics`.
"""

from __future__ import annotations

import html
from typing import Any

from kit.apps.lesson_topics import Section, chapter_topic
from kit.content import load
from kit.content.kinds import REFERENCE_FIELDS
from kit.content.knowledge_base import KnowledgeBase
from kit.content.models import Model, Ref, SinceNote, Text
from kit.content.render import headline

# Texts shown as plain paragraphs; every other text field is shown after its label ("Rule: ...").
_PLAIN_FIELDS = frozenset({"summary", "description", "text", "detail", "explanation"})
# Fields never shown in a lesson: ids, internal codes and what the entry's heading already says.
_SKIPPED_FIELDS = frozenset({"id", "ref", "since", "group", "element", "order", "number", "also_ref", "short_name"})
# Referenced ids shown by name; other reference fields (e.g. a sign's indicators) would repeat the section.
_NAMED_REFERENCES = frozenset({"actors", "who", "formal_identifiers", "potential_identifiers", "support_providers",
                               "forms", "instruments"})


def lesson_html(chapter: int, lang: str) -> str:
    """The lesson of `chapter` as HTML in `lang`."""
    kb = load()
    meta = kb.get("chapters", kb.ids("chapters")[chapter])
    topic = chapter_topic(chapter, kb)
    parts = [f'<div class="kit-lesson" lang="{lang}"><h1>{_e(meta.title.get(lang))}</h1>',
             f"<p>{_e(meta.summary.get(lang))}</p>",
             f'<details class="kit-lesson-more"><summary>{_e(kb.ui("lesson.open", lang))}</summary>']
    if meta.learning_goals:
        parts.append(f"<p><strong>{_e(kb.ui('lesson.goals', lang))}</strong></p><ul>")
        parts += [f"<li>{_e(goal.get(lang))}</li>" for goal in meta.learning_goals]
        parts.append("</ul>")
    parts.append(f"<h2>{_e(kb.ui('lesson.read_more', lang))}</h2>")
    if topic.national_facts:
        parts.append(f'<p class="kit-lesson-dated">{_e(kb.ui("lesson.dated", lang))}</p>')
    parts += [_section_html(kb, section, lang) for section in topic.sections if section.entries]
    parts.append("</details></div>")
    return "".join(parts)


def _section_html(kb: KnowledgeBase, section: Section, lang: str) -> str:
    title = kb.ui(f"lesson.kind.{section.key}", lang)
    parts = [f'<details class="kit-lesson-kind" data-kit-section="{section.key}">',
             f'<summary><h3 style="display:inline;margin:0 0.4em 0 0;font-size:1.05em">{_e(title)}</h3> ({len(section.entries)})</summary>']
    if section.note:
        parts.append(f'<p class="kit-lesson-note">{_e(kb.ui(section.note, lang))}</p>')
    for group, entries in section.groups.items():
        if not entries:
            continue
        if group is not None and section.group_label is not None:
            parts.append(f"<h4>{_e(section.group_label(kb, group, lang))}</h4>")
        parts.append("<ul>")
        parts += [f'<li data-kit-item="{section.kind}:{entry.id}">{entry_html(kb, entry, lang)}</li>' for entry in entries]
        parts.append("</ul>")
    parts.append("</details>")
    return "".join(parts)


def entry_html(kb: KnowledgeBase, entry: Any, lang: str) -> str:
    """One entry: its title, every text and list it carries, the names it refers to, notes and source."""
    title = headline(entry, lang)
    parts = [f"<strong>{_e(title)}</strong>"]
    texts = _texts(kb, entry, lang, skip=title)
    if texts and entry_since(entry):
        texts[0] = f'<em>{_e(kb.ui("lesson.guidelines_text", lang))}</em> {texts[0]}'
    parts += [f"<p>{text}</p>" for text in texts]
    parts += _lists(kb, entry, lang)
    parts += _named(kb, entry, lang)
    if getattr(entry, "strength", None):
        grade = kb.ui(f"value.{entry.strength}", lang)
        parts.append(f'<p><small>{_e(kb.ui("field.strength", lang))}: {_e(grade)}</small></p>')
    parts += [_since_html(kb, note, lang) for note in entry_since(entry)]
    ref = getattr(entry, "ref", None)
    if isinstance(ref, Ref):
        parts.append(f'<small class="kit-ref">({_e(ref.label(lang))})</small>')
    return "".join(parts)


def entry_since(entry: Any) -> list[SinceNote]:
    """The "since the guidelines" notes of an entry (none for entries that cannot carry them)."""
    return list(getattr(entry, "since", None) or [])


def _texts(kb: KnowledgeBase, entry: Any, lang: str, skip: str) -> list[str]:
    """Every text field of `entry` except its headline, as escaped HTML, labelled unless plain."""
    texts = []
    for name in entry.__struct_fields__:
        value = getattr(entry, name)
        if name in _SKIPPED_FIELDS or not isinstance(value, Text) or value.get(lang) == skip:
            continue
        text = _e(value.get(lang))
        texts.append(text if name in _PLAIN_FIELDS else f"<em>{_e(kb.ui(f'field.{name}', lang))}:</em> {text}")
    return texts


def _lists(kb: KnowledgeBase, entry: Any, lang: str) -> list[str]:
    """Lists of texts or points (key points, entitlements, sectors, questions, signs, actions)."""
    parts = []
    for name in entry.__struct_fields__:
        value = getattr(entry, name)
        if name in _SKIPPED_FIELDS or not isinstance(value, list) or not value:
            continue
        if all(isinstance(element, Text) for element in value):
            lines = [_e(element.get(lang)) for element in value]
        elif all(isinstance(element, Model) for element in value):
            lines = [_e(headline(element, lang)) for element in value]
        else:
            continue
        parts.append(f"<p><em>{_e(kb.ui(f'field.{name}', lang))}:</em></p><ul>"
                     + "".join(f"<li>{line}</li>" for line in lines) + "</ul>")
    return parts


def _named(kb: KnowledgeBase, entry: Any, lang: str) -> list[str]:
    """The actors, forms and instruments an entry names, by their names in `lang`."""
    parts = []
    for name in entry.__struct_fields__:
        value = getattr(entry, name)
        kind = REFERENCE_FIELDS.get(name)
        if name not in _NAMED_REFERENCES or kind is None or not value:
            continue
        names = [headline(kb.get(kind, ref_id), lang) for ref_id in value]
        parts.append(f'<p><small>{_e(kb.ui(f"field.{name}", lang))}: {_e(", ".join(names))}</small></p>')
    return parts


def _since_html(kb: KnowledgeBase, note: SinceNote, lang: str) -> str:
    heading = kb.ui("lesson.since", lang, year=note.year)
    source = kb.ui("lesson.since_source", lang, source=note.source.get(lang))
    return (f'<p class="kit-lesson-since"><strong>{_e(heading)}</strong> {_e(note.text.get(lang))} '
            f"<small>({_e(source)})</small></p>")


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def lesson_widget(chapter: int, shell: Any) -> Any:
    """The lesson as a widget that follows the app's language switch."""
    import ipywidgets as widgets

    page = widgets.HTML(lesson_html(chapter, shell.lang))
    page.add_class("kit-lesson-page")
    shell.on_language(lambda lang: setattr(page, "value", lesson_html(chapter, lang)))
    return page
