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
            parts.append(output.get("text", "") if isinstance(output.get("text"), str) else "".join(output.get("text", [])))
    return "\n".join(parts)


def test_every_notebook_has_a_parameters_cell_and_no_outputs():
    assert NOTEBOOKS, "no notebooks found"
    for path in NOTEBOOKS:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        tags = [cell.get("metadata", {}).get("tags", []) for cell in notebook["cells"]]
        assert any("parameters" in t for t in tags), f"{path.name}: no cell tagged 'parameters'"
        for cell in notebook["cells"]:
            assert not cell.get("outputs") and not cell.get("execution_count"), f"{path.name}: committed with outputs"


@pytest.mark.parametrize("lang, expected", [("sv", "Välkommen till STROM"), ("en", "Welcome to STROM")])
def test_start_notebook_runs_under_papermill(tmp_path, lang, expected):
    import papermill

    source = next(p for p in NOTEBOOKS if p.name == "00_start.ipynb")
    target = tmp_path / f"00_start.{lang}.ipynb"
    papermill.execute_notebook(str(source), str(target), parameters={"lang": lang}, kernel_name="python3", progress_bar=False)
    text = outputs_text(json.loads(target.read_text(encoding="utf-8")))
    assert expected in text


def test_a_bad_language_parameter_fails_with_a_clear_message(tmp_path):
    import papermill
    from papermill.exceptions import PapermillExecutionError

    source = next(p for p in NOTEBOOKS if p.name == "00_start.ipynb")
    with pytest.raises(PapermillExecutionError) as caught:
        papermill.execute_notebook(str(source), str(tmp_path / "out.ipynb"), parameters={"lang": "de"},
                                   kernel_name="python3", progress_bar=False)
    assert "unsupported language 'de'" in str(caught.value)
