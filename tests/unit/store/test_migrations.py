"""Schema revisions: a store written by an earlier kit is brought up to date on opening and keeps
every answer; a store of a newer kit is refused; a room of kernels opening an old store at once
migrates it once."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from kit.store import StoreError, open_store
from kit.store.migrate import FIRST_COLUMNS, MIGRATIONS, _run, known_revisions, stored_revision
from kit.store.schema import HEAD_REVISION, metadata

ROOT = Path(__file__).resolve().parents[3]

# Answers as revision 0001 kept them: a case, a seeded variant, a quiz item, an item whose name
# only looks like a variant's, a pseudonym with non-ASCII letters, an answer without a score.
OLD_ROWS = [
    ("lärare 7", "classifier", "seed_boys_forced_to_steal", {"trafficking": True, "forms": ["forced_criminality"]}, 0.8, "sv"),
    ("lärare 7", "classifier", "seed_boys_forced_to_steal_v3", {"trafficking": False, "means": []}, 0.2, "en"),
    ("anna-lena_2", "principles_quiz", "situation_1", {"principle": "human_rights", "relation": "supports"}, 1.0, "sv"),
    ("anna-lena_2", "nrm_planner", "seed_boys_forced_to_steal:SE", {"steps": [{"actor": "police"}]}, None, "sv"),
    ("anna-lena_2", "classifier", "case_v12", {"x": "<script>alert(1)</script>"}, 0.0, "sv"),
]


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def migrate_to(url: str, revision: str, command: str = "upgrade") -> None:
    """Run the kit's real migrations up (or down) to `revision` (what an earlier kit's open_store left)."""
    engine = create_engine(url)
    with engine.connect() as connection, connection.begin():
        _run(connection, command, revision)
    engine.dispose()


def write_rows(url: str, rows=OLD_ROWS) -> None:
    """Insert answers with revision 0001's columns only, as the kit of that revision wrote them."""
    engine = create_engine(url)
    with engine.begin() as connection:
        for number, (participant, app, item, answer, score, lang) in enumerate(rows):
            connection.execute(text("INSERT INTO answers (participant, app, item, answer, score, lang, created_at) "
                                    "VALUES (:p, :a, :i, :ans, :s, :l, :t)"),
                               dict(p=participant, a=app, i=item, ans=json.dumps(answer, ensure_ascii=False), s=score, l=lang,
                                    t=1_700_000_000.0 + number))
    engine.dispose()


def assert_every_old_answer_is_back(store) -> None:
    answers = store.answers()
    assert [(a.participant, a.app, a.item, a.answer, a.score, a.lang) for a in answers] == [tuple(row) for row in OLD_ROWS]
    assert [a.created_at for a in answers] == [1_700_000_000.0 + n for n in range(len(OLD_ROWS))]
    by_item = {a.item: a for a in answers}
    assert (by_item["seed_boys_forced_to_steal_v3"].base_item, by_item["seed_boys_forced_to_steal_v3"].seed) == ("seed_boys_forced_to_steal", "3")
    assert (by_item["seed_boys_forced_to_steal"].base_item, by_item["seed_boys_forced_to_steal"].seed) == ("seed_boys_forced_to_steal", None)
    assert by_item["seed_boys_forced_to_steal:SE"].base == "seed_boys_forced_to_steal:SE"
    assert all(a.elements is None for a in answers)  # not stored then: the room scores them again
    assert store.progress("lärare 7", "classifier")["seed_boys_forced_to_steal_v3"].answer == {"trafficking": False, "means": []}


def test_the_kits_head_revision_is_the_last_migration_and_matches_the_tables(tmp_path):
    assert HEAD_REVISION in known_revisions()
    from alembic.script import ScriptDirectory

    assert ScriptDirectory(str(MIGRATIONS)).get_current_head() == HEAD_REVISION
    url = sqlite_url(tmp_path / "new.sqlite")
    open_store(url).close()
    engine = create_engine(url)
    inspector = inspect(engine)
    for table in metadata.tables.values():  # what the migrations made is what the store reads and writes
        made = {c["name"]: (str(c["type"]), c["nullable"]) for c in inspector.get_columns(table.name)}
        declared = {c.name: (c.type.compile(dialect=engine.dialect), c.nullable) for c in table.columns}
        assert made == declared
        assert {i["name"] for i in inspector.get_indexes(table.name)} == {i.name for i in table.indexes}
    assert stored_revision(engine) == HEAD_REVISION
    engine.dispose()


