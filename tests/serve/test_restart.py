"""A room that survives its server: `strom-kit serve` is killed (SIGKILL) while 20 participants
are answering and started again with the same command; every acknowledged answer is in the store,
each participant who types the same pseudonym again finds their answers, the dashboard shows the
room as before.

Participants are simulated at the protocol level (tests/support/participant_protocol.py): each
opens the classifier page, types a pseudonym, opens the material, and answers case after case
through the widgets of its own real kernel, which writes to the store. An answer counts as
acknowledged when the kernel has handled the Check click and the line beside the button says
"Saved", which is what a participant sees. One participant comes back in a real browser.
"""

from __future__ import annotations

import asyncio
import html
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kit.apps.case_picker import case_title
from kit.apps.classifier import select_cases
from kit.apps.dashboard_html import RoomView, room_html
from kit.cases import load_bank
from kit.content import load
from kit.store import open_store, pseudonym_key
from support.event_loop import run_apart
from support.participant_protocol import PageError, ParticipantPage
from support.person import LAPTOP, PHONE, Person
from support.server_process import ROOT, TRAINER_KEY

pytestmark = pytest.mark.slow

PARTICIPANTS = 20
PAGE = "/voila/render/02_what_is_trafficking.ipynb"  # chapter 2: the classifier over the seed's cases
DASHBOARD = f"/voila/render/trainer_dashboard.ipynb?key={TRAINER_KEY}"
BEFORE_THE_KILL = 2  # cases each participant has answered when the dashboard is read
KILL_AFTER = 25  # answers acknowledged after that, across the room, when the server is killed
VERDICTS = (True, False, None)  # the verdict toggle's options, by index


def name(number: int) -> str:
    return f"Deltagare {number:02d}"


# --- the server, started and killed as a trainer's machine would -------------------------------

def serve_command(folder: Path, port: int) -> list[str]:
    return [str(Path(sys.executable).with_name("strom-kit")), "serve", "--port", str(port),
            "--db", f"sqlite:///{folder / 'answers.sqlite'}", "--trainer-key", TRAINER_KEY]


