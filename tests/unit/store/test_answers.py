"""The answer store: restore on reload, clear errors for bad settings, no lost answers under load."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kit.store import StoreError, open_store

WRITER = Path(__file__).with_name("writer.py")


def test_record_and_restore(tmp_path):
    url = f"sqlite:///{tmp_path / 'answers.sqlite'}"
    store = open_store(url)
    first = store.record("Lärare 7", "classifier", "case_a", {"trafficking": True}, score=0.5, lang="en")
    store.record("Lärare 7", "classifier", "case_a", {"trafficking": False}, score=0.2)
    store.record("Lärare 7", "classifier", "case_b", {"means": ["fraud"]})
    store.close()
    reopened = open_store(url)  # a kernel restart or a reload
    progress = reopened.progress("Lärare 7", "classifier")
    assert set(progress) == {"case_a", "case_b"}
    assert progress["case_a"].answer == {"trafficking": False}
    assert reopened.latest("Lärare 7", "classifier", "case_a").id > first
    assert reopened.latest("Someone else", "classifier", "case_a") is None
    assert reopened.count() == 3 and len(reopened.answers(since_id=first)) == 2


def test_the_default_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("STROM_KIT_DB", f"sqlite:///{tmp_path / 'env.sqlite'}")
    store = open_store()
    store.record("p1", "quiz", "q1", {})
    assert (tmp_path / "env.sqlite").exists()


@pytest.mark.parametrize("url, message", [
    ("not a url", "not a database URL"),
    ("sqlite://", "in-memory SQLite database would lose every answer"),
    ("sqlite:///:memory:", "in-memory SQLite database would lose every answer"),
    ("oracle+nothing://x/y", "unsupported database"),
    ("sqlite:////proc/forbidden/answers.sqlite", "cannot create the folder"),
])
def test_bad_settings_give_a_clear_error_at_start(url, message):
    with pytest.raises(StoreError, match=message):
        open_store(url)


def test_a_corrupt_file_is_reported(tmp_path):
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open the answer database"):
        open_store(f"sqlite:///{path}")


def test_hostile_inputs_are_refused(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'a.sqlite'}")
    with pytest.raises(StoreError, match="participant"):
        store.record("'; DROP TABLE answers; --", "quiz", "q1", {})
    with pytest.raises(StoreError, match="JSON-serialisable"):
        store.record("p", "quiz", "q1", {"x": object()})
    with pytest.raises(StoreError, match="at most 200,000"):
        store.record("p", "quiz", "q1", {"x": "a" * 200_001})
    store.record("Anna-Lena_2", "quiz", "q1", {"x": "<script>alert(1)</script>"})
    assert store.latest("Anna-Lena_2", "quiz", "q1").answer == {"x": "<script>alert(1)</script>"}


@pytest.mark.slow
def test_forty_participants_fifty_answers_each_with_random_kills(tmp_path):
    """40 processes write 50 answers each at once; some are killed mid-way; every acknowledged
    answer must be in the store, intact."""
    url = f"sqlite:///{tmp_path / 'room.sqlite'}"
    open_store(url).close()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[3]))
    processes = {f"p{n:02d}": subprocess.Popen([sys.executable, str(WRITER), url, f"p{n:02d}", "50"],
                                               stdout=subprocess.PIPE, text=True, env=env) for n in range(40)}
    rng = random.Random(7)
    victims = rng.sample(sorted(processes), 8)
    time.sleep(1.5)
    for name in victims:
        time.sleep(rng.uniform(0, 0.3))
        processes[name].send_signal(signal.SIGKILL)
    acknowledged: dict[int, tuple[str, int]] = {}
    for name, process in processes.items():
        output, _ = process.communicate(timeout=180)
        for line in output.splitlines():
            answer_id, number = line.split()
            acknowledged[int(answer_id)] = (name, int(number))
        if name not in victims:
            assert process.returncode == 0, f"{name} failed"
    stored = {a.id: a for a in open_store(url).answers()}
    missing = [answer_id for answer_id in acknowledged if answer_id not in stored]
    assert not missing, f"{len(missing)} acknowledged answers lost"
    for answer_id, (name, number) in acknowledged.items():
        answer = stored[answer_id]
        assert answer.participant == name and answer.answer["n"] == number and answer.answer["who"] == name
    survivors = [n for n in processes if n not in victims]
    assert sum(1 for a in stored.values() if a.participant in survivors) == 50 * len(survivors)
