"""The trainer dashboard without a browser: the trainer key keeps the room's data closed, and the
room is drawn with a legend, a heading over every column, labels instead of ids, no 0 % item among
the most missed, in the page's language."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from kit.apps.trainer_key import KEY_ENV, Access, KeyPolicy, TrainerKeyError, check_chosen_key, keys_match, new_key

KEY = "room-key-2024"
RAW_VALUE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\bNaN\b|\bNone\b|\(none\)|\bnan\b")


class Shown(HTMLParser):
    """The text a person sees in an HTML fragment (with the column labels CSS shows on phones),
    and every table as a list of rows of cells."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("data-label", "aria-label"):
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data.strip())
        if self._cell is not None:
            self._cell.append(data)


def shown(html: str) -> Shown:
    parser = Shown()
    parser.feed(html)
    return parser


@pytest.fixture
def room(tmp_path, monkeypatch):
    """A store holding answers from every app that saves: three participants on a trafficking
    case, a case that is not trafficking and a case with two forms; one participant ticks every
    indicator of the first case, so some of its indicators are never missed; the other cases'
    indicators are all ticked."""
    from kit.apps import classifier, mapping_simulator, planner, quiz
    from kit.cases.bank import load_bank
    from kit.store import open_store

    url = f"sqlite:///{tmp_path / 'answers.sqlite'}"
    monkeypatch.setenv("STROM_KIT_DB", url)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    bank = load_bank()
    begging = next(c for c in bank.values() if c.truth.forms == ["forced_begging"] and len(c.truth.indicators) >= 3)
    lookalike = next(c for c in bank.values() if not c.truth.trafficking)
    two_forms = next(c for c in bank.values() if len(c.truth.forms) == 2)
    store = open_store(url)
    every = list(begging.truth.indicators)
    answers = {
        "ada": {"trafficking": True, "forms": ["forced_begging"], "indicators": every},
        "bo": {"trafficking": True, "forms": ["forced_criminality"], "indicators": every[:-1]},
        "cy": {"trafficking": None, "forms": [], "indicators": every[:-2]},
    }
    for person, answer in answers.items():
        store.record(person, classifier.APP, begging.id, answer, score=0.5)
    store.record("ada", classifier.APP, lookalike.id, {"trafficking": True, "forms": ["forced_labour"],
                                                          "indicators": list(lookalike.truth.indicators)}, score=0.2)
    store.record("bo", classifier.APP, two_forms.id, {"trafficking": True, "forms": [two_forms.truth.forms[0]],
                                                          "indicators": list(two_forms.truth.indicators)}, score=0.6)
    store.record("ada", quiz.APP, "situation_1", {"principle": "human_rights", "relation": "supports"}, score=1.0)
    store.record("bo", planner.APP, f"{begging.id}:SE", {"steps": []}, score=0.4)
    store.record("bo", planner.APP, f"{begging.id}:SE:scenario", {"decisions": []}, score=0.5)
    store.record("cy", mapping_simulator.APP, "inland_town:1", {"groups": []}, score=0.7)
    store.record("cy", "an_app_of_tomorrow", "item_1", {}, score=None)
    store.close()
    return {"begging": begging, "lookalike": lookalike, "two_forms": two_forms, "every": every, "url": url}


def dashboard(lang="sv", key=KEY, expected=KEY, served=True):
    from kit.apps.dashboard import TrainerDashboard

    return TrainerDashboard(lang=lang, policy=KeyPolicy(expected=expected, served=served), key=key)


def ids_of_the_kit(room, kb) -> set[str]:
    from kit.apps import classifier, mapping_simulator, planner, quiz

    ids = {classifier.APP, quiz.APP, planner.APP, mapping_simulator.APP, "an_app_of_tomorrow"}
    ids |= {room["begging"].id, room["lookalike"].id, room["two_forms"].id, *room["every"]}
    ids |= set(kb.ids("forms")) | set(kb.ids("indicators"))
    return ids


# --- the trainer key ------------------------------------------------------------------------

