"""What a learner's assignment notebook calls: show the task, browse the tables, hand answers in.

Runs inside the learner's kernel, so it holds nothing secret: it reads only the learner's public
variant (`strom_variant.json` beside the notebook, or `variants/STUDENT.json`) and hands answers
over as display data that the grader scores elsewhere.
"""

from __future__ import annotations

import html
import json
import os
import time
from pathlib import Path
from typing import Any

from kit.content import load
from kit.content.i18n import resolve_lang
from kit.content.vocabulary import PALERMO_ACTS, PALERMO_MEANS
from kit.course.cohort.assignments import get_assignment, load_rubrics

ANSWER_MIME = "application/vnd.strom-kit.answer+json"
VARIANT_FILE = "strom_variant.json"
VOCABULARIES = {"act": "palermo_terms", "means": "palermo_terms", "purpose": "forms", "forms": "forms",
                "indicators": "indicators", "first_referrals": "actors", "principle": "principles"}


class Task:
    """One learner's assignment: its texts, the learner's own material, and `hand_in`."""

    def __init__(self, assignment_id: str, student: str | None, lang: str, variant: dict[str, Any] | None,
                 problem: str | None):
        self.assignment = get_assignment(assignment_id)
        self.student, self.lang, self.variant, self.problem = student, lang, variant, problem
        self.opened_at = time.time()
        self._tables: dict[str, Any] | None = None

    @property
    def tables(self) -> dict[str, Any]:
        """The municipality's tables as pandas DataFrames (empty when the task has none)."""
        if self._tables is None:
            import pandas as pd

            town = (self.variant or {}).get("municipality") or {}
            self._tables = {name: pd.DataFrame(**split) for name, split in town.get("tables", {}).items()}
        return self._tables

    @property
    def regime(self) -> str | None:
        return (self.variant or {}).get("regime")

    @property
    def situation_keys(self) -> list[str]:
        return [s["key"] for s in (self.variant or {}).get("situations", [])]

    def show(self) -> None:
        """The assignment's introduction and the learner's own material."""
        _markdown(self.intro_markdown())

    def intro_markdown(self) -> str:
        a, lang = self.assignment, self.lang
        lines = [f"## {a.title.get(lang)}", a.intro.get(lang), f"*{a.ref.label(lang)}*", ""]
        if self.problem:
            return "\n\n".join([*lines, f"> ⚠ {self.problem}"])
        variant = self.variant or {}
        if "case" in variant or "situations" in variant:
            lines.append(f"> {_ui('task.content_note', lang)}")
        if "case" in variant:
            case = variant["case"]
            lines += [f"### {html.escape(case['title'][lang])}", html.escape(case["narrative"][lang])]
        for situation in variant.get("situations", []):
            lines.append(f"**{_ui('task.situation', lang, name=situation['key'])}.** {html.escape(situation['text'][lang])}")
        if "regime" in variant:
            country = load().get("regimes", variant["regime"].lower()).name.get(lang)
            lines.append(_ui("task.regime", lang, country=country))
        if "municipality" in variant:
            town = variant["municipality"]
            budget = town["budget"]
            lines += [f"### {html.escape(town['name'][lang])}",
                      _ui("task.budget", lang, hours=f"{budget['staff_hours']:g}", money=f"{budget['money']:g}",
                          currency=budget["currency"]),
                      _ui("task.tables", lang, names=", ".join(f"`{name}`" for name in town["tables"]))]
        return "\n\n".join(lines)

    def show_part(self, part_id: str) -> None:
        """The prompt of one part; for free text also how it is graded (the rubric's items)."""
        _markdown(self.part_markdown(part_id))

    def part_markdown(self, part_id: str) -> str:
        part, lang = self._part(part_id), self.lang
        text = f"### {part.prompt.get(lang)}\n\n*{part.ref.label(lang)} · {part.points:g} p*"
        if part.rubric:
            items = load_rubrics()[part.rubric].items
            text += f"\n\n**{_ui('task.rubric', lang)}**\n\n" + "\n".join(
                f"- {item.description.get(lang)} ({item.points:g} p)" for item in items)
        return text

    def vocabulary(self, element: str) -> Any:
        """The valid ids for an answer element ("act", "means", "indicators", ...) with their labels."""
        import pandas as pd

        kb = load()
        kind = VOCABULARIES[element]
        ids = {"act": PALERMO_ACTS, "means": PALERMO_MEANS}.get(element) or kb.ids(kind)
        rows = [{"id": item_id, "label": _name(kb.get(kind, item_id), self.lang)} for item_id in ids]
        return pd.DataFrame(rows).style.set_caption(_ui("task.vocabulary", self.lang, element=element)).hide(axis="index")

    def hand_in(self, part_id: str, answer: Any) -> None:
        """Hand the answer over to the grader; it is scored outside this notebook."""
        part = self._part(part_id)
        try:
            payload = json.loads(json.dumps({"part": part.id, "answer": answer, "lang": self.lang, "opened_at": self.opened_at,
                                             "handed_at": time.time(), "student": self.student}, default=_plain))
        except (TypeError, ValueError) as error:
            raise ValueError(_ui("task.not_json", self.lang, problem=error)) from None
        from IPython.display import display

        display({ANSWER_MIME: payload, "text/plain": _ui("task.handed_in", self.lang, part=part.id)}, raw=True)

    def _part(self, part_id: str) -> Any:
        try:
            return self.assignment.part(part_id)
        except KeyError:
            parts = ", ".join(p.id for p in self.assignment.parts)
            raise KeyError(_ui("task.unknown_part", self.lang, part=part_id, parts=parts)) from None


def open_task(assignment_id: str, student: str | None = None, lang: str = "sv", folder: str | Path = ".") -> Task:
    """The learner's task; without a student id or a variant file, the texts show and a note says what is missing."""
    lang = resolve_lang(lang)
    folder = Path(folder)
    single = folder / VARIANT_FILE
    if single.exists():
        variant = json.loads(single.read_text(encoding="utf-8"))
        return Task(assignment_id, variant.get("student"), lang, variant, None)
    student = student or os.environ.get("JUPYTERHUB_USER") or None
    if not student:
        return Task(assignment_id, None, lang, None, _ui("task.no_student", lang))
    path = folder / "variants" / f"{student}.json"
    if not path.exists():
        return Task(assignment_id, student, lang, None, _ui("task.no_variant", lang, where=path))
    return Task(assignment_id, student, lang, json.loads(path.read_text(encoding="utf-8")), None)


def _plain(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value, key=str)
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"{type(value).__name__} cannot be handed in")


def _name(item: Any, lang: str) -> str:
    for attribute in ("name", "label", "title"):
        text = getattr(item, attribute, None)
        if text is not None:
            return text.get(lang)
    return item.id


def _ui(key: str, lang: str, **values: Any) -> str:
    return load().ui(key, lang, **values)


def _markdown(text: str) -> None:
    from IPython.display import Markdown, display

    display(Markdown(text))
