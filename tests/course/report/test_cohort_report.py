"""The cohort report: item analysis by hand, record summaries, and the HTML, notebook and CSV it writes."""

from __future__ import annotations

import json
import math
from html.parser import HTMLParser

import pandas as pd
import pytest

from kit.course.report.cohort_analysis import analyse_cohort
from kit.course.report.cohort_report import write_report
from kit.course.report.item_analysis import corrected_item_total, item_statistics, score_distribution
from kit.course.report.record_summaries import (
    misconception_counts,
    missed_indicator_counts,
    read_records,
    time_per_assignment,
)
from kit.course.report.sections import number, percent

from .scratch_cohort import CH2, CH4, build_cohort


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    return build_cohort(tmp_path_factory.mktemp("cohort"))


@pytest.fixture(scope="module")
def reports(cohort, tmp_path_factory):
    return {lang: write_report(cohort, tmp_path_factory.mktemp(f"report_{lang}"), lang) for lang in ("sv", "en")}


def tiny_grades(table: dict[str, list[float]], max_scores: dict[str, float]) -> pd.DataFrame:
    rows = [
        {"student": f"p{n}", "assignment": "a1", "notebook": "nb", "grade_id": item, "score": score, "max_score": max_scores[item]}
        for item, scores in table.items() for n, score in enumerate(scores)
    ]
    return pd.DataFrame(rows)


def test_difficulty_and_corrected_item_total_correlation_by_hand():
    # a = [1,1,0,0], b = [1,0,1,0], c = [2,2,1,0]. Rest of a = b + c = [3,2,2,0]:
    # deviations a ±0.5, rest [1.25, 0.25, 0.25, -1.75]; r = 1.5 / sqrt(1 * 4.75).
    # Rest of b = a + c = [3,3,1,0]: r = 0.5 / sqrt(1 * 6.75). Rest of c = a + b = [2,1,1,0]: r = 2 / sqrt(2.75 * 2).
    grades = tiny_grades({"a": [1, 1, 0, 0], "b": [1, 0, 1, 0], "c": [2, 2, 1, 0]}, {"a": 1, "b": 1, "c": 2})
    items = item_statistics(grades).set_index("grade_id")
    assert list(items["difficulty"]) == pytest.approx([0.5, 0.5, 0.625])
    assert list(items["discrimination"]) == pytest.approx([1.5 / math.sqrt(4.75), 0.5 / math.sqrt(6.75), 2 / math.sqrt(5.5)])
    assert list(items["n"]) == [4, 4, 4]


def test_discrimination_is_undefined_with_too_few_learners_or_no_spread():
    two = tiny_grades({"a": [1, 0], "b": [1, 0]}, {"a": 1, "b": 1})
    assert corrected_item_total(two.pivot(index="student", columns="grade_id", values="score")).isna().all()
    flat = tiny_grades({"a": [1, 1, 1, 1], "b": [1, 0, 1, 0], "c": [0, 1, 1, 0]}, {"a": 1, "b": 1, "c": 1})
    r = item_statistics(flat).set_index("grade_id")["discrimination"]
    assert math.isnan(r["a"])  # the item does not vary
    assert r["b"] == pytest.approx(0.0)  # b against a + c = [1, 2, 2, 1]: no linear relation


def test_item_statistics_and_quartiles_of_the_scratch_cohort(cohort):
    analysis = analyse_cohort(cohort)
    items = analysis.items.set_index(["assignment", "grade_id"])
    assert items.loc[(CH2, "palermo"), "difficulty"] == pytest.approx(26 / 48)  # 4+4+3+3+4(raised)+2+2+2+1+1+0+0
    assert items.loc[(CH2, "palermo"), "n"] == 12 and items.loc[(CH4, "indicators"), "n"] == 11
    assert math.isnan(items.loc[(CH4, "indicators"), "discrimination"])  # the only other part (referrals) is flat
    assert items.loc[(CH2, "reflection"), "discrimination"] > 0.9
    distribution = score_distribution(analysis.totals).set_index("assignment")
    # ch2 totals: 0 0 1 3 3 4 5 6 7 7 9 9 -> median 4.5, quartiles 2.5 and 7
    assert tuple(distribution.loc[CH2, ["n", "max_score", "median", "q1", "q3"]]) == (12, 9.0, 4.5, 2.5, 7.0)
    assert analysis.learners == 12 and analysis.pending_manual == 1


