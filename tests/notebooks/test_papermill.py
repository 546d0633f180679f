"""Every notebook runs headless under papermill, in both languages, with its parameters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
pytestmark = pytest.mark.slow


def outputs_text(notebook: dict) -> str:
    """Everything a run displayed: outputs, and the stored state of its widgets."""
    parts = [json.dumps(notebook["metadata"].get("widgets", {}), ensure_ascii=False)]
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            for value in output.get("data", {}).values():
                parts.append(json.dumps(value, ensure_ascii=False))
            text = output.get("text", "")
            parts.append(text if isinstance(text, str) else "".join(text))
    return "\n".join(parts)


def expected_heading(name: str, lang: str) -> str:
    from kit.content import load

    kb = load()
    if name == "00_start":
        return kb.ui("start.title", lang)
    if name == "trainer_dashboard":
        return kb.ui("dashboard.title", lang)
    chapter = int(name[:2])
    return kb.get("chapters", kb.ids("chapters")[chapter]).title.get(lang)


def test_every_notebook_has_a_parameters_cell_and_no_outputs():
    assert len(NOTEBOOKS) == 8, [p.name for p in NOTEBOOKS]
    for path in NOTEBOOKS:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        tagged = [cell for cell in notebook["cells"] if "parameters" in cell.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, f"{path.name}: one cell tagged 'parameters'"
        for name in ("lang", "profile", "seed", "case_set", "db_url"):
            assert f"{name} = None" in "".join(tagged[0]["source"]), f"{path.name}: parameter {name}"
        for cell in notebook["cells"]:
            assert not cell.get("outputs") and not cell.get("execution_count"), f"{path.name}: committed with outputs"


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_under_papermill(tmp_path, path, lang):
    import html

    import papermill

    target = tmp_path / f"{path.stem}.{lang}.ipynb"
    parameters = {"lang": lang, "db_url": f"sqlite:///{tmp_path / 'answers.sqlite'}"}
    papermill.execute_notebook(str(path), str(target), parameters=parameters, kernel_name="python3", progress_bar=False)
    text = html.unescape(outputs_text(json.loads(target.read_text(encoding="utf-8"))))
    assert expected_heading(path.stem, lang) in text


def test_a_bad_language_parameter_fails_with_a_clear_message(tmp_path):
    import papermill
    from papermill.exceptions import PapermillExecutionError

    source = next(p for p in NOTEBOOKS if p.name == "00_start.ipynb")
    with pytest.raises(PapermillExecutionError) as caught:
        papermill.execute_notebook(str(source), str(tmp_path / "out.ipynb"), parameters={"lang": "de"},
                                   kernel_name="python3", progress_bar=False)
    assert "unsupported language 'de'" in str(caught.value)
