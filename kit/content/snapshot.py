"""A snapshot of the validated knowledge base, so a new process (every page's kernel) skips YAML.

The snapshot is keyed by a hash of every content file's bytes and the kit's version, so any edit
makes a new one; it lives in the user's cache folder ($XDG_CACHE_HOME or ~/.cache/strom-kit).
A snapshot that cannot be read is ignored and rebuilt; one that cannot be written (a read-only
home, a confined grading kernel) is simply not kept.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any


def snapshot_path(data_dir: Path) -> Path:
    """Where the snapshot of `data_dir`'s current content lives."""
    from kit import __version__

    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    for path in sorted(data_dir.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "strom-kit" / f"knowledge-base-{digest.hexdigest()}.pickle"


def read_snapshot(path: Path) -> Any | None:
    """The knowledge base in `path`, or None when there is none or it is unreadable."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # a missing, truncated or foreign file: rebuild from the YAML
        return None


def write_snapshot(path: Path, knowledge_base: Any) -> None:
    """Keep `knowledge_base` at `path` (atomically); quietly skipped where nothing can be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(knowledge_base, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        return
