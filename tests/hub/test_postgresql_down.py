"""PostgreSQL down: at start, `strom-kit serve` and `strom-kit hub` say so in one line and exit
non-zero; mid-workshop, a check is refused with a visible reason (nothing silently lost, nothing
typed lost), and once the database is back the same check is saved."""

from __future__ import annotations

import shutil

import pytest

from support.person import LAPTOP, Person
from support.server_process import served

from .conftest import free_ports, open_folder, strom_kit

CLASSIFIER = "/voila/render/02_what_is_trafficking.ipynb"


def down_url() -> str:
    return f"postgresql://strom:not-the-password@127.0.0.1:{free_ports()}/strom"


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def test_serve_refuses_a_postgresql_that_is_down_in_one_line():
    result = strom_kit("serve", "--port", str(free_ports()), "--db", down_url(), check=False, timeout=60)
    assert result.returncode != 0
    line = one_line(result.stderr)
    assert "cannot open the answer database" in line and "refused" in line.lower()
    assert "not-the-password" not in line


def test_hub_refuses_a_postgresql_that_is_down_in_one_line():
    state = open_folder("strom-hub-down-")
    try:
        result = strom_kit("hub", "--state", str(state), "--port", str(free_ports(3)), "--db", down_url(), check=False,
                           timeout=60)
    finally:
        shutil.rmtree(state, ignore_errors=True)
    assert result.returncode != 0
    line = one_line(result.stderr)
    assert "PostgreSQL at 127.0.0.1" in line and "not reachable" in line
    assert "not-the-password" not in line


@pytest.mark.slow
def test_a_check_while_postgresql_is_down_is_refused_visibly_then_saved_when_it_returns(browser, tmp_path):
    from kit.hub.database import prepare
    from kit.hub.postgres import LocalCluster
    from kit.store import open_store

    folder = open_folder("strom-pg-down-")
    folder.chmod(0o755)
    cluster = LocalCluster(folder / "cluster", free_ports())
    cluster.init()
    cluster.start()
    url = cluster.admin_url("workshop")
    prepare(url)
    server = served(tmp_path, "--db", url)
    base = next(server)
    person = Person(browser, LAPTOP)
    page = person.page
    try:
        person.open(base + CLASSIFIER + "?participant=Ada", ".kit-classifier .kit-pseudonym input")
        person.tap(page.locator(".kit-note-ok"))
        page.wait_for_selector(".kit-case-title", timeout=30_000)
        person.tap(page.locator(".kit-verdict button", has_text="Ja"))
        person.tap(page.locator(".kit-steps button", has_text="7."))
        person.tap(page.locator(".kit-check"))
        saved = "document.querySelector('.kit-check-row .kit-save-state').innerText"
        page.wait_for_function(f"{saved}.includes('Sparat')", timeout=60_000)

        cluster.stop("immediate")  # the database server dies mid-workshop
        person.tap(page.locator(".kit-check"))
        page.wait_for_function(f"{saved}.includes('Inte sparat')", timeout=60_000)
        assert "finns kvar på sidan" in page.inner_text(".kit-check-row .kit-save-state")
        person.screenshot("postgresql_down_not_saved")

        cluster.start()  # back: the same check is saved
        person.tap(page.locator(".kit-check"))
        page.wait_for_function(f"{saved}.includes('Sparat') && !{saved}.includes('Inte')", timeout=60_000)
    finally:
        person.close()
        server.close()
        stored = open_store(url).answers(participant="ada") if cluster.running() else []
        cluster.remove()
        shutil.rmtree(folder, ignore_errors=True)
    assert len(stored) == 2  # the first check and the one after the database returned; the refused one was never claimed
    assert all(answer.answer["trafficking"] is True for answer in stored)  # nothing the participant chose was lost