def test_without_the_key_the_page_shows_no_room_data(room):
    board = dashboard(key=None)
    assert board.room.layout.display == "none" and board.gate.widget.layout.display != "none"
    assert board.summary.value == "" and board.body.value == ""
    board.update()  # a refresh (or the timer) while locked draws nothing
    assert board.summary.value == "" and board.body.value == ""
    assert "utbildarnyckeln" in board.gate.message.value and 'role="status"' in board.gate.message.value


def test_a_wrong_key_gets_a_clear_message_and_no_data(room):
    board = dashboard(key="not-the-key")
    assert board.gate.access is Access.WRONG and board.body.value == ""
    assert "Nyckeln stämmer inte" in board.gate.message.value and 'role="alert"' in board.gate.message.value
    board.shell.set_language("en")
    assert "That key is not right" in board.gate.message.value  # the message follows the language
    board.gate.key.value = "still-wrong"
    assert board.gate.access is Access.WRONG and board.body.value == ""
    board.gate.try_key("   ")
    assert "Type the key first" in board.gate.message.value and board.body.value == ""


def test_the_right_key_typed_in_opens_the_room_and_leaves_no_key_in_the_page(room):
    board = dashboard(key=None)
    board.gate.key.value = KEY  # typed into the password box, then Enter
    assert board.gate.is_open and board.room.layout.display is None
    assert board.gate.widget.layout.display == "none" and board.gate.key.value == ""
    from kit.cases.narrative import render

    assert "3 deltagare" in board.summary.value and html.escape(render(room["begging"], "sv")[0]) in board.body.value


def test_the_key_in_the_address_opens_the_room(room, monkeypatch, kb):
    from kit.apps.dashboard import TrainerDashboard

    monkeypatch.setenv(KEY_ENV, KEY)
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    monkeypatch.setenv("QUERY_STRING", f"lang=en&key={KEY}")
    board = TrainerDashboard()
    assert board.gate.is_open and kb.ui("dashboard.verdicts_title", "en") in board.body.value
    monkeypatch.setenv("QUERY_STRING", "lang=en&key=guess")
    assert TrainerDashboard().body.value == ""


def test_a_served_page_without_a_server_key_stays_closed_but_a_notebook_of_ones_own_opens(room):
    closed = dashboard(key="anything", expected=None, served=True)
    assert closed.gate.access is Access.NO_KEY_SET and closed.body.value == ""
    assert "strom-kit serve" in closed.gate.message.value and closed.gate.key.disabled
    assert not closed.gate.try_key("anything") and closed.body.value == ""
    own = dashboard(key=None, expected=None, served=False)  # JupyterLab or papermill: no server, no key
    assert own.gate.is_open and own.body.value


def test_keys_compare_in_constant_time(monkeypatch):
    import kit.apps.trainer_key as trainer_key

    calls = []
    real = trainer_key.hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(trainer_key.hmac, "compare_digest", spy)
    assert keys_match(KEY, KEY) and keys_match(f" {KEY}\n", KEY)
    assert not keys_match(KEY[:-1], KEY) and not keys_match(KEY + "x", KEY) and not keys_match("", KEY)
    assert not keys_match("nyckel-åäö-ü", KEY)  # not ASCII: compared as bytes, no TypeError
    assert len(calls) == 6 and all(isinstance(a, bytes) and isinstance(b, bytes) for a, b in calls)


def test_policy_from_the_environment_and_chosen_keys():
    assert KeyPolicy.from_environment({}) == KeyPolicy(expected=None, served=False)
    assert KeyPolicy.from_environment({KEY_ENV: KEY, "VOILA_BASE_URL": "/"}) == KeyPolicy(expected=KEY, served=True)
    policy = KeyPolicy(expected=KEY, served=True)
    assert [policy.check(k) for k in (None, "", KEY, "x")] == [Access.ASK, Access.ASK, Access.OPEN, Access.WRONG]
    first, second = new_key(), new_key()
    assert first != second and check_chosen_key(first) == first and len(first) >= 16
    assert check_chosen_key("  my-room.key_1 ") == "my-room.key_1"
    for bad in ("short", "with space inside", "nyckel&lang=en", "å" * 10):
        with pytest.raises(TrainerKeyError):
            check_chosen_key(bad)


