"""A self-paced student's progress on the start page: type the pseudonym, see each chapter's exercises done and scores,
and, for a student of the graded course, the assignments whose feedback is out with their points.

On the hub the account is the pseudonym (kit.hub.spawner sets it), so the progress shows without
typing; a page opened from a chapter's links (?participant=) shows it at once too. Only names a
person reads reach the page (chapter titles, case titles, municipality names, the assignments'
titles as the course exported them), never ids.
"""

from __future__ import annotations

import datetime
import html
import os
import time
from typing import TYPE_CHECKING, Any

import kit.store
from kit.apps.case_picker import case_title
from kit.apps.feedback_view import percent
from kit.apps.navigation import page_link
from kit.apps.page_ready import after_page_ready
from kit.apps.shell import HUB_ACCOUNT_ENV
from kit.cases import load_bank
from kit.content import load
from kit.content.i18n import query_value
from kit.mapping.labels import profile_label

if TYPE_CHECKING:
    from kit.store.graded import AssignmentResult
    from kit.store.progress import ChapterProgress, CourseProgress, ExerciseProgress, StudentProgress

DAY = 24 * 3600
# Kept in the widget, so that the start page needs no template change; phones get a single column.
PROGRESS_CSS = """<style>
.kit-progress-chapters { list-style: none; padding: 0; margin: 0.5em 0; }
.kit-progress-chapter { margin: 0 0 0.8em 0; padding: 0.5em 0.7em; border-left: 4px solid #c8c8c8; background: #f7f7f5; }
.kit-progress-chapter[data-state="started"] { border-left-color: #2e6b3a; }
.kit-progress-result a { color: #1a4fa0; display: inline-flex; align-items: center; min-height: 32px; }
.kit-progress-line { margin: 0.2em 0; color: #333; }
.kit-progress-chapter details > summary { cursor: pointer; color: #1a4fa0; min-height: 32px; display: flex; align-items: center; }
.kit-progress-chapter ul { margin: 0.3em 0; padding-left: 1.2em; }
.kit-progress-summary { margin: 0.4em 0; }
.kit-progress-course { margin: 0.8em 0; }
.kit-progress-course h3 { margin: 0.2em 0; font-size: 1.05em; }
.kit-progress-assignments { list-style: none; padding: 0; margin: 0.3em 0; }
.kit-progress-assignment { margin: 0 0 0.5em 0; padding: 0.4em 0.7em; border-left: 4px solid #1a4fa0; background: #f7f7f5; }
@media (max-width: 700px), (pointer: coarse) {
  .kit-progress-result a, .kit-progress-chapter details > summary { min-height: 44px; }
}
</style>"""


