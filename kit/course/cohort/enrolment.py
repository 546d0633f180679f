"""Adding learners to a running course: the roster grows, and every assignment already released
gets the newcomers' variants, all checked before anything is written."""

from __future__ import annotations

import json

from kit.course.cohort.assignments import load_assignments
from kit.course.cohort.folder import Cohort
from kit.course.cohort.learner_variants import learner_variant, public_variant
from kit.course.cohort.roster import add_learners, check_new_learners, read_roster


def enrol(cohort: Cohort, new: dict[str, dict[str, str]]) -> tuple[list[str], list[str]]:
    """Add `new` learners (student_id -> roster row) to `cohort`; returns (their ids, the released
    assignments whose variants were written for them). RosterError leaves the cohort as it was."""
    roster_path = cohort.path("roster.csv")
    known = read_roster(roster_path) if roster_path.exists() else {}
    check_new_learners(new, known)  # refuse before anything is written
    released = sorted(p.parent.name for p in cohort.path("outbound").glob("*/variants") if p.is_dir()
                      and p.parent.name in load_assignments())
    variants = {}
    if released:
        secret, material = cohort.secret(), cohort.material()
        for assignment_id in released:
            assignment = load_assignments()[assignment_id]
            for student in new:
                variants[(assignment_id, student)] = public_variant(learner_variant(assignment, student, secret, material))
    added = add_learners(roster_path, new)
    for (assignment_id, student), variant in variants.items():
        target = cohort.path("outbound", assignment_id, "variants", f"{student}.json")
        target.write_text(json.dumps(variant, ensure_ascii=False), encoding="utf-8")
    return added, released