# --- what the room looks like ---------------------------------------------------------------

@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_column_has_a_heading_and_the_bars_a_legend(room, kb, lang):
    board = dashboard(lang=lang)
    page = shown(board.body.value)
    assert len(page.tables) == 5  # verdicts, parts of the answer, most missed, confused forms, scores per exercise
    for table in page.tables:
        heading, *rows = table
        assert rows and all(heading) and all(len(row) == len(heading) for row in rows), table
    verdicts = page.tables[0]
    assert verdicts[0] == [kb.ui(f"dashboard.col_{c}", lang) for c in ("case", "answers", "yes", "no", "unsure", "truth")]
    for verdict in ("yes", "no", "unsure"):
        assert kb.ui(f"dashboard.legend_{verdict}", lang) in page.texts
    from kit.cases.narrative import render

    titles = {row[0]: row for row in verdicts[1:]}
    assert set(titles) == {render(room[c], lang)[0] for c in ("begging", "lookalike", "two_forms")}
    begging_row = titles[render(room["begging"], lang)[0]]
    assert begging_row[2:5] == ["2", "0", "1"] and begging_row[5] == kb.ui("app.yes", lang)
    assert kb.ui("dashboard.bar_label", lang, yes=2, no=0, unsure=1) in page.texts


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_most_missed_lists_only_indicators_someone_missed(room, kb, lang):
    board = dashboard(lang=lang)
    missed = shown(board.body.value).tables[2][1:]
    every = room["every"]
    # ada ticked all, bo missed the last, cy the last two: two indicators missed, the others never
    questions = [kb.get("indicators", i).question.get(lang) for i in every]
    assert [row[0] for row in missed] == [questions[-1], questions[-2]]
    present = {i: 3 + sum(i in room[c].truth.indicators for c in ("lookalike", "two_forms")) for i in every[-2:]}
    expected = [(every[-1], 2), (every[-2], 1)]
    assert [row[1] for row in missed] == [kb.ui("dashboard.missed_of", lang, missed=n, present=present[i]) for i, n in expected]
    assert [row[2] for row in missed] == [kb.ui("dashboard.percent", lang, value=round(100 * n / present[i])) for i, n in expected]
    assert not any(row[2].startswith("0") for row in missed)
    assert not any(q in board.body.value for q in questions[:-2])


def test_most_missed_says_so_when_nothing_was_missed(room, kb):
    import pandas as pd

    from kit.apps.dashboard_html import RoomView

    view = RoomView(kb, "en", {})
    table = pd.DataFrame([{"indicator": room["every"][0], "missed": 0, "present": 3, "share_missed": 0.0}])
    assert view.missed_table(table) == f'<p class="kit-missed-none">{kb.ui("dashboard.missed_none", "en")}</p>'


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_labels_not_ids_over_answers_from_every_app(room, kb, lang):
    board = dashboard(lang=lang)
    page = shown(board.body.value + board.summary.value)
    text = "\n".join(page.texts)
    assert not RAW_VALUE.findall(text), RAW_VALUE.findall(text)
    leaked = sorted(i for i in ids_of_the_kit(room, kb) if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text))
    assert not leaked, leaked
    scores = page.tables[4]
    assert [row[0] for row in scores[1:]] == [kb.ui(f"dashboard.app.{app}", lang) for app in
                                              ("classifier", "principles_quiz", "nrm_planner", "mapping_simulator", "other")]
    assert scores[3][1:] == ["1", "2", kb.ui("dashboard.percent", lang, value=45)]  # the planner: plan and scenario
    assert scores[5][3] == kb.ui("dashboard.nothing_else", lang)  # no score: a dash, not NaN
    confused = {row[0]: row for row in page.tables[3][1:]}
    assert kb.ui("dashboard.form_none_truth", lang) in confused  # the look-alike case, answered with a form
    begging = confused[kb.get("forms", "forced_begging").label.get(lang)]
    assert begging[1] == "1" and kb.ui("dashboard.form_none_given", lang) in begging[2]