def test_a_store_at_revision_1_is_upgraded_on_opening_and_keeps_every_answer(tmp_path):
    path = tmp_path / "answers.sqlite"
    url = sqlite_url(path)
    migrate_to(url, "0001")
    write_rows(url)
    engine = create_engine(url)
    assert stored_revision(engine) == "0001"
    assert {c["name"] for c in inspect(engine).get_columns("answers")} == FIRST_COLUMNS
    engine.dispose()
    store = open_store(url)  # the new kit opens the old store
    assert stored_revision(store._engine) == HEAD_REVISION
    assert_every_old_answer_is_back(store)
    new_id = store.record("lärare 7", "classifier", "seed_boys_forced_to_steal_v4", {"trafficking": True},
                          base_item="seed_boys_forced_to_steal", seed=4, elements={"trafficking": {"score": 1.0, "answered": True}})
    assert store.latest("lärare 7", "classifier", "seed_boys_forced_to_steal_v4").id == new_id
    store.close()
    backup = tmp_path / f"answers.sqlite.before-{HEAD_REVISION}.bak"
    with sqlite3.connect(backup) as old:  # the file as it was before the upgrade, beside it
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT count(*) FROM answers").fetchone() == (len(OLD_ROWS),)
    reopened = open_store(url)  # opening again changes nothing
    assert reopened.count() == len(OLD_ROWS) + 1 and stored_revision(reopened._engine) == HEAD_REVISION


def test_a_store_made_before_the_schema_was_versioned_is_taken_as_revision_1(tmp_path):
    """The kit's first store was made with create_all (no alembic_version): same table, same index."""
    path = tmp_path / "answers.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE answers (id INTEGER NOT NULL, participant VARCHAR(40) NOT NULL, app VARCHAR(120) NOT NULL, "
                           "item VARCHAR(120) NOT NULL, answer TEXT NOT NULL, score FLOAT, lang VARCHAR(2) NOT NULL, "
                           "created_at FLOAT NOT NULL, PRIMARY KEY (id))")
        connection.execute("CREATE INDEX answers_by_participant ON answers (participant, app, item)")
    write_rows(sqlite_url(path))
    store = open_store(sqlite_url(path))
    assert stored_revision(store._engine) == HEAD_REVISION
    assert_every_old_answer_is_back(store)


def test_a_store_of_a_newer_kit_is_refused_and_left_alone(tmp_path):
    url = sqlite_url(tmp_path / "answers.sqlite")
    open_store(url).record("p", "quiz", "q1", {"a": 1})
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    with pytest.raises(StoreError, match=r"revision 0099.*newer strom-kit.*Upgrade the kit"):
        open_store(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM answers")).scalar() == 1
    engine.dispose()


def test_a_foreign_answers_table_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, question TEXT)")
    with pytest.raises(StoreError, match="not the kit's"):
        open_store(sqlite_url(path))


def test_the_upgrade_step_can_be_undone(tmp_path):
    url = sqlite_url(tmp_path / "answers.sqlite")
    migrate_to(url, "0001")
    write_rows(url)
    migrate_to(url, HEAD_REVISION)
    migrate_to(url, "0001", "downgrade")
    engine = create_engine(url)
    assert stored_revision(engine) == "0001"
    assert {c["name"] for c in inspect(engine).get_columns("answers")} == FIRST_COLUMNS
    engine.dispose()
    assert_every_old_answer_is_back(open_store(url))


