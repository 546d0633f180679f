"""The `strom-kit` command: help, version, content check and show, serve's error paths."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kit import __version__
from kit.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_help_and_version():
    assert "content" in run("--help").output and "serve" in run("--help").output
    assert run("--version").output.strip() == f"strom-kit, version {__version__}"


def test_console_script_is_installed():
    script = Path(sys.executable).with_name("strom-kit")
    exe = str(script) if script.exists() else shutil.which("strom-kit")
    assert exe, "the strom-kit console script is not installed"
    result = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and __version__ in result.stdout


def test_content_check_prints_counts(kb):
    result = run("content", "check")
    assert result.exit_code == 0, result.output
    assert "indicators" in result.output and "Totalt" in result.output
    total = sum(kb.counts().values())
    assert f"{total} poster" in result.output
    assert "Total" in run("content", "check", "--lang", "en").output


def test_content_check_reports_file_and_field(data_copy):
    path = data_copy / "actors.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("en: Taxi drivers}", "en: ''}"), encoding="utf-8")
    result = run("content", "check", "--data", str(data_copy))
    assert result.exit_code == 1
    assert "actors.yaml:actors[taxi_drivers].name.en: missing English translation" in result.output


def test_content_show_list_and_item():
    listing = run("content", "show", "actors", "--lang", "en")
    assert listing.exit_code == 0 and "taxi_drivers" in listing.output and "Taxi drivers" in listing.output
    item = run("content", "show", "regimes", "pl", "--lang", "en")
    assert item.exit_code == 0
    assert "May identify formally" in item.output and "Border guard" in item.output
    swedish = run("content", "show", "regimes", "pl")
    assert "Får identifiera formellt" in swedish.output


def test_indicator_listing_carries_the_grade_note():
    result = run("content", "show", "indicators", "--lang", "en")
    assert "kit's own judgement" in result.output


def test_content_show_unknown_kind_or_id():
    result = run("content", "show", "actors", "taxi_driver")
    assert result.exit_code == 2 and "did you mean taxi_drivers" in result.output
    result = run("content", "show", "actorz")
    assert result.exit_code == 2 and "unknown content kind" in result.output
    assert run("content", "show", "actors", "--lang", "de").exit_code == 2


def test_serve_refuses_a_port_in_use_and_a_missing_folder(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--port", str(port), "--db", f"sqlite:///{tmp_path}/answers.sqlite")  # not the user's own store
    assert result.exit_code == 1 and "already in use" in result.output
    result = run("serve", "--port", "8899", "--notebooks", str(tmp_path / "nowhere"), "--db", f"sqlite:///{tmp_path}/answers.sqlite")
    assert result.exit_code == 1 and "notebook folder not found" in result.output


def test_serve_refuses_a_bad_database_and_pool(tmp_path):
    result = run("serve", "--port", "8899", "--db", "sqlite://")
    assert result.exit_code == 1 and "answer database: an in-memory SQLite database would lose every answer" in result.output
    result = run("serve", "--port", "8899", "--db", f"sqlite:///{tmp_path}/a.sqlite", "--pool", "99")
    assert result.exit_code == 1 and "--pool 99" in result.output


def test_serve_command_line_and_environment(tmp_path):
    from kit.apps.serving import ServeSettings, voila_command, voila_environment

    settings = ServeSettings(notebooks=tmp_path, port=9999, lang="en", db_url="sqlite:///x.sqlite", profile="port_city", pool=3)
    command = voila_command(settings)
    assert "--Voila.ip=127.0.0.1" in command and "--template=strom" in command and "--pool_size=3" in command
    assert "--VoilaConfiguration.show_tracebacks=False" in command and "--VoilaExecutor.iopub_timeout=120" in command
    assert any(arg.startswith("--MappingKernelManager.cull_idle_timeout=") for arg in command)
    env = voila_environment(settings)
    assert env["STROM_KIT_LANG"] == "en" and env["STROM_KIT_DB"] == "sqlite:///x.sqlite" and env["STROM_KIT_PROFILE"] == "port_city"


def test_serve_takes_its_defaults_from_the_serve_settings():
    from dataclasses import MISSING, fields

    from kit.apps.serve_settings import ServeSettings
    from kit.cli import serve

    option_of = {"cull_idle_seconds": "cull_after"}
    defaults = {param.name: param.default for param in serve.params}
    for setting in fields(ServeSettings):
        if setting.default is MISSING:  # the notebooks folder and the trainer key are worked out at start
            continue
        assert defaults[option_of.get(setting.name, setting.name)] == setting.default, setting.name
    assert defaults["port"] == 8866 and defaults["cull_after"] == 900
