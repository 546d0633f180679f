"""Each learner's variant of an assignment, derived from the course secret; and its public half.

`learner_variant` (grader side) returns the whole variant: the graded case with its truth, the
situations with their principles, the country regime, the municipality's profile and seed.
`public_variant` keeps only what the learner reads (narratives, situation texts, the country,
the municipality's tables), which is all that ever leaves the grader.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import kit.mapping
from kit.cases.narrative import render
from kit.cases.variants import variant
from kit.course.cohort.assignments import Assignment
from kit.course.cohort.material import Material
from kit.course.cohort.secret import derive
from kit.mapping.municipality import Municipality

REGIMES = ("SE", "NO", "PL", "LV", "FI")
PROFILES = ("inland_town", "transit_town")  # small enough to hand every learner their own tables
SITUATIONS_PER_LEARNER = 4
CASE_KINDS = frozenset({"palermo", "indicators", "referrals", "nrm_plan"})
TOWN_KINDS = frozenset({"mapping_plan", "prevention_plan"})


@dataclass(frozen=True)
class LearnerVariant:
    """What one learner works on in one assignment, truth included (never shown to the learner)."""

    assignment: str
    student: str
    case: Any = None                      # a Case variant with its truth
    situations: tuple[tuple[str, Any], ...] = ()  # (key the learner sees, Situation)
    regime: str | None = None
    profile: str | None = None
    seed: int | None = None

    def municipality(self) -> Municipality:
        """The learner's municipality, regenerated from the secret seed (cached per process)."""
        if self.profile is None or self.seed is None:
            raise ValueError(f"the variant of {self.assignment} for {self.student} has no municipality")
        return _municipality(self.profile, self.seed)


def learner_variant(assignment: Assignment, student: str, secret: bytes, material: Material) -> LearnerVariant:
    """The variant of `assignment` for `student`; the same inputs always give the same variant."""
    kinds = {part.kind for part in assignment.parts}
    rng = random.Random(derive(secret, assignment.id, student, "choice"))
    fields: dict[str, Any] = {}
    if kinds & CASE_KINDS:
        pool = material.trafficking_cases() if "nrm_plan" in kinds else list(material.cases.values())
        pool = sorted(pool, key=lambda case: case.id)
        case = rng.choice(pool)
        fields["case"] = variant(case, derive(secret, assignment.id, student, "surface"))
    if "nrm_plan" in kinds:
        fields["regime"] = rng.choice(REGIMES)
    if "principles" in kinds:
        chosen = rng.sample(list(material.situations), SITUATIONS_PER_LEARNER)
        fields["situations"] = tuple((f"s{n}", situation) for n, situation in enumerate(chosen, 1))
    if kinds & TOWN_KINDS:
        fields["profile"] = rng.choice(PROFILES)
        fields["seed"] = derive(secret, assignment.id, student, "municipality")
    return LearnerVariant(assignment.id, student, **fields)


def public_variant(variant: LearnerVariant) -> dict[str, object]:
    """What the learner may read, as JSON-ready data: no ids of graded material, no truth, no seed."""
    public: dict[str, object] = {"assignment": variant.assignment, "student": variant.student}
    if variant.case is not None:
        texts = {lang: render(variant.case, lang) for lang in ("sv", "en")}
        public["case"] = {"title": {lang: texts[lang][0] for lang in texts},
                          "narrative": {lang: texts[lang][1] for lang in texts}}
    if variant.regime is not None:
        public["regime"] = variant.regime
    if variant.situations:
        public["situations"] = [{"key": key, "text": {"sv": s.text.sv, "en": s.text.en}}
                                for key, s in variant.situations]
    if variant.profile is not None:
        m = variant.municipality()
        budget = m.budget
        public["municipality"] = {
            "name": {lang: m.name(lang) for lang in ("sv", "en")},
            "budget": {"staff_hours": budget.staff_hours, "money": budget.money, "currency": budget.currency},
            "tables": {name: frame.to_dict(orient="split", index=False) for name, frame in m.tables().items()},
        }
    return public


_TOWNS: dict[tuple[str, int], Municipality] = {}


def _municipality(profile: str, seed: int) -> Municipality:
    key = (profile, seed)
    if key not in _TOWNS:
        _TOWNS.clear()  # one town at a time: a grader works through learners one by one
        _TOWNS[key] = kit.mapping.generate(profile, seed)  # the generator imports pandas on first use
    return _TOWNS[key]