@pytest.mark.slow
def test_kernels_opening_an_old_store_at_once_migrate_it_once(tmp_path):
    """Eight processes open a revision-1 store at the same moment and each writes an answer."""
    url = sqlite_url(tmp_path / "answers.sqlite")
    migrate_to(url, "0001")
    write_rows(url)
    script = ("import sys, time\nfrom kit.store import open_store\n"
              "time.sleep(max(0, float(sys.argv[2]) - time.time()))\n"
              "store = open_store(sys.argv[1])\nprint(store.record(f'p{sys.argv[3]}', 'quiz', 'q1', {'n': sys.argv[3]}))\n")
    import time

    start = time.time() + 3
    processes = [subprocess.Popen([sys.executable, "-c", script, url, str(start), str(n)], cwd=ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for n in range(8)]
    results = [process.communicate(timeout=120) for process in processes]
    assert all(process.returncode == 0 for process in processes), [err for _, err in results]
    store = open_store(url)
    assert_every_old_answer_is_back(type("Old", (), {"answers": lambda self: store.answers()[:len(OLD_ROWS)],
                                                     "progress": store.progress})())
    assert sorted(a.participant for a in store.answers(app="quiz")) == sorted(f"p{n}" for n in range(8))
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    engine.dispose()


def test_a_store_at_revision_2_gets_the_rooms_table_keeps_every_answer_and_can_go_back(tmp_path):
    """Revision 0003 adds the room a trainer leads; answers written at 0002 (with base, seed and
    element results) come back whole, and a room can be led at once."""
    from kit.store import RoomLead

    path = tmp_path / "answers.sqlite"
    url = sqlite_url(path)
    migrate_to(url, "0002")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO answers (participant, app, item, answer, score, lang, created_at, base_item, seed, "
                                "elements) VALUES ('lärare 7', 'classifier', 'seed_boys_forced_to_steal_v3', '{\"trafficking\": true}', "
                                "0.5, 'sv', 1700000000.0, 'seed_boys_forced_to_steal', '3', '{\"trafficking\": {\"score\": 1.0, "
                                "\"answered\": true, \"missed\": [], \"wrong\": []}}')"))
    assert not inspect(engine).has_table("rooms")
    engine.dispose()
    store = open_store(url)
    assert stored_revision(store.engine) == HEAD_REVISION
    (kept,) = store.answers()
    assert (kept.participant, kept.item, kept.base_item, kept.seed, kept.answer, kept.score) == (
        "lärare 7", "seed_boys_forced_to_steal_v3", "seed_boys_forced_to_steal", "3", {"trafficking": True}, 0.5)
    assert kept.elements == {"trafficking": {"score": 1.0, "answered": True, "missed": [], "wrong": []}}
    lead = RoomLead(store, "room")
    assert lead.read() is None
    lead.choose("classifier", "seed_boys_forced_to_steal", 3)
    assert lead.answers() == []  # given before the choice, in no room: not the room's
    given = store.record("lärare 7", "classifier", "seed_boys_forced_to_steal_v3", {"trafficking": False},
                         base_item="seed_boys_forced_to_steal", seed=3, room="room")
    assert [a.id for a in lead.answers()] == [given]
    store.close()
    with sqlite3.connect(tmp_path / f"answers.sqlite.before-{HEAD_REVISION}.bak") as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
    migrate_to(url, "0002", "downgrade")
    engine = create_engine(url)
    assert not inspect(engine).has_table("rooms") and stored_revision(engine) == "0002"
    engine.dispose()
    assert [a.id for a in open_store(url).answers()] == [kept.id, given]


def test_a_store_at_revision_3_gets_the_graded_assignments_keeps_answers_and_rooms_and_can_go_back(tmp_path):
    """Revision 0004 adds a student's graded assignments (kit.store.graded); the answers and the led
    room written at 0003 come back whole, and the course's export writes at once."""
    from kit.store import RoomLead
    from kit.store.graded import AssignmentResult, assignment_results, save_assignment_results

    path = tmp_path / "answers.sqlite"
    url = sqlite_url(path)
    migrate_to(url, "0003")
    write_rows(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO rooms (room, app, base_item, seed, changed_at) "
                                "VALUES ('room', 'classifier', 'seed_boys_forced_to_steal', '3', 1700000000.0)"))
    assert not inspect(engine).has_table("assignment_results")
    engine.dispose()
    store = open_store(url)
    assert stored_revision(store.engine) == HEAD_REVISION
    answers = store.answers()  # written with 0001's columns after 0002: kept as they were
    assert [(a.participant, a.app, a.item, a.answer, a.score, a.lang) for a in answers] == [tuple(row) for row in OLD_ROWS]
    assert [a.created_at for a in answers] == [1_700_000_000.0 + n for n in range(len(OLD_ROWS))]
    lead = RoomLead(store, "room").read()
    assert lead is not None and (lead.base_item, lead.seed, lead.answering_open, lead.revision) == ("seed_boys_forced_to_steal", "3", True, 0)
    graded = AssignmentResult("lärare 7", "strom", "ch1_principles", 1, "Principerna", "The principles", 5.5, 7.0, True, 6,
                              1_700_000_100.0, 1_700_000_200.0)
    save_assignment_results(store, [graded])
    assert assignment_results(store, "lärare 7") == [graded]
    store.close()
    with sqlite3.connect(tmp_path / f"answers.sqlite.before-{HEAD_REVISION}.bak") as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
    migrate_to(url, "0003", "downgrade")
    engine = create_engine(url)
    assert not inspect(engine).has_table("assignment_results") and stored_revision(engine) == "0003"
    engine.dispose()
    assert len(open_store(url).answers()) == len(OLD_ROWS)


