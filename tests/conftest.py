"""Fixtures shared by every test layer."""

from __future__ import annotations

import shutil
import socket
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/support


@pytest.fixture(scope="session")
def kb():
    """The kit's own knowledge base, loaded once."""
    from kit.content import load

    return load()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A temporary copy of the content folder that a test may break."""
    from kit.content.loader import DATA_DIR

    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def kit_server(tmp_path_factory):
    """`strom-kit serve` on a free port, as a trainer would start it; yields the base URL."""
    from support.server_process import served

    yield from served(tmp_path_factory.mktemp("serve"))
