"""The cohort report as a notebook a trainer can open and re-run: parameters, then one cell per section.

The cells call the same functions as the HTML report (`analyse_cohort`, `render_section`), so the
two cannot drift apart. The notebook is written without outputs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kit.content import load
from kit.course.report.sections import SECTIONS


def report_notebook(cohort: Path, lang: str, course_id: str = "strom") -> Any:
    """An nbformat v4 notebook: a `parameters` cell (cohort, lang, course_id), set-up, summary, sections."""
    import nbformat.v4 as nbf

    parameters = nbf.new_code_cell(
        f"cohort = {str(Path(cohort).resolve())!r}\nlang = {lang!r}\ncourse_id = {course_id!r}",
        metadata={"tags": ["parameters"]},
    )
    setup = nbf.new_code_cell(
        "import datetime\n"
        "from IPython.display import HTML, display\n"
        "from kit.course.report.cohort_analysis import analyse_cohort\n"
        "from kit.course.report.sections import render_section, render_summary\n\n"
        "analysis = analyse_cohort(cohort, course_id)\n"
        "display(HTML(render_summary(analysis, lang, datetime.date.today().isoformat())))"
    )
    sections = [nbf.new_code_cell(f"display(HTML(render_section({name!r}, analysis, lang)))") for name in SECTIONS]
    notebook = nbf.new_notebook(cells=[parameters, setup, *sections])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    notebook.metadata["title"] = load().ui("course_report.title", lang, cohort=Path(cohort).name)
    return notebook
