"""Web apps and pages: thin ipywidgets views over the domain packages, served with Voila.

Public names for the CLI: `serve`, `ServeError`, `default_notebooks_dir` (kit.apps.serving), imported
lazily: serving brings the socket and kernel wiring, which `strom-kit --help` starts without.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.lazy_exports import lazy_getattr

if TYPE_CHECKING:  # the same names, eagerly, for type checkers
    from kit.apps.serving import ServeError as ServeError
    from kit.apps.serving import default_notebooks_dir as default_notebooks_dir
    from kit.apps.serving import serve as serve

_EXPORTS = {
    "ServeError": "kit.apps.serving",
    "default_notebooks_dir": "kit.apps.serving",
    "serve": "kit.apps.serving",
}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_getattr(__name__, _EXPORTS)
