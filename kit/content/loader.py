"""Load the knowledge base from YAML: validate every item, report `file:field: message`."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.content.knowledge_base import KnowledgeBase
from kit.content.problems import ContentError, Problem
from kit.content.snapshot import snapshotted

if TYPE_CHECKING:
    from kit.content.models import Item, Text

DATA_DIR = Path(__file__).with_name("data")
UI_FILE = "ui.yaml"  # plus ui_<domain>.yaml files, merged: a key may be defined only once
_UI_KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
_LANG_NAMES = {"sv": "Swedish", "en": "English"}


@functools.lru_cache(maxsize=4)
def load(data_dir: str | Path | None = None):
    """The knowledge base (cached per folder, and across processes as a snapshot of the validated
    content). Raises ContentError listing every problem."""
    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    return snapshotted("knowledge-base", (folder,), lambda: load_uncached(folder))


def load_uncached(data_dir: Path):
    """Read, validate and cross-check every YAML file in `data_dir`."""
    # The models (and the integrity checks and kinds built on them) import msgspec: deferred to the first
    # validation so that `import kit.content`, and a load served from the snapshot, stay cheap.
    from kit.content.integrity import check_integrity
    from kit.content.kinds import KINDS

    problems: list[Problem] = []
    raw_kinds: dict[str, tuple[str, list[Any]]] = {}
    ui_raw: dict[str, tuple[str, Any]] = {}
    files = sorted(data_dir.glob("*.yaml"))
    if not files:
        raise ContentError([Problem(str(data_dir), "-", "no content files (*.yaml) found")])
    for path in files:
        document = _read_yaml(path, problems)
        if document is None:
            continue
        if path.name == UI_FILE or path.name.startswith("ui_"):
            for key, value in document.items():
                if key in ui_raw:
                    problems.append(Problem(path.name, str(key), f"UI string already defined in {ui_raw[key][0]}"))
                else:
                    ui_raw[key] = (path.name, value)
            continue
        for kind, items in document.items():
            if kind not in KINDS:
                problems.append(Problem(path.name, str(kind), f"unknown content kind (known: {', '.join(KINDS)})"))
            elif kind in raw_kinds:
                problems.append(Problem(path.name, kind, f"kind already defined in {raw_kinds[kind][0]}"))
            elif not isinstance(items, list):
                problems.append(Problem(path.name, kind, "must be a list of items"))
            else:
                raw_kinds[kind] = (path.name, items)
    for kind in KINDS:
        if kind not in raw_kinds:
            problems.append(Problem(str(data_dir.name), kind, "content kind missing from every file"))

    kinds: dict[str, tuple[Any, ...]] = {}
    for kind in KINDS:  # registry order, whatever the file order
        if kind in raw_kinds:
            file_name, items = raw_kinds[kind]
            kinds[kind] = tuple(_validate_items(KINDS[kind], kind, file_name, items, problems))
    ui_strings = _validate_ui(ui_raw, problems)
    declared_ids = {
        kind: {raw["id"] for raw in items if isinstance(raw, dict) and isinstance(raw.get("id"), str)}
        for kind, (_, items) in raw_kinds.items()
    }
    problems.extend(check_integrity(kinds, {kind: raw_kinds[kind][0] for kind in kinds}, declared_ids))
    if problems:
        raise ContentError(problems)
    return KnowledgeBase(kinds=kinds, ui_strings=ui_strings)


def read_yaml_mapping(path: Path, expected: str) -> tuple[dict[str, Any], Problem | None]:
    """The YAML mapping in `path` and no problem, or an empty mapping and a problem naming the line
    at fault; `expected` says what the top level should be when it is not a mapping."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except FileNotFoundError:
        return {}, Problem(str(path), "-", "file not found")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "-"
        return {}, Problem(path.name, where, f"malformed YAML: {exc.problem}")
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return {}, Problem(path.name, "-", f"unreadable: {exc}")
    if not isinstance(document, dict):
        return {}, Problem(path.name, "-", f"the top level must be {expected}")
    return document, None


def _read_yaml(path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    document, problem = read_yaml_mapping(path, "a mapping of kind: [items]")
    if problem is not None:
        problems.append(problem)
        return None
    return document


def _validate_items(
    model: type[Item], kind: str, file_name: str, items: list[Any], problems: list[Problem]
) -> list[Item]:
    import msgspec

    valid: list[Item] = []
    for position, raw in enumerate(items):
        label = raw.get("id", position) if isinstance(raw, dict) else position
        try:
            valid.append(msgspec.convert(raw, model))
        except msgspec.ValidationError as exc:
            problems.append(problem_from_validation(file_name, f"{kind}[{label}]", exc, raw))
    return valid


def _validate_ui(raw: dict[str, tuple[str, Any]], problems: list[Problem]) -> dict[str, Text]:
    import msgspec

    from kit.content.models import Text  # deferred with msgspec (see load_uncached)

    strings: dict[str, Text] = {}
    if not raw:
        problems.append(Problem(UI_FILE, "-", "the UI string catalogue is missing or empty"))
    for key, (file_name, value) in raw.items():
        if not isinstance(key, str) or not _UI_KEY.match(key):
            problems.append(Problem(file_name, str(key), "UI keys are dotted lowercase slugs"))
            continue
        try:
            strings[key] = msgspec.convert(value, Text)
        except msgspec.ValidationError as exc:
            problems.append(problem_from_validation(file_name, key, exc, value))
    return strings


_ERROR = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.S)
_PATH_PART = re.compile(r"\.(\w+)|\[(\d+)\]")
_MISSING = re.compile(r"^Object missing required field `(\w+)`$")
_UNKNOWN = re.compile(r"^Object contains unknown field `(\w+)`$")


def problem_from_validation(file_name: str, prefix: str, error: Exception, raw: Any) -> Problem:
    """Turn a msgspec error into `file:kind[id].field[sub_id].lang: message`."""
    match = _ERROR.match(str(error))
    assert match is not None  # the pattern matches any text: its path part is optional
    message, path = match.group("message"), match.group("path") or ""
    parts: list[str | int] = [int(i) if i else name for name, i in _PATH_PART.findall(path)]
    for pattern, note in ((_MISSING, None), (_UNKNOWN, "unknown field")):
        found = pattern.match(message)
        if found:
            parts.append(found.group(1))
            message = note or "required field missing"
    last = parts[-1] if parts else None
    if last in _LANG_NAMES and (message == "required field missing" or "matching regex '\\\\S'" in message):
        message = f"missing {_LANG_NAMES[last]} translation"
    elif "matching regex" in message and "a-z0-9_" in message:
        message = "must be a lowercase slug of a-z, 0-9 and _ starting with a letter"
    return Problem(file_name, _field_path(prefix, parts, raw).lstrip(".") or "-", message)


def _field_path(prefix: str, parts: list[str | int], raw: Any) -> str:
    """`kind[id].field[sub_id].lang`, naming list items by their id where they have one."""
    path, node = prefix, raw
    for part in parts:
        if isinstance(part, int):
            element = node[part] if isinstance(node, list) and part < len(node) else None
            element_id = element.get("id") if isinstance(element, dict) else None
            path += f"[{element_id if element_id is not None else part}]"
            node = element
        else:
            path += f".{part}"
            node = node.get(part) if isinstance(node, dict) else None
    return path
