"""The Zero to JupyterHub recipe, tested as far as it can be without a cluster: the values file
parses and names only settings the chart documents; its hub configuration runs and gives an account
its own database role before its pod starts; the image installs the kit with pyproject.toml's pins."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from sqlalchemy.exc import DBAPIError

from support.event_loop import run_apart

ROOT = Path(__file__).resolve().parents[2]
VALUES = ROOT / "deploy" / "z2jh" / "config.yaml"
DOCKERFILE = ROOT / "deploy" / "image" / "Dockerfile"
# Setting paths documented in the chart's values.schema.yaml (zero-to-jupyterhub-k8s, jupyterhub
# chart 4.x), checked by hand against the schema for every path the values file uses. Below the
# FREE_FORM paths the chart takes any keys (traitlets config, environment variables, code snippets).
DOCUMENTED = {
    "hub", "hub.image", "hub.image.name", "hub.image.tag", "hub.db", "hub.db.type", "hub.db.url", "hub.db.password",
    "hub.extraEnv", "hub.extraConfig", "hub.config", "hub.cookieSecret", "hub.baseUrl",
    "singleuser", "singleuser.image", "singleuser.image.name", "singleuser.image.tag", "singleuser.cmd",
    "singleuser.defaultUrl", "singleuser.extraEnv", "singleuser.storage", "singleuser.storage.type",
    "singleuser.storage.capacity", "singleuser.memory", "singleuser.memory.guarantee", "singleuser.memory.limit",
    "singleuser.cpu", "singleuser.cpu.limit", "singleuser.cpu.guarantee", "singleuser.networkPolicy",
    "singleuser.networkPolicy.egressAllowRules", "singleuser.networkPolicy.egressAllowRules.privateIPs",
    "cull", "cull.enabled", "cull.users", "cull.timeout", "cull.every", "cull.maxAge", "cull.concurrency",
    "proxy", "proxy.service", "proxy.service.type",
}
FREE_FORM = {"hub.extraEnv", "hub.extraConfig", "hub.config", "singleuser.extraEnv"}
DB_TYPES = {"sqlite-pvc", "sqlite-memory", "mysql", "postgres", "other"}


def paths(tree: dict, prefix: str = "") -> list[str]:
    found = []
    for key, value in tree.items():
        path = f"{prefix}{key}"
        found.append(path)
        if isinstance(value, dict) and path not in FREE_FORM:
            found += paths(value, path + ".")
    return found


def test_the_values_file_parses_and_names_only_documented_settings():
    values = yaml.safe_load(VALUES.read_text())
    unknown = [path for path in paths(values) if path not in DOCUMENTED]
    assert not unknown, f"settings the chart does not document: {unknown}"
    assert values["hub"]["db"]["type"] == "postgres" and values["hub"]["db"]["type"] in DB_TYPES
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > 0
    for name in ("STROM_KIT_DB", "STROM_KIT_ROLE_KEY"):  # secrets come from a Secret, never written here
        assert "secretKeyRef" in values["hub"]["extraEnv"][name]["valueFrom"]
    credentials = values["hub"]["db"]["url"].split("//", 1)[1].split("@", 1)[0]
    assert ":" not in credentials  # the password is given at install time (--set), never kept in the file


@pytest.mark.slow
def test_the_hub_configuration_gives_each_account_its_own_role_before_its_pod_starts(postgres, tmp_path, monkeypatch):
    from traitlets.config import Config

    from kit.hub.accounts import Accounts
    from kit.hub.database import prepare
    from kit.store import open_store

    store_url = postgres.admin_url("kubernetes")
    prepare(store_url)
    accounts = Accounts(tmp_path / "accounts.json")
    accounts.create_room("k8s", 2, trainer="k8s-lead")
    snippet = yaml.safe_load(VALUES.read_text())["hub"]["extraConfig"]["strom-kit"]
    c = Config()
    for name, value in {"STROM_KIT_DB": store_url, "STROM_KIT_ROLE_KEY": "ab" * 16,  # the hub pod's environment
                        "STROM_KIT_ACCOUNTS": str(tmp_path / "accounts.json")}.items():
        monkeypatch.setenv(name, value)
    exec(compile(snippet, "hub.extraConfig", "exec"), {"c": c})  # the values file's own snippet
    assert c.JupyterHub.authenticator_class == "kit.hub.auth.RoomAuthenticator"
    hook = c.KubeSpawner.pre_spawn_hook
    spawners = {}
    for name in ("k8s-01", "k8s-lead"):
        spawner = SimpleNamespace(user=SimpleNamespace(name=name), environment={}, args=[], default_url="", notebook_dir="")
        run_apart(hook(spawner))
        spawners[name] = spawner
    participant, trainer = spawners["k8s-01"], spawners["k8s-lead"]
    assert participant.default_url == "/voila/render/00_start.ipynb" and participant.notebook_dir == "/srv/strom/notebooks"
    assert trainer.default_url.startswith("/voila/render/trainer_dashboard.ipynb?key=")
    assert "--VoilaConfiguration.template=strom" in participant.args
    own = open_store(participant.environment["STROM_KIT_DB"])
    own.record("k8s-01", "classifier", "c1", {"trafficking": True})
    with pytest.raises(DBAPIError):  # its database role may not write another's answers
        own.record("k8s-02", "classifier", "c1", {"trafficking": True})
    assert [a.participant for a in open_store(trainer.environment["STROM_KIT_DB"]).answers()] == ["k8s-01"]


def requirement_name(spec: str) -> str:
    return re.split(r"[\s<>=!~;\[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_the_image_installs_the_kit_with_pyprojects_pins_and_nothing_else():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pinned = {requirement_name(spec): spec.replace(" ", "") for spec in
              project["dependencies"] + project["optional-dependencies"]["hub"]}
    text = DOCKERFILE.read_text()
    installs = [shlex.split(line.split("pip install", 1)[1].split("&&")[0]) for line in text.splitlines()
                if line.startswith("RUN") and "pip install" in line]
    assert len(installs) == 2  # the user image and the hub image
    for arguments in installs:
        targets = [a for a in arguments if not a.startswith("-")]
        assert targets == ["/opt/strom-kit[hub]"], targets  # the kit itself: its pins are pyproject.toml's, no others
    assert {"jupyterhub", "psycopg", "voila"} <= set(pinned)  # what the images need comes through it
    assert "COPY pyproject.toml" in text
    low, high = re.search(r">=(\d+\.\d+),<(\d+\.\d+)", project["requires-python"]).groups()
    for version in re.findall(r"FROM python:(\d+\.\d+)", text):
        assert tuple(map(int, low.split("."))) <= tuple(map(int, version.split("."))) < tuple(map(int, high.split(".")))
