"""The cohort report for evaluators: an offline HTML page, a notebook that re-runs it, and a CSV.

`write_report(cohort, out_dir, lang)` writes
- `report.html`: self-contained (inline CSS, figures as base64 PNG with alt text, no external
  address), in Swedish or English;
- `report.ipynb`: parameters (`cohort`, `lang`, `course_id`) and cells calling the same functions;
- `report.csv`: per-learner points per assignment and total, under pseudonymous ids only (the
  pseudonymous export: failed gradings blank, provisional totals marked).

A cohort with nothing graded yet is refused (NothingGradedError) before anything is written.
"""

from __future__ import annotations

import datetime
import html
from pathlib import Path

from kit.content import load
from kit.content.vocabulary import LANGS
from kit.course.cohort.roster import read_roster
from kit.course.report.cohort_analysis import CohortAnalysis, analyse_cohort
from kit.course.report.exports import export_grades
from kit.course.report.grades import NothingGradedError
from kit.course.report.notebook import report_notebook
from kit.course.report.sections import SECTIONS, render_section, render_summary

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1d; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #c8c8c8; }
table { border-collapse: collapse; margin: 0.75rem 0; }
th, td { border: 1px solid #c8c8c8; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0.75rem 0; } img { max-width: 100%; height: auto; }
.notice { background: #fff4d6; border-left: 4px solid #b58100; padding: 0.4rem 0.7rem; }
"""


def write_report(cohort: Path, out_dir: Path, lang: str = "sv", course_id: str = "strom") -> dict[str, Path]:
    """Write report.html, report.ipynb and report.csv for `cohort` into `out_dir`; returns them by kind."""
    import nbformat

    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}: use one of {', '.join(LANGS)}")
    cohort, out_dir = Path(cohort), Path(out_dir)
    hint = f"nothing graded yet in {cohort}: release, collect and autograde an assignment first (strom-kit course autograde ASSIGNMENT)"
    if not (cohort / "gradebook.db").is_file():
        raise NothingGradedError(hint)
    analysis = analyse_cohort(cohort, course_id)
    if analysis.grades.empty and not analysis.failures:
        raise NothingGradedError(hint)
    learners = {student for _, student in analysis.failures}
    if (cohort / "roster.csv").exists():
        learners |= set(read_roster(cohort / "roster.csv"))
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"html": out_dir / "report.html", "ipynb": out_dir / "report.ipynb", "csv": out_dir / "report.csv"}
    paths["html"].write_text(report_html(analysis, lang), encoding="utf-8")
    nbformat.write(report_notebook(cohort, lang, course_id), paths["ipynb"])
    export_grades(analysis.totals, None, "csv", paths["csv"], learners=learners)
    return paths


def report_html(analysis: CohortAnalysis, lang: str, date: str | None = None) -> str:
    """The whole report as one HTML page in `lang`."""
    date = date or datetime.date.today().isoformat()
    title = load().ui("course_report.title", lang, cohort=analysis.cohort.name)
    body = "\n".join([render_summary(analysis, lang, date)] + [f"<section>\n{render_section(name, analysis, lang)}\n</section>" for name in SECTIONS])
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
