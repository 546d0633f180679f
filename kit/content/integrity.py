"""Cross-item checks: unique ids, references that resolve, seed refs inside their chapter."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kit.content.kinds import REFERENCE_FIELDS
from kit.content.models import Model, Ref
from kit.content.problems import Problem


def check_integrity(
    kinds: Mapping[str, tuple[Any, ...]],
    files: Mapping[str, str],
    declared_ids: Mapping[str, set[str]] | None = None,
) -> list[Problem]:
    """Every problem that single-item validation cannot see. `files` maps kind -> file name;
    `declared_ids` holds every id written in the files, valid or not: an item that failed
    validation is reported once, not again by every reference to it."""
    problems: list[Problem] = []
    ids = {kind: [item.id for item in items] for kind, items in kinds.items()}
    for kind, known in ids.items():
        seen: set[str] = set()
        for position, item_id in enumerate(known):
            if item_id in seen:
                problems.append(Problem(files[kind], f"{kind}[{position}].id", f"duplicate id {item_id!r}"))
            seen.add(item_id)
    id_sets = {kind: set(known) | set((declared_ids or {}).get(kind, ())) for kind, known in ids.items()}
    spans = {chapter.number: chapter.ref.lines for chapter in kinds.get("chapters", ())}
    for kind, items in kinds.items():
        for item in items:
            where = f"{kind}[{item.id}]"
            for path, name, value in _walk(item, where):
                if isinstance(value, Ref):
                    problems.extend(_check_ref(files[kind], path, value, spans))
                elif name in REFERENCE_FIELDS and value is not None and REFERENCE_FIELDS[name] in id_sets:
                    # A kind that failed to load is reported on its own; no cascade of unknown ids.
                    target = REFERENCE_FIELDS[name]
                    for ref_id in value if isinstance(value, list) else [value]:
                        if ref_id not in id_sets[target]:
                            problems.append(Problem(files[kind], path, f"unknown {target} id {ref_id!r}"))
    return problems


def _check_ref(file: str, path: str, ref: Ref, spans: Mapping[int, tuple[int, int]]) -> list[Problem]:
    span = spans.get(ref.chapter)
    if span is None:
        return [Problem(file, path, f"chapter {ref.chapter} is not among the chapters")]
    start, end = ref.lines
    if start < span[0] or end > span[1]:
        return [Problem(file, path, f"lines {start}-{end} lie outside chapter {ref.chapter} (lines {span[0]}-{span[1]})")]
    return []


def _walk(node: Any, path: str) -> Iterator[tuple[str, str, Any]]:
    """Yield (path, field name, value) for every field below a model, lists included."""
    if not isinstance(node, Model):
        return
    for name in node.__struct_fields__:
        value = getattr(node, name)
        here = f"{path}.{name}"
        yield here, name, value
        if isinstance(value, Model):
            yield from _walk(value, here)
        elif isinstance(value, list):
            for position, element in enumerate(value):
                label = getattr(element, "id", position)
                yield from _walk(element, f"{here}[{label}]")