def test_records_counted_by_learner(cohort):
    records = read_records(cohort)
    assert len(records) == 23
    missed = missed_indicator_counts(records)
    assert missed.iloc[0]["id"] == "identity_documents_withheld_sexual"
    assert list(missed["students"]) == [8, 5, 2]  # s01-s03 missed it twice, counted once
    assert missed.iloc[0]["share"] == pytest.approx(8 / 12)
    misconceptions = misconception_counts(records)
    assert list(zip(misconceptions["id"], misconceptions["students"])) == [("consent_makes_it_not_trafficking", 4), ("means_needed_for_minor", 2)]
    times = time_per_assignment(records).set_index("assignment")
    # ch2 known times (s): 600 600 1200 1200 1800 1800 2400 2400 3000 3000 3600 (s12 unknown)
    assert tuple(times.loc[CH2]) == (12, 11, 1800.0, 1200.0, 2700.0)
    assert tuple(times.loc[CH4]) == (11, 11, 900.0, 900.0, 900.0)


def test_an_unreadable_record_names_its_file(tmp_path):
    (tmp_path / "records" / "a1").mkdir(parents=True)
    (tmp_path / "records" / "a1" / "s01.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"s01.json: unreadable grading record"):
        read_records(tmp_path)


class PageParts(HTMLParser):
    """The images, table headers and text of a page."""

    def __init__(self):
        super().__init__()
        self.images, self.headers, self.text, self._in_th = [], [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))
        self._in_th = tag == "th" or self._in_th

    def handle_endtag(self, tag):
        if tag == "th":
            self._in_th = False

    def handle_data(self, data):
        (self.headers if self._in_th else self.text).append(data)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_html_report_is_offline_accessible_and_in_one_language(reports, kb, lang):
    page = reports[lang]["html"].read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page and "//cdn" not in page
    assert f'<html lang="{lang}">' in page and "<style>" in page
    parts = PageParts()
    parts.feed(page)
    assert len(parts.images) == 2  # one histogram per assignment
    for image in parts.images:
        assert image["src"].startswith("data:image/png;base64,") and image["alt"].strip()
    assert kb.ui("course_report.histogram_alt", lang, assignment=CH2, n=12, median=number(4.5, lang, trim=True),
                 max_score="9", q1=number(2.5, lang, trim=True), q3="7") in [i["alt"] for i in parts.images]
    for key in ("col_assignment", "col_difficulty", "col_discrimination", "col_indicator", "col_misconception", "col_median_minutes"):
        assert kb.ui(f"course_report.{key}", lang) in parts.headers
    text = "\n".join(parts.text)
    for key in ("scores_heading", "items_heading", "missed_heading", "misconceptions_heading", "time_heading"):
        assert kb.ui(f"course_report.{key}", lang) in text
    top = kb.get("indicators", "identity_documents_withheld_sexual").question.get(lang)
    assert f"{top} (identity_documents_withheld_sexual)" in text
    assert kb.get("misconceptions", "consent_makes_it_not_trafficking").label.get(lang) in page
    assert percent(8 / 12, lang) in text and "–" in text
    assert number(26 / 48, lang) in text  # palermo's difficulty, 0.54 / 0,54
    assert "s01" not in text  # learners are not listed by name or id in the HTML


def test_the_csv_report_is_the_pseudonymous_export(reports):
    lines = reports["sv"]["csv"].read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"student,{CH2},{CH4},total,provisional" and lines[1] == "s01,9,5,14,"
    assert lines[-1] == f"s12,0,,0,{CH2}"


def test_the_notebook_has_parameters_and_no_outputs(reports, cohort):
    notebook = json.loads(reports["en"]["ipynb"].read_text(encoding="utf-8"))
    first = notebook["cells"][0]
    assert first["metadata"]["tags"] == ["parameters"]
    assert f"cohort = {str(cohort.resolve())!r}" in "".join(first["source"]) and "lang = 'en'" in "".join(first["source"])
    assert all(not cell.get("outputs") and cell.get("execution_count") is None for cell in notebook["cells"] if cell["cell_type"] == "code")