def test_every_app_that_saves_has_a_name_on_the_dashboard(kb):
    from kit.apps import classifier, mapping_simulator, planner, quiz
    from kit.apps.dashboard_html import APP_LABELS

    for app in (classifier.APP, quiz.APP, planner.APP, mapping_simulator.APP):
        assert app in APP_LABELS and kb.ui(APP_LABELS[app], "sv") and kb.ui(APP_LABELS[app], "en")


def test_a_language_switch_redraws_everything_on_screen(room, kb):
    board = dashboard(lang="sv")
    assert kb.ui("dashboard.legend_yes", "sv") in board.body.value and "deltagare" in board.summary.value
    board.shell.set_language("en")
    english = board.title.value + board.summary.value + board.body.value
    assert kb.ui("dashboard.title", "en") in board.title.value and "3 participants" in board.summary.value
    assert kb.ui("dashboard.legend_yes", "en") in english and kb.ui("dashboard.col_mean_score", "en") in english
    swedish_only = {kb.ui(k, "sv") for k in kb.ui_strings if k.startswith("dashboard.")} - {kb.ui(k, "en") for k in kb.ui_strings}
    assert not [s for s in swedish_only if len(s) > 3 and s in english]
    assert board.refresh.description == kb.ui("dashboard.refresh", "en")
    assert board.projector.description == kb.ui("dashboard.projector", "en")


def test_projector_mode_marks_the_dashboard_for_large_type(room):
    from kit.apps.dashboard import PROJECTOR_CLASS

    board = dashboard()
    board.projector.value = True
    assert PROJECTOR_CLASS in board.widget._dom_classes
    board.projector.value = False
    assert PROJECTOR_CLASS not in board.widget._dom_classes


def test_the_projector_css_exists_for_the_class_the_app_sets():
    from pathlib import Path

    from kit.apps.dashboard import PROJECTOR_CLASS
    from kit.apps.serving import TEMPLATE_ROOT

    css = (Path(TEMPLATE_ROOT) / "voila" / "templates" / "strom" / "css" / "dashboard.css").read_text(encoding="utf-8")
    assert f".kit-dashboard.{PROJECTOR_CLASS} .widget-html-content" in css


# --- serve: the key is made, handed on and printed --------------------------------------------

def test_serve_makes_a_key_per_start_hands_it_to_the_kernels_and_prints_it(tmp_path, monkeypatch):
    from kit.apps.serving import ServeSettings, start_lines, voila_command, voila_environment

    (tmp_path / "00_start.ipynb").write_text("{}")
    (tmp_path / "trainer_dashboard.ipynb").write_text("{}")
    one, two = ServeSettings(notebooks=tmp_path), ServeSettings(notebooks=tmp_path)
    assert one.trainer_key != two.trainer_key and one.trainer_key not in repr(one)
    assert voila_environment(one)[KEY_ENV] == one.trainer_key
    lines = "\n".join(start_lines(one))
    assert f"/voila/render/trainer_dashboard.ipynb?key={one.trainer_key}" in lines and f"Trainer key: {one.trainer_key}" in lines
    assert "--Voila.tornado_settings=default_url=/voila/render/00_start.ipynb" in voila_command(one)


def test_the_serve_command_prints_the_key_it_was_given_or_made(tmp_path, monkeypatch, free_port):
    from click.testing import CliRunner

    import kit.apps.serving as serving
    from kit.cli import main

    started = []
    monkeypatch.setattr(serving.os, "execve", lambda path, command, env: started.append(env))
    monkeypatch.setattr(serving, "compile_kit", lambda: None)
    (tmp_path / "trainer_dashboard.ipynb").write_text("{}")
    base = ["serve", "--port", str(free_port), "--notebooks", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'a.sqlite'}"]
    monkeypatch.delenv(KEY_ENV, raising=False)
    made = CliRunner().invoke(main, base)
    assert made.exit_code == 0, made.output
    key = re.search(r"Trainer key: (\S+)", made.output).group(1)
    assert f"trainer_dashboard.ipynb?key={key}" in made.output and started[-1][KEY_ENV] == key
    again = CliRunner().invoke(main, base)
    assert re.search(r"Trainer key: (\S+)", again.output).group(1) != key  # a new key for each start
    chosen = CliRunner().invoke(main, [*base, "--trainer-key", "our-room-key"])
    assert "Trainer key: our-room-key" in chosen.output and started[-1][KEY_ENV] == "our-room-key"
    from_env = CliRunner().invoke(main, base, env={KEY_ENV: "key-from-env"})
    assert "Trainer key: key-from-env" in from_env.output and started[-1][KEY_ENV] == "key-from-env"
    refused = CliRunner().invoke(main, [*base, "--trainer-key", "short"])
    assert refused.exit_code == 1 and "--trainer-key" in refused.output and "Trainer key" not in refused.output