def when_text(moment: float, now: float, lang: str) -> str:
    """When something happened, as a person says it: "i dag", "för 3 veckor sedan", "den 2026-01-05"."""
    kb = load()
    days = (datetime.date.fromtimestamp(now) - datetime.date.fromtimestamp(moment)).days
    if days <= 0:
        return kb.ui("progress.today", lang)
    if days == 1:
        return kb.ui("progress.yesterday", lang)
    if days < 7:
        return kb.ui("progress.days_ago", lang, count=days)
    if days < 14:
        return kb.ui("progress.week_ago", lang)
    if days < 63:
        return kb.ui("progress.weeks_ago", lang, count=days // 7)
    return kb.ui("progress.on_date", lang, date=datetime.date.fromtimestamp(moment).isoformat())


def progress_html(progress: StudentProgress, name: str, lang: str, now: float | None = None) -> str:
    """The student's progress in `lang`: a welcome, the next step, and a line per chapter."""
    now = time.time() if now is None else now
    shown = html.escape(name)
    if not progress.started:
        return f'{PROGRESS_CSS}<p class="kit-progress-summary" role="status">{_ui("progress.nothing_yet", lang, name=shown)}</p>'
    first_open = next((chapter for chapter in progress.chapters if not chapter.started), None)
    next_step = (_ui("progress.next_step", lang, chapter=_chapter_link(first_open.number, lang, name)) if first_open
                 else _ui("progress.all_started", lang))
    chapters = "".join(_chapter_html(chapter, name, lang, now) for chapter in progress.chapters)
    courses = "".join(_course_html(course, lang, now) for course in progress.courses)
    welcome = (_ui("progress.welcome_back", lang, name=shown) if progress.last_at is None  # only grades so far
               else _ui("progress.welcome", lang, name=shown, when=html.escape(when_text(progress.last_at, now, lang))))
    return (f'{PROGRESS_CSS}<div class="kit-progress-result" lang="{lang}">'
            f'<div role="status"><p class="kit-progress-summary">{welcome}</p><p class="kit-progress-next">{next_step}</p></div>'
            f'<ol class="kit-progress-chapters">{chapters}</ol>{courses}</div>')


def _course_html(course: CourseProgress, lang: str, now: float) -> str:
    """A graded course's assignments with feedback out: how many of the course's, and each one's points."""
    items = "".join(_assignment_html(result, lang, now) for result in course.done)
    done = _ui("progress.assignments_done", lang, done=len(course.done), total=course.total)
    return (f'<section class="kit-progress-course"><h3>{_ui("progress.assignments_title", lang)}</h3>'
            f'<p class="kit-progress-line">{done}</p><ul class="kit-progress-assignments">{items}</ul></section>')


def _assignment_html(result: AssignmentResult, lang: str, now: float) -> str:
    title = _ui("progress.assignment_name", lang, chapter=result.chapter, title=html.escape(result.title(lang)))
    parts = [_ui("progress.assignment_points", lang, score=_points(result.score, lang), max=_points(result.max_score, lang),
                 percent=_percent(result.share, lang)),
             _ui("progress.assignment_released", lang, when=html.escape(when_text(result.released_at, now, lang)))]
    if result.provisional:
        parts.append(_ui("progress.assignment_provisional", lang))
    return (f'<li class="kit-progress-assignment" data-chapter="{result.chapter}"><strong>{title}</strong>'
            f'<p class="kit-progress-line">{" · ".join(parts)}</p></li>')


def _points(value: float, lang: str) -> str:
    """Points as a person writes them: 7, 7,5 in Swedish, 7.5 in English (to one decimal)."""
    text = f"{round(value, 1):.1f}".removesuffix(".0")
    return text.replace(".", ",") if lang == "sv" else text


def _ui(key: str, lang: str, **values: Any) -> str:
    """A UI string escaped for HTML; values are inserted as given (callers escape them)."""
    text = load().ui(key, lang)
    return html.escape(text).format(**values) if values else html.escape(text)


def _chapter_link(number: int, lang: str, name: str) -> str:
    kb = load()
    title = kb.get("chapters", kb.ids("chapters")[number]).title.get(lang)
    line = kb.ui("start.chapter_line", lang, number=number, title=title)
    return f'<a href="{html.escape(page_link(number, lang, name))}"><strong>{html.escape(line)}</strong></a>'


def _chapter_html(chapter: ChapterProgress, name: str, lang: str, now: float) -> str:
    head = _chapter_link(chapter.number, lang, name)
    state = "started" if chapter.started else "not-started"
    if not chapter.started:
        return (f'<li class="kit-progress-chapter" data-chapter="{chapter.number}" data-state="{state}">{head}'
                f'<p class="kit-progress-line">{_ui("progress.not_started", lang)}</p></li>')
    parts = [_ui(f"progress.done_{chapter.kind}", lang, done=len(chapter.done), total=chapter.total)]
    if chapter.scenarios:
        parts.append(_ui("progress.scenario_one", lang) if len(chapter.scenarios) == 1
                     else _ui("progress.scenarios", lang, count=len(chapter.scenarios)))
    if chapter.average is not None:
        parts.append(_ui("progress.average", lang, percent=_percent(chapter.average, lang)))
    if chapter.best is not None and len(chapter.done) > 1:
        parts.append(_ui("progress.best", lang, percent=_percent(chapter.best, lang)))
    if chapter.last_at is not None:  # a started chapter has answers, so always
        parts.append(_ui("progress.last", lang, when=html.escape(when_text(chapter.last_at, now, lang))))
    names = _exercise_names(chapter, lang)
    items = "".join(f"<li>{_exercise_line(exercise, names.get(exercise.exercise), lang)}</li>" for exercise in chapter.done)
    details = (f'<details><summary>{_ui("progress.show_done", lang)}</summary><ul>{items}</ul></details>' if items else "")
    return (f'<li class="kit-progress-chapter" data-chapter="{chapter.number}" data-state="{state}">{head}'
            f'<p class="kit-progress-line">{" · ".join(parts)}</p>{details}</li>')


def _percent(score: float, lang: str) -> str:
    return html.escape(load().ui("progress.percent", lang, percent=percent(score)))


def _exercise_line(exercise: ExerciseProgress, title: str | None, lang: str) -> str:
    shown = html.escape(title or "")
    line = (_ui("progress.exercise_score", lang, name=shown, percent=_percent(exercise.latest, lang)) if exercise.latest is not None
            else _ui("progress.exercise_done", lang, name=shown))
    return f'{line} {_ui("progress.variants", lang, count=exercise.variants)}' if exercise.variants > 1 else line


def _exercise_names(chapter: ChapterProgress, lang: str) -> dict[str, str]:
    """The names a person reads for the chapter's exercises done (ids stay off the page)."""
    ids = [exercise.exercise for exercise in chapter.done]
    if chapter.kind in ("cases", "plans"):
        bank = load_bank()
        return {case_id: case_title(bank[case_id], lang) for case_id in ids if case_id in bank}
    if chapter.kind == "situations":
        order = [situation.id for situation in load().situations]
        return {sid: load().ui("progress.situation", lang, number=order.index(sid) + 1) for sid in ids if sid in order}

    return {profile: profile_label(profile, lang) for profile in ids}


class ProgressView:
    """A heading, the pseudonym box and its button, and the progress; follows the start page's language switch."""

    def __init__(self, switch: Any, db_url: str | None = None):
        import ipywidgets as widgets

        self.switch, self.db_url = switch, db_url
        self.lang = switch.value
        self.heading = widgets.HTML()
        self.pseudonym = widgets.Text(continuous_update=False, layout=widgets.Layout(width="100%", max_width="22em"))
        self.pseudonym.add_class("kit-progress-pseudonym")
        self.show = widgets.Button(button_style="primary", layout=widgets.Layout(width="auto", min_width="10em"))
        self.show.add_class("kit-progress-show")
        self.result = widgets.HTML()
        self.result.add_class("kit-progress")
        self._shown: tuple[str, StudentProgress] | None = None
        self._message: tuple[str, dict[str, Any]] | None = None
        form = widgets.Box([self.pseudonym, self.show], layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        self.widget = widgets.VBox([self.heading, form, self.result])
        self.widget.add_class("kit-progress-view")
        self.hub_account = os.environ.get(HUB_ACCOUNT_ENV)
        start = self.hub_account or query_value("participant")
        if self.hub_account:  # the account is the pseudonym: nothing to type
            self.pseudonym.disabled = True
            self.show.layout.display = "none"
        if start:
            self.pseudonym.value = start
        self.show.on_click(lambda _: self.read())
        self.pseudonym.observe(lambda _: self.read(), names="value")
        switch.observe(lambda change: self.set_language(change["new"]), names="value")
        self.set_language(self.lang)
        if start:
            after_page_ready(self.read)  # the start page shows first; the store is read once it is there

    def set_language(self, lang: str) -> None:
        self.lang = lang
        kb = load()
        self.heading.value = (f'<h2>{html.escape(kb.ui("progress.title", lang))}</h2>'
                              f'<p>{html.escape(kb.ui("progress.intro_hub" if self.hub_account else "progress.intro", lang))}</p>')
        self.pseudonym.description = kb.ui("app.pseudonym", lang)
        self.pseudonym.placeholder = kb.ui("app.pseudonym", lang)
        self.show.description = kb.ui("progress.show", lang)
        self._render()

    def read(self) -> None:
        """Read the typed pseudonym's progress from the store and show it (or say why not)."""
        try:
            self._read()
        except Exception as exc:  # noqa: BLE001 - a learner sees a calm line, never a traceback
            self._shown, self._message = None, ("progress.unavailable", {"reason": type(exc).__name__})
            self._render()

    def _read(self) -> None:
        # the store brings SQLAlchemy (about 0.9 s): loaded when a student asks, not with the start page
        name = " ".join(self.pseudonym.value.split())
        self._shown = None
        if not name:
            self._message = ("progress.pseudonym_needed", {})
        elif not kit.store.is_valid_pseudonym(name):
            self._message = ("app.pseudonym_invalid", {})
        else:
            try:
                store = kit.store.open_store(self.db_url)
                try:
                    self._shown, self._message = (name, kit.store.read_progress(store, name)), None
                finally:
                    store.close()
            except kit.store.StoreError as exc:
                self._message = ("progress.unavailable", {"reason": str(exc).splitlines()[0][:200]})
        self._render()

    def _render(self) -> None:
        if self._shown is not None:
            name, progress = self._shown
            self.result.value = progress_html(progress, name, self.lang)
        elif self._message is not None:
            key, values = self._message
            text = html.escape(load().ui(key, self.lang, **values))
            self.result.value = f'<p class="kit-message kit-message-problem" role="alert" style="color:#8a1c1c">{text}</p>'
        else:
            self.result.value = ""


def progress_view(switch: Any, db_url: str | None = None) -> Any:
    """The progress view's widget for the start page, following `switch` (the page's language buttons)."""
    return ProgressView(switch, db_url).widget