@pytest.mark.slow
def test_the_notebook_runs_with_nbclient_and_shows_the_same_tables(reports, kb, tmp_path):
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(reports["sv"]["ipynb"], as_version=4)
    NotebookClient(notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = "\n".join(
        output.get("data", {}).get("text/html", "") for cell in notebook.cells for output in cell.get("outputs", [])
    )
    assert not [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    for key in ("scores_heading", "items_heading", "missed_heading", "misconceptions_heading", "time_heading"):
        assert kb.ui(f"course_report.{key}", "sv") in shown
    assert shown.count("data:image/png;base64,") == 2
    html_page = reports["sv"]["html"].read_text(encoding="utf-8")
    items_table = html_page.split(kb.ui("course_report.items_heading", "sv"))[1].split("</table>")[0]
    assert items_table in shown


@pytest.fixture(scope="module")
def failed_cohort(tmp_path_factory):
    """The scratch cohort, with s03's and s07's ch2 gradings failed (the gradebook keeps their old scores)."""
    cohort = build_cohort(tmp_path_factory.mktemp("failed"))
    (cohort / "records" / CH2 / "_failures.json").write_text(json.dumps(
        {"s03": ["timeout: grading took over 300 s (outer limit); the kernel was killed"],
         "s07": ["kernel died: the submission hit the memory or process limit, or crashed the kernel"]}), encoding="utf-8")
    return cohort


def test_the_report_lists_failed_gradings_with_reasons_and_who_awaits_manual_grading(failed_cohort, kb, tmp_path):
    analysis = analyse_cohort(failed_cohort)
    assert set(analysis.totals.loc[analysis.totals["assignment"] == CH2, "student"]) == {f"s{n:02d}" for n in range(1, 13)} - {"s03", "s07"}
    times = time_per_assignment(read_records(failed_cohort)).set_index("assignment")
    assert times.loc[CH2, "learners"] == 12  # learners, not learners plus the failures file
    assert analysis.times.set_index("assignment").loc[CH2, "learners"] == 10  # the failed ones left out
    for lang in ("sv", "en"):
        page = write_report(failed_cohort, tmp_path / lang, lang)["html"].read_text(encoding="utf-8")
        failures = page.split(kb.ui("course_report.failures_heading", lang))[1].split("</table>")[0]
        assert "s03" in failures and "timeout: grading took over 300 s" in failures and "s07" in failures
        assert "s01" not in failures
        manual = page.split(kb.ui("course_report.manual_heading", lang))[1].split("</table>")[0]
        assert "s12" in manual and "reflection" in manual and "s01" not in manual
        csv_lines = (tmp_path / lang / "report.csv").read_text(encoding="utf-8").splitlines()
        assert "s03,,4,4," in csv_lines  # the failed ch2 grading blank, the learner still there


def test_sections_say_when_there_is_nothing_to_list(cohort, kb):
    from kit.course.report.sections import render_section

    analysis = analyse_cohort(cohort)
    for lang in ("sv", "en"):
        assert kb.ui("course_report.failures_none", lang) in render_section("failures", analysis, lang)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_histograms_have_titles_in_the_report_language(lang):
    from kit.course.report.figures import points_histogram

    figure = points_histogram([1, 2, 2, 3], 4, "x", "y", f"title in {lang}")
    assert figure.axes[0].get_title(loc="left") == f"title in {lang}"


def test_the_report_is_in_the_language_asked_for(reports, kb):
    keys = [key for key in kb.ui_strings if key.startswith("course_report.") and "{" not in kb.ui(key, "sv")]
    for lang, other in (("sv", "en"), ("en", "sv")):
        page = reports[lang]["html"].read_text(encoding="utf-8")
        foreign = [kb.ui(key, other) for key in keys if kb.ui(key, other) != kb.ui(key, lang) and kb.ui(key, other) in page
                   and len(kb.ui(key, other)) > 8]
        assert not foreign, (lang, foreign)


def test_a_fresh_cohort_has_no_report_and_nothing_is_written(tmp_path):
    from kit.course.report.grades import NothingGradedError

    with pytest.raises(NothingGradedError, match="nothing graded yet"):
        write_report(tmp_path, tmp_path / "report", "sv")
    assert not (tmp_path / "report").exists()


def test_an_unknown_language_is_refused(cohort, tmp_path):
    with pytest.raises(ValueError, match="use one of sv, en"):
        write_report(cohort, tmp_path, "de")
