"""The start page's progress view without a browser: names not ids, both languages, calm lines for no answers and bad input."""

from __future__ import annotations

import re
import time

import pytest

from kit.apps.progress_view import ProgressView, progress_html, when_text
from kit.cases import load_bank
from kit.content import load
from kit.store import open_store
from kit.store.progress import read_progress

DAY = 24 * 3600
BANK = load_bank()
SEED_CASE = next(c for c in BANK.values() if c.source.kind == "seed")
OTHER_CASE = next(c for c in BANK.values() if c.source.kind != "seed" and c.truth.trafficking)
SITUATION = load().situations[1]


@pytest.fixture
def store_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'answers.sqlite'}"
    monkeypatch.setenv("STROM_KIT_DB", url)
    monkeypatch.delenv("STROM_KIT_PARTICIPANT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "lang=sv")
    return url


def lina_answers(url: str) -> None:
    store = open_store(url)
    store.record("lina", "classifier", f"{SEED_CASE.id}_v3", {"trafficking": True}, score=0.66, base_item=SEED_CASE.id, seed=3)
    store.record("lina", "classifier", f"{SEED_CASE.id}_v9", {"trafficking": True}, score=0.75, base_item=SEED_CASE.id, seed=9)
    store.record("lina", "classifier", OTHER_CASE.id, {"trafficking": True})  # no score: done, no number
    store.record("lina", "principles_quiz", SITUATION.id, {"principle": "x", "relation": "follows"}, score=1.0)
    store.record("lina", "nrm_planner", f"{OTHER_CASE.id}:SE:scenario", {"decisions": []}, score=0.5)
    store.close()


def visible_text(markup: str) -> str:
    return re.sub(r"<style>.*?</style>|<[^>]+>", " ", markup, flags=re.S)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_progress_names_chapters_cases_and_scores_in_both_languages(store_url, lang):
    lina_answers(store_url)
    markup = progress_html(read_progress(open_store(store_url), "Lina"), "Lina", lang)
    text = visible_text(markup)
    for case_id in (SEED_CASE.id, OTHER_CASE.id, SITUATION.id):
        assert case_id not in text
    for raw in ("None", "nan", "NaN", "{", "}", "_v3"):
        assert raw not in text, raw
    done = {"sv": ("1 av 5 fall gjorda", "75 %", "(2 varianter)", "i dag", "Situation 2: 100 %", "Inte påbörjat ännu",
                   "scenariot spelat för 1 fall", "gjord"),
            "en": ("1 of 5 cases done", "75%", "(2 variants)", "today", "Situation 2: 100%", "Not started yet",
                   "the scenario played for 1 case", "done")}[lang]
    for words in done:
        assert words in text, words
    assert f'lang={lang}' in markup and "participant=Lina" in markup  # each chapter opens in the same language and name
    assert "Kapitel 3" in text if lang == "sv" else "Chapter 3" in text  # the next step: the first chapter not started


def test_a_student_back_after_three_weeks_reads_when_they_last_worked():
    now = time.time()
    assert when_text(now - 21 * DAY, now, "sv") == "för 3 veckor sedan"
    assert when_text(now - 21 * DAY, now, "en") == "3 weeks ago"
    assert when_text(now - 9 * DAY, now, "en") == "a week ago"
    assert when_text(now - 3 * DAY, now, "sv") == "för 3 dagar sedan"
    assert re.fullmatch(r"on \d{4}-\d\d-\d\d", when_text(now - 200 * DAY, now, "en"))


def test_the_view_reads_the_typed_pseudonym_in_any_case_and_follows_the_language(store_url):
    import ipywidgets as widgets

    lina_answers(store_url)
    switch = widgets.ToggleButtons(options=[("Svenska", "sv"), ("English", "en")], value="sv")
    view = ProgressView(switch)
    assert view.pseudonym.description and view.show.description == "Visa mina framsteg"
    view.show.click()
    assert "Skriv din pseudonym först" in view.result.value
    view.pseudonym.value = "  LINA "
    assert "Välkommen tillbaka, LINA" in view.result.value and "1 av 5 fall gjorda" in view.result.value
    switch.value = "en"
    assert "Welcome back, LINA" in view.result.value and view.show.description == "Show my progress"
    view.pseudonym.value = "<b>"
    assert "may have 1-40 characters" in view.result.value and "<b>" not in visible_text(view.result.value)
    view.pseudonym.value = "Nobody"
    assert "No saved answers under Nobody yet" in view.result.value


def test_on_the_hub_the_account_is_shown_without_typing(store_url, monkeypatch):
    import ipywidgets as widgets

    lina_answers(store_url)
    monkeypatch.setenv("STROM_KIT_PARTICIPANT", "lina")
    view = ProgressView(widgets.ToggleButtons(options=[("Svenska", "sv"), ("English", "en")], value="en"))
    assert view.pseudonym.disabled and view.pseudonym.value == "lina" and view.show.layout.display == "none"
    assert "saved under your account" in view.heading.value
    view.read()  # what the page does once it is shown
    assert "1 of 5 cases done" in view.result.value


def test_a_store_that_cannot_open_is_a_calm_line_not_a_traceback(store_url, monkeypatch):
    import ipywidgets as widgets

    monkeypatch.setenv("STROM_KIT_DB", "sqlite://")
    view = ProgressView(widgets.ToggleButtons(options=[("Svenska", "sv"), ("English", "en")], value="en"))
    view.pseudonym.value = "lina"
    assert "Your progress cannot be shown right now" in view.result.value
    assert "Traceback" not in view.result.value


def test_the_progress_counts_the_cases_each_chapter_page_opens():
    """The read model's sets are the classifier's and the planner's own (kit/apps/chapter.py): no drift."""
    from kit.apps.classifier import select_cases
    from kit.store.progress import Exercises

    exercises = Exercises.shipped()
    assert set(exercises.seed_cases) == {c.id for c in select_cases("seed")}
    assert set(exercises.all_cases) == {c.id for c in select_cases("all")}
    assert set(exercises.trafficking_cases) == {c.id for c in select_cases("trafficking") if c.truth.trafficking}
    assert list(exercises.situations) == [s.id for s in load().situations]


def release_grades(url: str, participant: str = "lina", released_at: float | None = None) -> None:
    """What `strom-kit course feedback` writes for two assignments: one final, one awaiting a grader."""
    from kit.store.graded import AssignmentResult, save_assignment_results

    released = time.time() if released_at is None else released_at
    store = open_store(url)
    save_assignment_results(store, [
        AssignmentResult(participant, "strom", "ch2_what_is_trafficking", 2, "Vad är människohandel?", "What is trafficking?",
                         7.5, 9.0, False, 6, released - 3600, released),
        AssignmentResult(participant, "strom", "ch4_indicators", 4, "Indikatorer & <stöd>", "Indicators & <support>",
                         5.0, 5.0, True, 6, released - 3600, released - 21 * DAY),
    ])
    store.close()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_released_assignments_show_titles_points_and_what_is_provisional_in_both_languages(store_url, lang):
    lina_answers(store_url)
    release_grades(store_url)
    markup = progress_html(read_progress(open_store(store_url), "Lina"), "Lina", lang)
    text = visible_text(markup)
    expected = {"sv": ("Inlämningsuppgifter i kursen", "Återkoppling på 2 av 6 inlämningsuppgifter",
                       "Kapitel 2: Vad är människohandel?", "7,5 av 9 poäng (83 %)", "återkoppling i dag",
                       "Kapitel 4: Indikatorer &amp; &lt;stöd&gt;", "5 av 5 poäng (100 %)", "återkoppling för 3 veckor sedan",
                       "preliminärt: en del bedöms fortfarande av läraren"),
                "en": ("Graded assignments in the course", "Feedback on 2 of 6 assignments",
                       "Chapter 2: What is trafficking?", "7.5 of 9 points (83%)", "feedback today",
                       "Chapter 4: Indicators &amp; &lt;support&gt;", "5 of 5 points (100%)", "feedback 3 weeks ago",
                       "provisional: a part is still being graded by your teacher")}[lang]
    for words in expected:
        assert words in text, words
    assert text.count("preliminärt" if lang == "sv" else "provisional") == 1  # only the one awaiting a grader
    for raw in ("ch2_what_is_trafficking", "ch4_indicators", "strom", "None", "nan", "NaN", "{", "}", "<support>", "<stöd>"):
        assert raw not in text, raw


def test_a_student_with_grades_but_no_answers_is_welcomed_without_a_last_time(store_url):
    release_grades(store_url, "kim", released_at=time.time() - 3 * DAY)
    markup = progress_html(read_progress(open_store(store_url), "Kim"), "Kim", "en")
    text = visible_text(markup)
    assert "Welcome back, Kim." in text and "You last worked" not in text and "No saved answers" not in text
    assert "Feedback on 2 of 6 assignments" in text and "feedback 3 days ago" in text
    assert "Chapter 1" in text  # the next step: the chapters are still open to them


def test_without_released_grades_the_page_has_no_assignments(store_url):
    lina_answers(store_url)
    markup = progress_html(read_progress(open_store(store_url), "Lina"), "Lina", "sv")
    assert "<section class=\"kit-progress-course\"" not in markup and "Inlämningsuppgifter" not in visible_text(markup)
