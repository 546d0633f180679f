"""Loading cases: one YAML file per case, validated against the schema and the Palermo model."""

from __future__ import annotations

import functools
from pathlib import Path

from kit.cases.consistency import check_case
from kit.cases.schema import Case
from kit.content.loader import DATA_DIR, problem_from_validation, read_yaml_mapping
from kit.content.problems import ContentError, Problem
from kit.content.snapshot import snapshotted

BANK_DIR = Path(__file__).with_name("bank")


class CaseError(ContentError):
    """Raised when one or more cases do not load; `problems` lists every fault found."""


def load_case(path: str | Path) -> Case:
    """One validated case from `path`. Raises CaseError naming file and field."""
    path = Path(path)
    case, problems = read_case(path)
    if problems or case is None:  # a case comes back only without problems
        raise CaseError(problems)
    return case


@functools.lru_cache(maxsize=4)
def load_bank(bank_dir: str | Path | None = None) -> dict[str, Case]:
    """Every case of the bank by id (cached). Raises CaseError listing the problems of all files."""
    if bank_dir is None:  # the kit's own bank is snapshotted; a cohort's material never leaves its folder
        return snapshotted("case-bank", (BANK_DIR, DATA_DIR), lambda: read_bank(BANK_DIR))
    return read_bank(Path(bank_dir))


def read_bank(folder: Path) -> dict[str, Case]:
    """Read and validate every case file in `folder`. Raises CaseError listing every problem."""
    cases: dict[str, Case] = {}
    problems: list[Problem] = []
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise CaseError([Problem(str(folder), "-", "no case files (*.yaml) found")])
    for path in files:
        case, found = read_case(path)
        problems += found
        if case is not None:
            if case.id in cases:
                problems.append(Problem(path.name, "id", f"duplicate case id {case.id!r}"))
            cases[case.id] = case
    if problems:
        raise CaseError(problems)
    return cases


def read_case(path: Path) -> tuple[Case | None, list[Problem]]:
    """The case in `path` and every problem found (the case is None when it has problems)."""
    import msgspec

    name = path.name
    raw, problem = read_yaml_mapping(path, "one mapping (id, title, narrative, truth, ...)")
    if problem is not None:
        return None, [problem]
    try:
        case = msgspec.convert(raw, Case)
    except msgspec.ValidationError as exc:
        return None, [problem_from_validation(name, "", exc, raw)]
    problems = check_case(case, name)
    if path.suffix == ".yaml" and path.stem != case.id and path.parent.name == "bank":
        problems.append(Problem(name, "id", f"the file of case {case.id!r} must be named {case.id}.yaml"))
    return (case if not problems else None), problems
