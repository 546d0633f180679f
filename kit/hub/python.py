"""A Python that every account's system user may run, with the kit's installed packages.

The hub's servers run as unprivileged system users. The kit's virtual environment may rest on an
interpreter they cannot read (pyenv under a 0700 /root, as on these machines), while its
site-packages are world-readable. Then a small environment is made from the system's Python of the
same minor version (Debian's /usr/bin/python3.11), whose one `.pth` file adds the kit's
site-packages: same packages, same wheels (same ABI), an interpreter they can run.
"""

from __future__ import annotations

import os
import site
import stat
import subprocess
import sys
from pathlib import Path


class UsersPythonError(RuntimeError):
    """No Python that the accounts' users can run, with what to do."""


def readable_by_all(path: Path) -> bool:
    """True when users other than the owner can reach `path` (every folder on the way searchable)."""
    path = path.resolve()
    for part in [*reversed(path.parents), path]:
        mode = part.stat().st_mode
        if stat.S_ISDIR(mode) and not mode & stat.S_IXOTH:
            return False
    return bool(path.stat().st_mode & stat.S_IROTH)


def users_python(folder: Path) -> Path:
    """This interpreter when every user can run it, else an environment in `folder` made from the
    system's Python that adds this environment's site-packages."""
    here = Path(sys.executable)
    packages = [Path(p) for p in site.getsitepackages() if Path(p).is_dir()]
    if readable_by_all(here) and all(readable_by_all(p) for p in packages):
        return here
    unreadable = [p for p in packages if not readable_by_all(p)]
    if unreadable:
        raise UsersPythonError(f"the kit's packages in {unreadable[0]} cannot be read by other users: "
                               "install the kit in a folder everyone may read")
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = Path("/usr/bin") / version
    if not system.is_file():
        raise UsersPythonError(f"{here} cannot be run by other users and {system} is missing: "
                               f"install Debian's {version} (apt-get install {version})")
    python = folder / "bin" / "python"
    pth = folder / "lib" / version / "site-packages" / "strom-kit.pth"
    lines = "".join(f"import site; site.addsitedir({str(p)!r})\n" for p in packages)
    if not python.exists():
        subprocess.run([str(system), "-m", "venv", "--without-pip", str(folder)], check=True, capture_output=True)
    if not pth.is_file() or pth.read_text() != lines:
        pth.write_text(lines)
    for root, folders, files in os.walk(folder):
        for name in folders + files:
            entry = Path(root) / name
            if not entry.is_symlink():
                entry.chmod(entry.stat().st_mode | stat.S_IROTH | (stat.S_IXOTH if entry.is_dir() or os.access(entry, os.X_OK) else 0))
    folder.chmod(0o755)
    return python
