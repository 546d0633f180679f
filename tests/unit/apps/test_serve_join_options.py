"""`strom-kit serve --host/--public-url`: where the server listens, the address it prints for
participants and hands to the pages, and the settings it refuses with the reason."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

import kit.apps.serving as serving
from kit.apps.room_address import JOIN_URL_ENV, lan_address
from kit.cli import main


@pytest.fixture
def started(monkeypatch):
    """What serve would hand to Voila: (command, environment) of each start, nothing started."""
    calls = []
    monkeypatch.setattr(serving.os, "execve", lambda path, command, env: calls.append((command, env)))
    monkeypatch.setattr(serving, "compile_kit", lambda: None)
    return calls


def serve(tmp_path, port, *options):
    return CliRunner().invoke(main, ["serve", "--port", str(port), "--notebooks", str(tmp_path), "--trainer-key",
                                     "test-trainer-key", "--db", f"sqlite:///{tmp_path / 'a.sqlite'}", *options])


def test_by_default_the_room_is_this_computer_and_serve_says_so(tmp_path, free_port, started):
    result = serve(tmp_path, free_port)
    assert result.exit_code == 0, result.output
    command, env = started[-1]
    assert "--Voila.ip=127.0.0.1" in command and env[JOIN_URL_ENV] == f"http://127.0.0.1:{free_port}/join"
    assert f"Participants join at: http://127.0.0.1:{free_port}/join  (this computer only: --host 0.0.0.0" in result.output


def test_on_the_local_network_participants_get_this_computers_address(tmp_path, free_port, started):
    result = serve(tmp_path, free_port, "--host", "0.0.0.0")
    assert result.exit_code == 0, result.output
    command, env = started[-1]
    address = f"http://{lan_address() or '127.0.0.1'}:{free_port}/join"
    assert "--Voila.ip=0.0.0.0" in command and env[JOIN_URL_ENV] == address
    assert re.search(rf"^Participants join at: {re.escape(address)}$", result.output, re.M) or lan_address() is None
    assert f"STROM: http://127.0.0.1:{free_port}/" in result.output  # the trainer's own browser stays local


def test_a_public_url_is_what_participants_get(tmp_path, free_port, started):
    result = serve(tmp_path, free_port, "--host", "0.0.0.0", "--public-url", "https://strom.example.org/")
    assert result.exit_code == 0, result.output
    assert started[-1][1][JOIN_URL_ENV] == "https://strom.example.org/join"
    assert "Participants join at: https://strom.example.org/join\n" in result.output


@pytest.mark.parametrize("options, reason", [
    (["--host", "my-laptop"], "--host 'my-laptop': give an IP address"),
    (["--host", "192.0.2.254"], "--host 192.0.2.254: this computer has no such address"),
    (["--public-url", "strom.example.org"], "--public-url 'strom.example.org' is not an address participants can open"),
])
def test_a_room_address_that_cannot_work_is_refused_with_the_reason(tmp_path, free_port, started, options, reason):
    result = serve(tmp_path, free_port, *options)
    assert result.exit_code == 1 and reason in result.output and not started