def test_a_store_at_revision_4_gets_answer_rooms_keeps_answers_and_a_led_room_and_can_go_back(tmp_path):
    """Revision 0005 adds the room an answer was given in and when a room's case was chosen; the
    answers and the room led at 0004 come back whole (no room, no moment of choice), and the led room
    still reads: its answers to the case as before, but never another room's."""
    from kit.store import RoomLead

    path = tmp_path / "answers.sqlite"
    url = sqlite_url(path)
    migrate_to(url, "0004")
    write_rows(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO rooms (room, app, base_item, seed, revision, changed_at) "
                                "VALUES ('room', 'classifier', 'seed_boys_forced_to_steal', '3', 2, 1700000000.0)"))
        connection.execute(text("INSERT INTO answers (participant, app, item, answer, score, lang, created_at, base_item, seed) "
                                "VALUES ('lärare 7', 'classifier', 'seed_boys_forced_to_steal_v3', '{\"trafficking\": true}', "
                                "0.5, 'sv', 1700000010.0, 'seed_boys_forced_to_steal', '3')"))  # as the kit of 0004 wrote it
    assert "room" not in {c["name"] for c in inspect(engine).get_columns("answers")}
    engine.dispose()
    store = open_store(url)
    assert stored_revision(store.engine) == HEAD_REVISION
    *answers, variant = store.answers()
    assert [(a.participant, a.app, a.item, a.answer, a.score, a.lang) for a in answers] == [tuple(row) for row in OLD_ROWS]
    assert [a.created_at for a in answers] == [1_700_000_000.0 + n for n in range(len(OLD_ROWS))]
    assert (variant.base_item, variant.seed, variant.answer, variant.score) == ("seed_boys_forced_to_steal", "3", {"trafficking": True}, 0.5)
    assert all(a.room is None for a in [*answers, variant])
    lead = RoomLead(store, "room")
    state = lead.read()
    assert state is not None and state.chosen_at is None
    assert (state.base_item, state.seed, state.answering_open, state.revision) == ("seed_boys_forced_to_steal", "3", True, 2)
    assert [a.id for a in lead.answers(state)] == [variant.id]  # as before the upgrade
    store.record("anna-lena_2", "classifier", "seed_boys_forced_to_steal_v3", {"trafficking": True},
                 base_item="seed_boys_forced_to_steal", seed=3, room="north")  # another room: not counted
    here = store.record("lärare 7", "classifier", "seed_boys_forced_to_steal_v3", {"trafficking": True},
                        base_item="seed_boys_forced_to_steal", seed=3, room="room")
    assert [a.id for a in lead.answers(state)] == [variant.id, here]
    chosen = lead.choose("classifier", "seed_boys_forced_to_steal", 3)  # chosen again: counted from now
    assert chosen.chosen_at is not None and lead.answers(chosen) == []
    store.close()
    with sqlite3.connect(tmp_path / f"answers.sqlite.before-{HEAD_REVISION}.bak") as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0004",)
    migrate_to(url, "0004", "downgrade")
    engine = create_engine(url)
    assert stored_revision(engine) == "0004"
    assert "room" not in {c["name"] for c in inspect(engine).get_columns("answers")}
    assert "chosen_at" not in {c["name"] for c in inspect(engine).get_columns("rooms")}
    engine.dispose()
    assert len(open_store(url).answers()) == len(OLD_ROWS) + 3
