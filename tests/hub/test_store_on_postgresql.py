"""The answer store on PostgreSQL: 40 writers x 50 answers at once, some killed mid-way, lose nothing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kit.store import open_store

pytestmark = pytest.mark.slow
WRITER = Path(__file__).resolve().parents[1] / "unit" / "store" / "writer.py"


def test_forty_writers_fifty_answers_each_with_random_kills_on_postgresql(postgres):
    from kit.hub.database import prepare

    url = postgres.admin_url("concurrency")
    prepare(url)  # makes the database and runs the store's migrations, as `strom-kit hub --init-db` does
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    processes = {f"p{n:02d}": subprocess.Popen([sys.executable, str(WRITER), url, f"p{n:02d}", "50"],
                                               stdout=subprocess.PIPE, text=True, env=env) for n in range(40)}
    rng = random.Random(7)
    victims = rng.sample(sorted(processes), 8)
    time.sleep(2.5)
    for name in victims:
        time.sleep(rng.uniform(0, 0.3))
        processes[name].send_signal(signal.SIGKILL)
    acknowledged: dict[int, tuple[str, int]] = {}
    for name, process in processes.items():
        output, _ = process.communicate(timeout=300)
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
    assert any(len([a for a in stored.values() if a.participant == v]) < 50 for v in victims)  # the kills did land
