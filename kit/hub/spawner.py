"""Each account's server: its own system user, its own database role, the apps through Voila.

Imported by JupyterHub only. A server runs as the system user `sk-<account>` (made on first
start, home under `<state>/homes`), so one participant's JupyterLab cannot read another's files,
the hub's state or its secrets. It reaches the answer store with the account's own PostgreSQL role
(kit.hub.database): the role, not the app, limits what it can read and add. Participants and
trainers land on the apps (Voila's server extension, the kit's template); a trainer lands on the
dashboard of the rooms they lead; students and evaluators on JupyterLab with the chapters in their
home folder.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from tornado import web
from traitlets import Unicode

from kit.apps.serving import TEMPLATE_ROOT
from kit.hub.accounts import Account, Accounts, system_user
from kit.hub.database import Membership, grant, role_password
from kit.hub.pages import landing, server_args
from kit.hub.python import users_python
from kit.hub.settings import HubSettings, load_settings


def ensure_system_user(account: str, homes: Path) -> pwd.struct_passwd:
    """The account's system user, made when missing (no password, home under `homes`, mode 0700)."""
    name = system_user(account)
    homes.mkdir(parents=True, exist_ok=True)
    homes.chmod(0o711)
    home = homes / account
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--system", "--create-home", "--home-dir", str(home), "--shell", "/bin/bash",
                        "--user-group", name], check=True, capture_output=True)
        entry = pwd.getpwnam(name)
    if Path(entry.pw_dir) != home:  # a user left by an earlier hub on this machine: give it this hub's home
        subprocess.run(["usermod", "--home", str(home), name], check=True, capture_output=True)
        entry = pwd.getpwnam(name)
    if not home.is_dir():
        home.mkdir()
        os.chown(home, entry.pw_uid, entry.pw_gid)
    home.chmod(0o700)
    return entry


def copy_chapters(notebooks: Path, home: Path, entry: pwd.struct_passwd) -> None:
    """The chapter notebooks into a student's home (only those not there yet: their work stays)."""
    for source in sorted(notebooks.glob("*.ipynb")):
        target = home / source.name
        if not target.exists():
            shutil.copyfile(source, target)
            shutil.chown(target, entry.pw_uid, entry.pw_gid)


def write_nbgrader_config(home: Path, entry: pwd.struct_passwd, exchange: Path, course: str) -> None:
    """~/.jupyter/nbgrader_config.py: the hub's exchange and the course, for the assignment list
    in JupyterLab and `nbgrader fetch_assignment/submit` in a terminal."""
    folder = home / ".jupyter"
    folder.mkdir(exist_ok=True)
    os.chown(folder, entry.pw_uid, entry.pw_gid)
    target = folder / "nbgrader_config.py"
    target.write_text(f"c = get_config()  # noqa: F821\nc.Exchange.root = {str(exchange)!r}\n"
                      f"c.CourseDirectory.course_id = {course!r}\n")
    os.chown(target, entry.pw_uid, entry.pw_gid)


class KitSpawner(LocalProcessSpawner):
    """LocalProcessSpawner with the kit's system users, database roles and pages."""

    hub_state = Unicode(help="The hub's state folder (kit.hub.settings).").tag(config=True)

    def make_preexec_fn(self, name: str) -> Any:
        return set_user_setuid(system_user(name))

    def user_env(self, env: dict[str, str]) -> dict[str, str]:
        entry = pwd.getpwnam(system_user(self.user.name))
        env.update(USER=entry.pw_name, HOME=entry.pw_dir, SHELL=entry.pw_shell or "/bin/bash")
        return env

    async def start(self) -> Any:
        settings = load_settings(Path(self.hub_state))
        account = Accounts(settings.accounts_file).get(self.user.name)
        if account is None:
            raise web.HTTPError(403, f"{self.user.name} has no account on this hub")
        entry = await asyncio.to_thread(ensure_system_user, account.name, settings.homes)
        store_url = await asyncio.to_thread(
            grant, settings.store_url, Membership(account.name, account.rooms, account.leads),
            role_password(settings.secret("role-key"), account.name))
        if account.role in ("student", "evaluator"):
            await asyncio.to_thread(copy_chapters, settings.notebooks, Path(entry.pw_dir), entry)
        if account.courses:
            await asyncio.to_thread(write_nbgrader_config, Path(entry.pw_dir), entry, settings.exchange, account.courses[0])
        python = await asyncio.to_thread(users_python, settings.state / "python")
        self._configure(settings, account, store_url, Path(entry.pw_dir), python)
        return await super().start()

    def _configure(self, settings: HubSettings, account: Account, store_url: str, home: Path, python: Path) -> None:
        self.default_url, environment = landing(account, store_url, settings.lang)
        environment.update({
            # the kit's template, then the kit's environment's extensions and config (the users' Python
            # may be another prefix: kit.hub.python)
            "JUPYTER_PATH": f"{TEMPLATE_ROOT}:{Path(sys.prefix) / 'share' / 'jupyter'}",
            "JUPYTER_CONFIG_PATH": str(Path(sys.prefix) / "etc" / "jupyter"),
            "PATH": f"{python.parent}:/usr/local/bin:/usr/bin:/bin",
            "PYTHONDONTWRITEBYTECODE": "1",  # the kit's folders are not theirs to write
        })
        self.environment = environment
        self.notebook_dir = str(settings.notebooks if account.role in ("participant", "trainer") else home)
        self.cmd = [str(python), "-m", "jupyterhub.singleuser"]
        self.args = server_args()