def start(command: list[str], log: Path) -> subprocess.Popen:
    """Run the command and wait until the server answers."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    with open(log, "ab") as sink:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{command[command.index('--port') + 1]}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"strom-kit serve exited with {process.returncode}:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            with urllib.request.urlopen(base + "/", timeout=5):
                return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    pytest.fail(f"strom-kit serve was not ready within 180 s:\n{log.read_text(errors='replace')[-4000:]}")


def descendants(pid: int) -> set[int]:
    """Every process started under `pid` (kernels, the kernels' parent), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    living = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            living.add(pid)
    return living


@pytest.fixture
def room_folder(tmp_path):
    """A folder for the store and logs; every process the test started under it is gone afterwards."""
    started: list[subprocess.Popen] = []
    yield tmp_path, started
    for process in started:
        leftovers = descendants(process.pid) if process.poll() is None else set()
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        for pid in alive(leftovers):
            os.kill(pid, signal.SIGKILL)


# --- participants ------------------------------------------------------------------------------

class Participant:
    """One participant answering the cases in order; `acknowledged` holds what the page said was saved."""

    def __init__(self, number: int, cases: list, base: str):
        self.number, self.cases, self.base = number, cases, base
        self.rng = random.Random(number)
        self.acknowledged: dict[str, dict] = {}  # case id -> the answer as chosen
        self.stopped: str | None = None

    async def answer(self, ready_for_more: asyncio.Event, answered_first: asyncio.Event) -> None:
        page = await ParticipantPage.open(self.base, PAGE)
        try:
            await page.set("kit-pseudonym", value=name(self.number))
            await page.click("kit-note-ok")
            for position, case in enumerate(self.cases):
                assert page.value("kit-case-title") == case_title(case, "sv"), (position, page.value("kit-case-title"))
                verdict = self.rng.randrange(3)
                act = self.rng.choice(["recruitment", "transport", "harbouring"])
                await page.set("kit-verdict", index=verdict)
                await page.set(f"kit-act-{act}", value=True)
                await asyncio.sleep(self.rng.uniform(0.05, 0.4))  # a participant thinks before pressing Check
                await page.click("kit-check")
                saved = page.value("kit-save-state")
                assert "kit-message-ok" in saved, saved  # "✓ Saved": the participant may rely on it
                self.acknowledged[case.id] = {"trafficking": VERDICTS[verdict], "act": [act]}
                if len(self.acknowledged) == BEFORE_THE_KILL:
                    answered_first.set()
                    await ready_for_more.wait()
                await page.click("kit-next")
        except (PageError, OSError) as exc:  # the server went away in the middle
            self.stopped = str(exc) or type(exc).__name__
        finally:
            await page.close()

    async def come_back(self) -> tuple[str, int | None, bool]:
        """Reload, type the same pseudonym, open the material: the status line and the first case's answer."""
        page = await ParticipantPage.open(self.base, PAGE)
        try:
            await page.set("kit-pseudonym", value=name(self.number))
            status = page.value("kit-status")
            await page.click("kit-note-ok")
            first = self.cases[0].id
            act = self.acknowledged[first]["act"][0]
            return status, page.value("kit-verdict", "index"), page.value(f"kit-act-{act}")
        finally:
            await page.close()


async def read_dashboard(base: str) -> tuple[str, str]:
    """The dashboard's summary line and room, once the room has been read from the store."""
    page = await ParticipantPage.open(base, DASHBOARD)
    try:
        await page.wait_until(lambda: "<table" in (page.value("kit-room") or ""), 120, "the room drawn on the dashboard")
        return page.value("kit-room-summary"), page.value("kit-room")
    finally:
        await page.close()


def expected_room(db_url: str) -> tuple[str, int, int]:
    """The room as the kit draws it from the store's answers: (HTML, participants, answers)."""
    store = open_store(db_url)
    answers = store.answers()
    store.close()
    return room_html(RoomView(load(), "sv", load_bank()), answers), len({a.participant for a in answers}), len(answers)


def stored_answers(db_url: str) -> dict[str, dict]:
    store = open_store(db_url)
    try:
        return {pseudonym_key(name(n)): store.progress(pseudonym_key(name(n)), "classifier") for n in range(1, PARTICIPANTS + 1)}
    finally:
        store.close()


# --- the test -----------------------------------------------------------------------------------

@pytest.mark.timeout(1200)
def test_a_room_survives_a_killed_server(room_folder, kb, browser):
    folder, started = room_folder
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = serve_command(folder, port)
    db_url = f"sqlite:///{folder / 'answers.sqlite'}"
    base = f"http://127.0.0.1:{port}"
    cases = select_cases("seed")
    server = start(command, folder / "first.log")
    started.append(server)
    people = [Participant(number, cases, base) for number in range(1, PARTICIPANTS + 1)]

    async def answer_then_kill() -> tuple[str, str, set[int]]:
        ready_for_more = asyncio.Event()
        firsts = [asyncio.Event() for _ in people]
        running = [asyncio.ensure_future(person.answer(ready_for_more, first)) for person, first in zip(people, firsts)]
        everyone = asyncio.ensure_future(asyncio.gather(*(first.wait() for first in firsts)))
        done, _ = await asyncio.wait([everyone, *running], timeout=300, return_when=asyncio.FIRST_COMPLETED)
        if everyone not in done:  # a participant failed (or the room is far too slow) before answering twice
            for task in running:
                task.cancel()
            failed = [task.exception() for task in done if task.exception() is not None]
            stopped = [f"{name(p.number)}: {p.stopped}" for p in people if p.stopped]
            pytest.fail(f"not every participant answered {BEFORE_THE_KILL} cases: {failed or stopped or 'timeout'}")
        summary, room = await read_dashboard(base)  # every participant waits: the room holds still
        expected, participants, count = expected_room(db_url)
        assert room == expected and f"{participants} deltagare, {count} svar" in summary
        assert participants == PARTICIPANTS and count == PARTICIPANTS * BEFORE_THE_KILL
        before = sum(len(person.acknowledged) for person in people)
        ready_for_more.set()
        while sum(len(person.acknowledged) for person in people) < before + KILL_AFTER:
            await asyncio.sleep(0.05)
        tree = descendants(server.pid)
        os.kill(server.pid, signal.SIGKILL)  # mid-stream: participants are between clicks and saves
        await asyncio.wait_for(asyncio.gather(*running), 120)
        return summary, room, tree

    _summary_before, room_before, tree = run_apart(answer_then_kill())
    server.wait(timeout=30)
    assert all(person.stopped for person in people), "every page lost its server"
    acknowledged = sum(len(person.acknowledged) for person in people)
    assert acknowledged >= PARTICIPANTS * BEFORE_THE_KILL + KILL_AFTER

    # The server's kernels end with it (nothing is left writing into the store or holding memory).
    deadline = time.monotonic() + 30
    while alive(tree) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not alive(tree), f"processes of the killed server still running: {sorted(alive(tree))}"

    # Every acknowledged answer is in the store, as it was given.
    stored = stored_answers(db_url)
    for person in people:
        progress = stored[pseudonym_key(name(person.number))]
        for case_id, given in person.acknowledged.items():
            assert case_id in progress, f"{name(person.number)}: the acknowledged answer to {case_id} is lost"
            answer = progress[case_id]
            assert (answer.answer["trafficking"], answer.answer["act"]) == (given["trafficking"], given["act"])
            assert answer.base_item == case_id and answer.seed is None and answer.elements["act"]["score"] >= 0
    room_at_the_kill, participants, count = expected_room(db_url)

    # The same command again.
    server = start(command, folder / "second.log")
    started.append(server)

    async def come_back() -> tuple[list, tuple[str, str]]:
        returns = await asyncio.gather(*(person.come_back() for person in people))
        return returns, await read_dashboard(base)

    returns, (summary_after, room_after) = run_apart(come_back())
    for person, (status, verdict, act_ticked) in zip(people, returns):
        count_back = len(stored[pseudonym_key(name(person.number))])
        assert count_back >= len(person.acknowledged)
        assert html.escape(kb.ui("app.welcome_back", "sv", name=name(person.number), count=count_back)) in status
        first = person.acknowledged[cases[0].id]
        # the first case's answer is back ("not sure" is stored as no verdict, and comes back as none chosen)
        assert (VERDICTS[verdict] if verdict is not None else None) == first["trafficking"] and act_ticked is True, \
            (name(person.number), verdict, act_ticked, first, status)
    assert room_after == room_at_the_kill  # the dashboard shows the room as it was when the server died
    assert f"{participants} deltagare, {count} svar" in summary_after and participants == PARTICIPANTS
    assert len(room_after) >= len(room_before)

    # One participant comes back in a real browser on a phone and finds their answers; the trainer
    # looks at the dashboard on a laptop (Swedish) and a phone (English).
    returning = next(person for person in people if person.acknowledged[cases[0].id]["trafficking"] is not None)
    in_a_browser(browser, base, returning, cases[0], kb)


def in_a_browser(browser, base: str, participant: Participant, first_case, kb) -> None:
    come_back_in_a_browser(browser, base, participant, first_case, kb)
    for screen, lang in ((LAPTOP, "sv"), (PHONE, "en")):
        dashboard_in_a_browser(browser, base, screen, lang, kb)


def come_back_in_a_browser(browser, base: str, participant: Participant, first_case, kb) -> None:
    given = participant.acknowledged[first_case.id]
    person = Person(browser, PHONE)
    page = person.page
    try:
        person.open(base + PAGE, ".kit-classifier .kit-pseudonym input")
        person.tap(page.locator(".kit-pseudonym input"))
        person.type(name(participant.number).upper())  # a phone's caps: the same pseudonym
        person.press("Enter")
        page.wait_for_function("document.querySelector('.kit-status').innerText.includes('Välkommen tillbaka')", timeout=30_000)
        person.screenshot("restart_phone_sv_welcome_back")
        person.tap(page.locator(".kit-note-ok"))
        person.wait_focus_in("kit-case-title", 30_000)
        assert page.inner_text(".kit-case-title") == case_title(first_case, "sv")
        chosen = page.locator(".kit-verdict button.mod-active")
        label = kb.ui("app.yes" if given["trafficking"] else "app.no", "sv")
        assert chosen.count() == 1 and chosen.inner_text().strip() == label
        person.reach(page.locator(".kit-verdict"))
        person.screenshot("restart_phone_sv_answer_restored")
        person.looks_right("sv")
    finally:
        person.close()


def dashboard_in_a_browser(browser, base: str, screen, lang: str, kb) -> None:
    """The room after the restart, with the parts of the answer the room misses most."""
    person = Person(browser, screen)
    page = person.page
    try:
        person.open(f"{base}{DASHBOARD}&lang={lang}", ".kit-room table.kit-elements", timeout_ms=120_000)
        page.wait_for_function(  # the summary line follows the table within a moment
            f"document.querySelector('.kit-room-summary').innerText.includes('{PARTICIPANTS} ')", timeout=30_000)
        elements = page.locator(".kit-room table.kit-elements")
        person.reach(elements.locator("caption"))
        assert elements.locator("th[scope=col]").first.inner_text().strip() == kb.ui("dashboard.col_element", lang)
        person.screenshot(f"restart_{screen.name}_{lang}_dashboard_elements")
        person.looks_right(lang)
    finally:
        person.close()