# --- variants and the parts of the answer -----------------------------------------------------

@pytest.mark.parametrize("lang", ["sv", "en"])
def test_answers_to_a_seeded_variant_reach_the_room_with_the_part_it_misses_most(tmp_path, monkeypatch, kb, lang):
    """The classifier served with a seed stores `<case>_v<seed>`: the room counts it under its bank
    case (it used to drop it) and shows the parts of the answer the room misses most."""
    from kit.apps.classifier import CaseClassifier
    from kit.cases.narrative import render
    from kit.store import open_store

    monkeypatch.setenv("STROM_KIT_DB", f"sqlite:///{tmp_path / 'answers.sqlite'}")
    monkeypatch.delenv("QUERY_STRING", raising=False)
    for person, indicators in (("ada", True), ("bo", False)):
        app = CaseClassifier(lang=lang, case_set="seed", seed=7, participant=person)
        app._reveal()  # the participant opens the material behind the content note
        case = app.current
        truth = case.truth
        app.set_answer({"trafficking": truth.trafficking, "minor": truth.minor, "act": truth.act, "means": truth.means,
                        "purpose": truth.purpose, "indicators": truth.indicators if indicators else [],
                        "first_referrals": truth.first_referrals})
        assert app.check_answer() is not None
    stored = open_store().answers()
    base = app.base_ids[case.id]
    assert case.id == f"{base}_v7" and {(a.item, a.base_item, a.seed) for a in stored} == {(case.id, base, "7")}
    assert all(a.elements["indicators"]["score"] == (1.0 if a.participant == "ada" else 0.0) for a in stored)
    board = dashboard(lang=lang)
    page = shown(board.body.value)
    verdicts, elements = page.tables[0], page.tables[1]
    assert [row[0] for row in verdicts[1:]] == [render(kb_case(base), lang)[0]]
    assert verdicts[1][2:5] == (["2", "0", "0"] if case.truth.trafficking else ["0", "2", "0"])
    assert elements[0] == [kb.ui(k, lang) for k in ("dashboard.col_element", "dashboard.col_element_right", "dashboard.col_element_partly",
                                                     "dashboard.col_element_wrong", "dashboard.col_element_unanswered",
                                                     "dashboard.col_element_mean")]
    assert elements[1] == [kb.ui("element.indicators", lang), "1", "0", "0", "1", kb.ui("dashboard.percent", lang, value=50)]
    assert all(row[1] == "2" and row[5] == kb.ui("dashboard.percent", lang, value=100) for row in elements[2:])
    assert kb.ui("dashboard.elements_title", lang) in board.body.value and not RAW_VALUE.findall("\n".join(page.texts))


def kb_case(case_id):
    from kit.cases.bank import load_bank

    return load_bank()[case_id]


def test_the_trainers_page_answers_under_no_pseudonym_even_with_one_in_the_address(monkeypatch, tmp_path):
    from kit.apps import shell as shell_module
    from kit.apps.dashboard import TrainerDashboard

    monkeypatch.setattr(shell_module, "query_value", lambda name: "Person projector" if name == "participant" else None)
    board = TrainerDashboard(lang="sv", db_url=f"sqlite:///{tmp_path / 'a.sqlite'}", read_now=False)
    assert board.shell.participant is None and board.shell.pseudonym.value == ""
    assert "svarar som" not in board.shell.status.value
    assert board.shell.pseudonym.layout.display == "none"
