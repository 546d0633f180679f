"""Checking and importing trainers' own cases: validate, find personal data, anonymise, write."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.cases.anonymiser import anonymise
from kit.cases.bank import read_case
from kit.cases.formats import case_to_yaml
from kit.content.problems import Problem

_PLACEHOLDER = re.compile(r"\{[A-Za-z_]+\}")
_MARK = "\u27e6{}\u27e7"  # ⟦n⟧: shields narrative placeholders from the anonymiser
TEXT_FIELDS = ("title", "narrative", "teaching_note", "contested")  # every text a learner reads


@dataclass
class IntakeReport:
    """What happened to each file: problems (refused) and personal data found or removed."""

    problems: list[Problem] = field(default_factory=list)
    personal_data: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.problems and not self.personal_data


def case_files(paths: Iterable[str | Path]) -> list[Path]:
    """The YAML files named, folders expanded to their *.yaml files."""
    files: list[Path] = []
    for path in map(Path, paths):
        files += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    return files


def personal_data_in(case: Any, file: str) -> list[Problem]:
    """Personal data the anonymiser finds in a case's texts, as `file:field: kind` problems."""
    found = []
    for name in TEXT_FIELDS:
        if getattr(case, name) is None:  # an optional text the case does not have
            continue
        for lang in ("sv", "en"):
            _, findings = anonymise(_shield(getattr(case, name).get(lang))[0], lang)
            found += [Problem(file, f"{name}.{lang}", f"personal data: {f.kind} at characters {f.start}-{f.end}") for f in findings]
    return found


def check(paths: Iterable[str | Path]) -> IntakeReport:
    """Validate cases and look for personal data; nothing is written."""
    report = IntakeReport()
    for path in case_files(paths):
        case, problems = read_case(path)
        report.problems += problems
        if case is not None:
            report.personal_data += personal_data_in(case, path.name)
    return report


def import_cases(paths: Iterable[str | Path], into: str | Path, overwrite: bool = False) -> IntakeReport:
    """Validate, anonymise and write each case to `into`; refuse what is invalid, import the rest."""
    import msgspec

    target = Path(into)
    target.mkdir(parents=True, exist_ok=True)
    report = IntakeReport()
    for path in case_files(paths):
        case, problems = read_case(path)
        if case is None:
            report.problems += problems
            continue
        destination = target / f"{case.id}.yaml"
        if destination.exists() and not overwrite:
            report.problems.append(Problem(path.name, "id", f"{destination} exists already (use --overwrite to replace it)"))
            continue
        cleaned = {name: _anonymised_text(getattr(case, name)) for name in TEXT_FIELDS if getattr(case, name) is not None}
        source = msgspec.structs.replace(case.source, kind="imported")
        imported = msgspec.structs.replace(case, source=source, **cleaned)
        _write_atomically(destination, case_to_yaml(imported))
        report.written.append(destination)
    return report


def _anonymised_text(text: Any) -> Any:
    import msgspec

    values = {}
    for lang in ("sv", "en"):
        shielded, placeholders = _shield(text.get(lang))
        clean, _ = anonymise(shielded, lang)
        values[lang] = _unshield(clean, placeholders)
    return msgspec.structs.replace(text, **values)


def _shield(text: str) -> tuple[str, list[str]]:
    placeholders: list[str] = []

    def mark(match: re.Match[str]) -> str:
        placeholders.append(match.group(0))
        return _MARK.format(len(placeholders) - 1)

    return _PLACEHOLDER.sub(mark, text), placeholders


def _unshield(text: str, placeholders: list[str]) -> str:
    for position, placeholder in enumerate(placeholders):
        text = text.replace(_MARK.format(position), placeholder)
    return text


def _write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file and a rename, so a crash never leaves half a case behind."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
