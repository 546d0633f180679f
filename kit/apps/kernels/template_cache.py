"""The page template is compiled once per server, not once per page.

Voila renders every page with a new nbconvert exporter, and every exporter builds a new Jinja
environment, which compiles the kit's template and the ~20 templates it extends again: about 0.15
CPU-seconds of the server's one thread per page, 4.5 s for a room of 30 opening at once. Jinja's
documented bytecode cache lets environments share compiled templates; jinja checks each entry
against the template's source, so an edited template is compiled anew. `share_compiled_templates`
gives every environment nbconvert creates in this process one such cache, kept in memory.
"""

from __future__ import annotations

import threading
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates by Jinja's key (template name and file), in this process's memory."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def load_bytecode(self, bucket: Bucket) -> None:
        with self._lock:
            compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)  # refused by Jinja if the source changed since

    def dump_bytecode(self, bucket: Bucket) -> None:
        compiled = bucket.bytecode_to_string()
        with self._lock:
            self._compiled[bucket.key] = compiled

    def clear(self) -> None:
        with self._lock:
            self._compiled.clear()


CACHE = MemoryBytecodeCache()
_shared = False


def share_compiled_templates() -> None:
    """Give every Jinja environment nbconvert's exporters create from now on the shared cache (once)."""
    global _shared
    if _shared:
        return
    from nbconvert.exporters.templateexporter import TemplateExporter

    create = TemplateExporter._create_environment

    def create_sharing(self: Any) -> Any:
        environment = create(self)
        environment.bytecode_cache = CACHE
        return environment

    TemplateExporter._create_environment = create_sharing  # type: ignore[method-assign]  # the patch is the point
    _shared = True
