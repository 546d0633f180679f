"""What a hub runs with: its state folder, ports, databases and the kit's notebooks.

`strom-kit hub` writes these settings to `<state>/hub.json` (readable by root only: it holds the
database administrator's URL), and deploy/hub/jupyterhub_config.py reads them back through
`kit.hub.config`, so the config file stays small and every value has one source.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

STATE_ENV = "STROM_KIT_HUB_STATE"
SETTINGS_FILE = "hub.json"
HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOCAL_PG_PORT = 5433  # the kit's own cluster, beside a system one on 5432
PROXY_PACKAGE_BIN = Path("var/chp/node_modules/.bin/configurable-http-proxy")
REPO = Path(__file__).resolve().parents[2]


class HubSettingsError(RuntimeError):
    """A hub setting that cannot work, said in one line."""


@dataclass(frozen=True)
class HubSettings:
    """A hub's settings; the ports next to `port` are the hub's API (+1) and the proxy's API (+2)."""

    state: Path
    store_url: str  # the administrator's URL of the answer store (PostgreSQL)
    hub_db_url: str  # JupyterHub's own database
    notebooks: Path
    proxy: str
    port: int = DEFAULT_PORT
    lang: str = "sv"
    lti: dict[str, str] = field(default_factory=dict)  # issuer, client_id, authorize_url, jwks_url (LTI 1.3)
    cull_idle_seconds: int = 3600

    @property
    def hub_port(self) -> int:
        return self.port + 1

    @property
    def proxy_api_port(self) -> int:
        return self.port + 2

    @property
    def accounts_file(self) -> Path:
        return self.state / "accounts.json"

    @property
    def homes(self) -> Path:
        return self.state / "homes"

    @property
    def exchange(self) -> Path:
        return self.state / "exchange"

    @property
    def courses(self) -> Path:
        return self.state / "courses"

    def secret(self, name: str, size: int = 32) -> bytes:
        """A secret of the hub kept in `<state>/secrets/<name>` (made on first use, mode 0600)."""
        folder = self.state / "secrets"
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o700)
        path = folder / name
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(size))
        return path.read_text().strip().encode()

    def save(self) -> Path:
        """Write the settings to `<state>/hub.json` (mode 0600)."""
        self.state.mkdir(parents=True, exist_ok=True)
        self.state.chmod(0o711)  # users' homes live below; nothing here is listable by them
        path = self.state / SETTINGS_FILE
        data = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(self).items()}
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            json.dump(data, out, indent=1)
        return path


def load_settings(state: Path | None = None) -> HubSettings:
    """The settings that `strom-kit hub` saved in `state` (default: $STROM_KIT_HUB_STATE)."""
    folder = state or Path(os.environ.get(STATE_ENV, "var/hub"))
    path = folder / SETTINGS_FILE
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        raise HubSettingsError(f"no hub settings in {path}: start the hub with `strom-kit hub`") from None
    data["state"], data["notebooks"] = Path(data["state"]), Path(data["notebooks"])
    return HubSettings(**data)


def default_state() -> Path:
    """$STROM_KIT_HUB_STATE, else var/hub in the current folder."""
    return Path(os.environ.get(STATE_ENV) or Path.cwd() / "var" / "hub").resolve()


def find_proxy() -> str:
    """configurable-http-proxy as the set-up installs it (make hub-proxy), else on PATH."""
    for candidate in (Path.cwd() / PROXY_PACKAGE_BIN, REPO / PROXY_PACKAGE_BIN):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which("configurable-http-proxy")
    if found:
        return found
    raise HubSettingsError("configurable-http-proxy is not installed: run `make hub-proxy` (npm package)")


def config_file() -> Path:
    """deploy/hub/jupyterhub_config.py of the checkout."""
    path = REPO / "deploy" / "hub" / "jupyterhub_config.py"
    if not path.is_file():
        raise HubSettingsError(f"{path} is missing: run the hub from a checkout of the kit")
    return path
