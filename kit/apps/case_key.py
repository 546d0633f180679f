"""A case's key in words, for the room: each part of the right answer, the teaching note, why experts disagree.

Shown on every participant's page and on the trainer's dashboard once the trainer reveals it
(kit/apps/classifier_lead.py, kit/apps/dashboard_lead.py); every id becomes its label in the
page's language.
"""

from __future__ import annotations

import html
from typing import Any

from kit.apps.case_picker import case_title


def key_rows(case: Any, kb: Any, lang: str) -> list[tuple[str, list[str]]]:
    """(part of the answer, the right answer in words: one entry per item), in the order a
    participant answers."""
    ui = lambda key, **values: kb.ui(key, lang, **values)  # noqa: E731
    truth = case.truth
    terms = {term.id: term.label.get(lang) for term in kb.palermo_terms}
    forms = {form.id: form.label.get(lang) for form in kb.forms}
    actors = {actor.id: actor.name.get(lang) for actor in kb.actors}
    indicators = {indicator.id: indicator.question.get(lang) for indicator in kb.indicators}

    def words(ids: Any, labels: dict[str, str]) -> list[str]:
        return [labels[i] for i in ids if i in labels] or [ui("lead.key_none")]

    rows = [
        (ui("element.trafficking"), [ui("app.yes" if truth.trafficking else "app.no")]),
        (ui("element.minor"), [ui("app.yes" if truth.minor else "app.no")]),
        (ui("element.act"), words(truth.act, terms)),
        (ui("element.means"), words(truth.means, terms)),
        (ui("classifier.row.purpose"), words(truth.purpose or truth.forms, forms)),
        (ui("element.indicators"), words(truth.indicators, indicators)),
        (ui("element.first_referrals"), words(truth.first_referrals, actors)),
    ]
    if truth.acceptable_referrals:
        rows.append((ui("lead.key_acceptable"), words(truth.acceptable_referrals, actors)))
    return rows


def key_html(case: Any, kb: Any, lang: str) -> str:
    """The key of `case` as a section: a heading, a list of the parts, the teaching note and its
    sources, and why experts disagree on a contested case."""
    ui = lambda key, **values: kb.ui(key, lang, **values)  # noqa: E731
    parts = [f'<section class="kit-key" lang="{lang}"><h3>{html.escape(ui("lead.key_title", title=case_title(case, lang)))}</h3>',
             '<ul class="kit-key-rows">']
    for part, answers in key_rows(case, kb, lang):
        said = (html.escape(answers[0]) if len(answers) == 1
                else "<ul>" + "".join(f"<li>{html.escape(answer)}</li>" for answer in answers) + "</ul>")
        parts.append(f"<li><strong>{html.escape(ui('lead.key_part', part=part))}</strong> {said}</li>")
    parts.append("</ul>")
    note = case.teaching_note.get(lang)
    if note:
        sources = "; ".join(ref.label(lang) for ref in case.teaching_refs)
        source = f' <small class="kit-ref">({html.escape(sources)})</small>' if sources else ""
        parts.append(f'<h4>{html.escape(ui("classifier.teaching_note_title"))}</h4><p class="kit-key-note">{html.escape(note)}{source}</p>')
    if case.contested is not None:
        parts.append(f'<h4>{html.escape(ui("case.contested_title"))}</h4><p class="kit-contested">{html.escape(case.contested.get(lang))}</p>')
    parts.append("</section>")
    return "".join(parts)
