"""The simulated learners of the course tests: they live in bench/learners.py, shared with the
autograde bench (which must not import the tests)."""

from bench.learners import (  # noqa: F401  (re-exported for the course tests)
    HOSTILE,
    MATERIAL,
    QUALITIES,
    SEARCH_MARK,
    answer_of,
    honest_notebook,
    hostile,
    make_cohort,
    material_needles,
    release_notebook,
    search_findings,
    searching_for_the_key,
    strom_kit,
    submit,
    variant_of,
)
