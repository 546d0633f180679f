"""Simulated learners for the course bench and tests: a scratch cohort, honest submissions of a
chosen quality, and hostile submissions named by scenario.

Shared by bench/autograde.py and tests/course/ (which import it from here: the bench does not
import the tests). `searching_for_the_key` is the attack of issue 15: learner code that greps the
whole visible file system for the graded material and, when it finds a case file whose title is
its own case's, hands in that case's truth (or, for a chapter 5 plan, the kit's `model_plan` of it).
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
MATERIAL = REPO / "tests" / "course" / "material"  # the test material, passed to `course init --material`
BIN = Path(sys.executable).parent
QUALITIES = ("perfect", "partial", "empty")


def strom_kit(*args: str, check: bool = True, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real CLI, with the venv's bin/ first on PATH (nbgrader shells out to alembic)."""
    environ = {**os.environ, "PATH": f"{BIN}:{os.environ.get('PATH', '')}", **(env or {})}
    result = subprocess.run([str(BIN / "strom-kit"), *args], capture_output=True, text=True, cwd=cwd, env=environ)
    if check and result.returncode != 0:
        raise AssertionError(f"strom-kit {' '.join(args)} -> {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def make_cohort(root: Path, students: list[str], *, limits: dict | None = None, sandbox: bool = True) -> Path:
    """A cohort with the test material and `students` in its roster; limits override course.yaml."""
    import yaml

    roster = root.parent / f"{root.name}-roster.csv"
    roster.parent.mkdir(parents=True, exist_ok=True)
    roster.write_text("student_id,lms_id,email\n" + "".join(f"{s},{1000 + i},{s}@example.org\n" for i, s in enumerate(students)),
                      encoding="utf-8")
    strom_kit("course", "init", str(root), "--material", str(MATERIAL), "--roster", str(roster),
              *([] if sandbox else ["--no-sandbox"]))
    if limits:
        settings = yaml.safe_load((root / "course.yaml").read_text(encoding="utf-8"))
        settings["limits"].update(limits)
        (root / "course.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return root


def variant_of(cohort_root: Path, assignment_id: str, student: str) -> Any:
    from kit.course.cohort import Cohort, get_assignment, learner_variant

    cohort = Cohort.open(cohort_root)
    return learner_variant(get_assignment(assignment_id), student, cohort.secret(), cohort.material())


def answer_of(part: Any, variant: Any, quality: str) -> Any:
    """An answer of `quality`: the key, half of every list in it, or the empty template."""
    from kit.course.grading import empty_answer, reference_answer

    if quality == "empty":
        return empty_answer(part)
    answer = reference_answer(part, variant)
    if quality == "perfect":
        return answer
    return _halved(answer)


def _halved(value: Any) -> Any:
    if isinstance(value, list):
        return [_halved(item) for item in value[: max(0, len(value) // 2)]]
    if isinstance(value, dict):
        return {key: _halved(item) for key, item in value.items()}
    return value


def release_notebook(cohort_root: Path, assignment_id: str) -> dict:
    return json.loads((cohort_root / "outbound" / assignment_id / f"{assignment_id}.ipynb").read_text(encoding="utf-8"))


def honest_notebook(cohort_root: Path, assignment_id: str, student: str, quality: str, lang: str = "sv") -> dict:
    """The release notebook as the learner hands it in: parameters set, answers written, free text
    written, and the hand-in outputs of their own run (with timestamps) left in place."""
    from kit.course.cohort import get_assignment

    assignment = get_assignment(assignment_id)
    variant = variant_of(cohort_root, assignment_id, student)
    notebook = release_notebook(cohort_root, assignment_id)
    for cell in notebook["cells"]:
        grade_id = (cell["metadata"].get("nbgrader") or {}).get("grade_id", "")
        if "parameters" in cell["metadata"].get("tags", []):
            cell["source"] = f'LANG = "{lang}"\nSTUDENT = "{student}"\n'
        elif grade_id.endswith("_answer"):
            part = assignment.part(grade_id[: -len("_answer")])
            cell["source"] = f"answer_{part.id} = {answer_of(part, variant, quality)!r}\n"
        elif grade_id and assignment.parts and _is_free_text(assignment, grade_id):
            cell["source"] = "Min motivering: handling, medel och syfte finns i fallet." if quality != "empty" else ""
        elif grade_id in {p.id for p in assignment.parts}:
            cell["outputs"] = [{"output_type": "display_data", "metadata": {}, "data": {
                "application/vnd.strom-kit.answer+json": {"part": grade_id, "answer": None, "lang": lang,
                                                          "opened_at": 1000.0, "handed_at": 1000.0 + 1500},
                "text/plain": "handed in"}}]
    return notebook


def _is_free_text(assignment: Any, grade_id: str) -> bool:
    return any(p.id == grade_id and p.kind == "free_text" for p in assignment.parts)


def submit(cohort_root: Path, assignment_id: str, student: str, content: bytes | dict, name: str | None = None) -> Path:
    folder = cohort_root / "submitted" / student / assignment_id
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{assignment_id}.ipynb")
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    return path


# --- hostile submissions, by scenario: each returns (file content, file name or None) -------------

def _with_answer_code(notebook: dict, part_id: str, code: str) -> dict:
    notebook = copy.deepcopy(notebook)
    for cell in notebook["cells"]:
        if (cell["metadata"].get("nbgrader") or {}).get("grade_id") == f"{part_id}_answer":
            cell["source"] = code
    return notebook


SEARCH_MARK = "SEARCH "  # the line the key searcher prints its findings on
SEARCH = r"""
import binascii, json, os, subprocess
import msgspec
from kit.cases.bank import load_case
from kit.cases.narrative import render
from kit.course.grading import empty_answer
from kit.course.grading import CASE_ELEMENTS
needles = [binascii.unhexlify(h).decode() for h in NEEDLES]
with open("/tmp/.needles", "w", encoding="utf-8") as handle:
    handle.write("\n".join(needles) + "\n")
tops = sorted(os.path.join("/", name) for name in os.listdir("/") if name not in ("proc", "dev", "sys"))
found = {"root": sorted(os.listdir("/")), "folders": 0, "files": 0, "hits": [], "cases": 0, "matched": None}
for top in tops:
    for folder, folders, files in os.walk(top):
        found["folders"] += 1
        found["files"] += len(files)
grep = ["grep", "-r", "-F", "-a", "--no-messages"]
hits = subprocess.run([*grep, "-o", "-f", "/tmp/.needles", *tops], capture_output=True).stdout
for line in hits.decode("utf-8", "replace").splitlines():
    path, _, text = line.partition(":")
    if path != "/tmp/.needles":
        found["hits"].append([path, text])
titles = set((task.variant or {}).get("case", {}).get("title", {}).values())
matched = None
for path in subprocess.run([*grep, "-l", "truth:", *tops], capture_output=True).stdout.decode().split():
    try:
        case = load_case(path)
    except Exception:
        continue
    found["cases"] += 1
    if titles & ({case.title.sv, case.title.en} | {render(case, lang)[0] for lang in ("sv", "en")}):
        matched, found["matched"] = case, path
part = task.assignment.part(PART)
answer = empty_answer(part)
if matched is not None and part.kind in CASE_ELEMENTS:
    truth = matched.truth
    answer = {key: getattr(truth, key) if key in ("trafficking", "minor") else sorted(getattr(truth, key))
              for key in CASE_ELEMENTS[part.kind]}
elif matched is not None and part.kind == "nrm_plan":
    from kit.nrm.reference_plan import model_plan
    answer = {"steps": msgspec.to_builtins(model_plan(matched, task.regime).steps)}
print(MARK + json.dumps(found))
"""


def searching_for_the_key(base: dict, part_id: str, needles: list[str]) -> dict:
    """The issue 15 attack on `part_id`: grep every visible file for `needles` (hex-encoded in the
    code, so the notebook itself does not hold them), hand in the truth or model plan of a visible
    case whose title is the learner's own, else the empty template; prints its findings as JSON
    on a line starting with SEARCH_MARK."""
    code = (f"NEEDLES = {[text.encode().hex() for text in needles]!r}\nPART = {part_id!r}\nMARK = {SEARCH_MARK!r}\n"
            + SEARCH + f"answer_{part_id} = answer\n")
    return _with_answer_code(base, part_id, code)


def search_findings(notebook: dict) -> dict | None:
    """What `searching_for_the_key` printed in a graded notebook, or None when it printed nothing."""
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            text = "".join(output.get("text", "")) if output.get("output_type") == "stream" else ""
            for line in text.splitlines():
                if line.startswith(SEARCH_MARK):
                    return json.loads(line[len(SEARCH_MARK):])
    return None


def material_needles(material: Path = MATERIAL) -> list[str]:
    """What the key searcher looks for: every graded case's id and titles, every graded situation's
    id, texts and explanation (single lines, as grep -F takes them)."""
    import yaml

    needles = []
    for path in sorted((material / "cases").glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        needles += [case["id"], case["title"]["sv"], case["title"]["en"]]
    situations = yaml.safe_load((material / "situations.yaml").read_text(encoding="utf-8"))["situations"]
    for situation in situations:
        needles += [situation["id"], *situation["text"].values(), *situation["explanation"].values()]
    return [" ".join(needle.split()) for needle in needles]


def hostile(scenario: str, base: dict, part_id: str, cohort_root: Path) -> tuple[bytes | dict, str | None]:
    """A hostile submission built from `base` (an honest notebook)."""
    answer = f"answer_{part_id}"
    keep = next(("".join(c["source"]) for c in base["cells"]
                 if (c["metadata"].get("nbgrader") or {}).get("grade_id") == f"{part_id}_answer"), "")
    code = {
        "infinite_loop": keep + "\nwhile True:\n    pass\n",
        "loop_ignoring_sigint": keep + "\nimport signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass\n",
        "memory_bomb": keep + "\nhog = []\nwhile True:\n    hog.append(bytearray(50 * 1024**2))\n",
        "fork_bomb": keep + "\nimport os\nkids = 0\ntry:\n    while True:\n        if os.fork() == 0:\n            import time\n            time.sleep(600)\n            os._exit(0)\n        kids += 1\nexcept OSError as error:\n    print('fork stopped after', kids, error)\n",
        "reading_the_secret": f"{answer} = {{'trafficking': True, 'act': [open({str(cohort_root / 'secret')!r}).read()]}}\n",
        "reading_the_secret_env": f"import os\n{answer} = {{'trafficking': True, 'act': [os.environ.get('STROM_KIT_COURSE_SECRET', 'none')]}}\n",
        "writing_the_gradebook": keep + f"\nimport sqlite3\ndb = sqlite3.connect({str(cohort_root / 'gradebook.db')!r})\n"
                                        "db.execute('UPDATE grade SET auto_score = 100, manual_score = 100')\ndb.commit()\n",
        "patching_the_scoring": keep + "\nimport kit.cases.scoring as s, kit.course.grading.part_scoring as p\n"
                                       "s.score_answer = lambda *a, **k: None\np.score_part = lambda *a, **k: None\n",
        "faking_outputs": keep + "\nclass Fake:\n    def hand_in(self, *args):\n        return 5.0\n"
                                 "    def __getattr__(self, name):\n        return lambda *a, **k: None\ntask = Fake()\n",
        "faking_the_hand_in": keep + "\nfrom IPython.display import display\n"
                                     "display({'application/vnd.strom-kit.answer+json': {'part': '" + part_id + "', 'score': 1.0, 'answer': None}, 'text/plain': '5.0'}, raw=True)\n",
        "raising_in_test_cells": keep + "\ndef broken(*args):\n    raise RuntimeError('no')\ntask.hand_in = broken\n",
        "network_access": keep + "\nimport socket\ntry:\n    socket.create_connection(('1.1.1.1', 53), timeout=3)\n    reached = True\nexcept OSError:\n    reached = False\nprint('network reached:', reached)\n",
    }
    if scenario in code:
        return _with_answer_code(base, part_id, code[scenario]), None
    if scenario == "searching_for_the_key":
        return searching_for_the_key(base, part_id, material_needles()), None
    if scenario == "deleted_test_cells":
        notebook = copy.deepcopy(base)
        notebook["cells"] = [c for c in notebook["cells"] if not (c["metadata"].get("nbgrader") or {}).get("grade")]
        return notebook, None
    if scenario == "edited_test_cells":
        notebook = copy.deepcopy(base)
        for cell in notebook["cells"]:
            if (cell["metadata"].get("nbgrader") or {}).get("grade_id") == part_id:
                cell["source"] = "5.0"
        return notebook, None
    if scenario == "invalid_json":
        return b'{"cells": [ this is not json', None
    if scenario == "empty_file":
        return b"", None
    if scenario == "wrong_file_name":
        return base, "my_answers.ipynb"
    if scenario == "enormous_output":
        notebook = copy.deepcopy(base)
        notebook["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x" * (3 * 2**20)}]
        return notebook, None
    raise KeyError(scenario)


HOSTILE = ("infinite_loop", "loop_ignoring_sigint", "memory_bomb", "fork_bomb", "deleted_test_cells",
           "edited_test_cells", "invalid_json", "empty_file", "wrong_file_name", "enormous_output",
           "reading_the_secret", "reading_the_secret_env", "writing_the_gradebook", "patching_the_scoring",
           "faking_outputs", "faking_the_hand_in", "raising_in_test_cells", "network_access")
