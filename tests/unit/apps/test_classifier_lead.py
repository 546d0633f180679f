"""A participant's classifier follows the room's trainer (read from the store, as each page polls
it): it moves to the room's case keeping the participant's own answers, hides the picker, refuses
Check while answering is closed (saying why), shows the key once revealed, lands a late joiner on
the room's case, and is the self-paced classifier again when the trainer stops."""

from __future__ import annotations

import pytest

from kit.store import RoomLead, open_store, pseudonym_key


@pytest.fixture
def room(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'answers.sqlite'}"
    monkeypatch.setenv("STROM_KIT_DB", url)
    monkeypatch.setenv("QUERY_STRING", "lang=en&participant=Ada 1")
    store = open_store(url)
    yield RoomLead(store), store
    store.close()


def classifier(case_set="seed"):
    from kit.apps.classifier import CaseClassifier

    app = CaseClassifier(case_set=case_set)
    app._reveal()
    return app


def test_nobody_leads_the_page_is_self_paced(room):
    app = classifier()
    assert not app.lead.poll()  # nothing stored: no change
    assert app.lead.banner.layout.display == "none" and app.picker.widget.layout.display is None
    assert not app.check.disabled and app.lead.key.layout.display == "none"


def test_the_room_case_is_shown_with_the_participants_own_answers_kept(room):
    lead, store = room
    app = classifier()
    first, second = app.cases[0], app.cases[2]
    app.verdict.value = False  # a draft on the case shown
    lead.choose("classifier", second.id)
    assert app.lead.poll() and app.current.id == second.id
    assert not app.lead.poll()  # nothing new: nothing done
    assert app.picker.widget.layout.display == "none" and app.lead.banner.layout.display is None
    assert second.title.get("en").split("{")[0][:10] in app.lead.banner.value and "The trainer is leading the room" in app.lead.banner.value
    app.verdict.value = True
    assert app.check_answer() is not None
    lead.choose("classifier", first.id)  # the trainer moves on: the draft on the first case is back
    app.lead.poll()
    assert app.current.id == first.id and app.verdict.value is False
    stored = store.progress(pseudonym_key("Ada 1"), "classifier")
    assert list(stored) == [second.id] and stored[second.id].base_item == second.id and stored[second.id].seed is None


def test_a_case_outside_the_pages_set_is_added_and_shown(room):
    from kit.cases.bank import load_bank

    lead, store = room
    app = classifier("seed")
    other = next(c for c in load_bank().values() if c.source.kind != "seed")
    lead.choose("classifier", other.id, seed=3)
    app.lead.poll()
    assert app.current.id == f"{other.id}_v3" and app.current.id in {c.id for c in app.picker.cases}
    app.verdict.value = True
    app.check_answer()
    saved = store.latest(pseudonym_key("Ada 1"), "classifier", f"{other.id}_v3")
    assert (saved.base_item, saved.seed) == (other.id, "3")  # the room counts it under its case and seed


def test_closed_answering_disables_check_and_says_why_in_both_languages(room):
    lead, store = room
    app = classifier()
    lead.choose("classifier", app.cases[1].id)
    app.lead.poll()
    app.verdict.value = True
    lead.close_answering()
    assert app.check_answer() is None  # even before the next poll: Check reads the room first
    assert app.check.disabled and "the trainer has closed answering" in app.check_message.value
    assert "closed answering" in app.lead.banner.value
    assert store.count() == 0
    app.shell.set_language("sv")
    assert "utbildaren har stängt svaren" in app.check_message.value and "Utbildaren leder rummet" in app.lead.banner.value


def test_the_key_and_teaching_note_show_once_revealed_and_go_with_the_next_case(room):
    lead, _ = room
    app = classifier()
    case = app.cases[0]
    lead.choose("classifier", case.id)
    app.lead.poll()
    assert app.lead.key.layout.display == "none"
    lead.reveal_key()
    app.lead.poll()
    assert app.lead.key.layout.display is None and app.check.disabled
    assert "The key:" in app.lead.key.value and case.teaching_note.get("en")[:30] in app.lead.key.value.replace("&#x27;", "'")
    assert "Verdict" in app.lead.key.value and "_" not in app.lead.key.value.split("<h3>")[1].split("</h3>")[0]
    lead.choose("classifier", app.cases[1].id)
    app.lead.poll()
    assert app.lead.key.layout.display == "none" and not app.check.disabled


def test_a_late_joiner_lands_on_the_rooms_case_when_opening_the_material(room):
    from kit.apps.classifier import CaseClassifier

    lead, _ = room
    app = CaseClassifier(case_set="seed")
    target = app.cases[3]
    lead.choose("classifier", target.id)
    app.lead.poll()  # the page's first poll, before the content note is read
    assert "Open the material below" in app.lead.banner.value
    app._reveal()
    assert app.current.id == target.id and app.picker.widget.layout.display == "none"


def test_stop_returns_to_self_paced_work(room):
    lead, _ = room
    app = classifier()
    lead.choose("classifier", app.cases[2].id)
    app.lead.poll()
    lead.close_answering()
    app.lead.poll()
    lead.stop()
    app.lead.poll()
    assert app.current.id == app.cases[2].id  # stays on the case, free to move on
    assert app.picker.widget.layout.display is None and not app.check.disabled
    assert app.lead.banner.layout.display == "none" and "no longer leading" in app.shell.status.value


def test_another_apps_lead_is_not_followed(room):
    lead, _ = room
    app = classifier()
    shown = app.current.id
    lead.choose("nrm_planner", app.cases[2].id)
    app.lead.poll()
    assert app.current.id == shown and app.lead.banner.layout.display == "none"
