"""A chapter page: the chapter's short lesson, then its app, under one language switch."""

from __future__ import annotations

from typing import Any

from kit.apps.classifier import CaseClassifier
from kit.apps.lesson import lesson_widget
from kit.apps.mapping_simulator import MappingSimulator
from kit.apps.navigation import navigation_html
from kit.apps.planner import NrmPlanner
from kit.apps.quiz import PrinciplesQuiz


def build_app(chapter: int, lang: str | None = None, profile: str | None = None, seed: int | None = None,
              case_set: str | None = None, db_url: str | None = None) -> Any:
    """The app that ends `chapter` (1-6), not yet displayed."""
    if chapter == 1:
        return PrinciplesQuiz(lang=lang, db_url=db_url)
    if chapter in (2, 4):
        return CaseClassifier(lang=lang, case_set=case_set or ("seed" if chapter == 2 else "all"), seed=seed, db_url=db_url)
    if chapter == 5:
        return NrmPlanner(lang=lang, seed=seed, db_url=db_url, case_set=case_set)
    if chapter in (3, 6):
        return MappingSimulator(lang=lang, profile=profile, seed=seed, db_url=db_url, chapter=chapter)
    raise ValueError(f"there is no chapter {chapter}: use 1-6")


def show_chapter(chapter: int, lang: str | None = None, profile: str | None = None, seed: int | None = None,
                 case_set: str | None = None, db_url: str | None = None) -> Any:
    """Display the lesson and the app of `chapter`; returns the app."""
    from IPython.display import display

    app = build_app(chapter, lang=lang, profile=profile, seed=seed, case_set=case_set, db_url=db_url)
    header, *rest = app.widget.children
    app.widget.children = (navigation_widget(chapter, app.shell), header, lesson_widget(chapter, app.shell), *rest,
                           navigation_widget(chapter, app.shell, full=True))
    display(app.widget)
    return app


def navigation_widget(chapter: int, shell: Any, full: bool = False) -> Any:
    """Links to the start page and the neighbouring chapters (short at the top, with titles at the
    end), following language and pseudonym."""
    import ipywidgets as widgets

    bar = widgets.HTML()
    bar.add_class("kit-navigation")

    def draw(*_: Any) -> None:
        bar.value = navigation_html(chapter, shell.lang, " ".join(shell.pseudonym.value.split()) or None, full=full)

    shell.on_language(draw)
    shell.on_participant(draw)
    draw()
    return bar
