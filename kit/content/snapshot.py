"""Snapshots of validated content, so a new process (every page's kernel) skips YAML.

A snapshot is keyed by its kind, the kit's version and a hash of every YAML file it was built
from (and of every folder it depends on), so any edit makes a new one. It lives in the user's
cache folder ($XDG_CACHE_HOME or ~/.cache/strom-kit). A snapshot that cannot be read is ignored
and rebuilt; one that cannot be written (a read-only home, a confined grading kernel) is simply
not kept. Only content shipped with the kit is snapshotted: a cohort's graded material never
leaves its folder.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from kit import __version__

Built = TypeVar("Built")


def snapshot_path(kind: str, *folders: Path) -> Path:
    """Where the snapshot of `kind`, built from the YAML files of `folders` as they are now, lives."""
    digest = hashlib.blake2b(f"{__version__}\0{kind}".encode(), digest_size=16)
    for folder in folders:
        for path in sorted(Path(folder).glob("*.yaml")):
            digest.update(f"{folder}\0{path.name}\0".encode() + path.read_bytes() + b"\0")
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "strom-kit" / f"{kind}-{digest.hexdigest()}.pickle"


def read_snapshot(path: Path) -> Any | None:
    """The content kept in `path`, or None when there is none or it is unreadable."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 -- unpickling a missing, truncated or foreign file can raise anything: rebuild from the YAML
        return None


def write_snapshot(path: Path, content: Any) -> None:
    """Keep `content` at `path` (atomically); quietly skipped where nothing can be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(content, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        return


def snapshotted(kind: str, folders: tuple[Path, ...], build: Callable[[], Built]) -> Built:
    """`build()`'s validated result, read from its snapshot when the folders are unchanged.
    `build` raises on broken content, and then nothing is kept."""
    try:
        path = snapshot_path(kind, *folders)
    except OSError:
        return build()
    content = read_snapshot(path)
    if content is None:
        content = build()
        write_snapshot(path, content)
    return content
