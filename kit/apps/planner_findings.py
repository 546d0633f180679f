"""How the planner shows a plan's findings: grouped by kind, with a sign, a colour and words, no repeats."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from kit.nrm.rules import Finding

# The sign and colour of each kind; the words ("Breaks a principle", "To look at again") carry the
# meaning too, so it never rests on colour or sign alone.
KINDS = {
    "error": ("✗", "#8a1c1c", "planner.errors_title"),
    "warning": ("⚠", "#6b4700", "planner.warnings_title"),
}
OK_SIGN, OK_COLOUR = "✓", "#1b5e20"
SIGNS = {"ok": (OK_SIGN, OK_COLOUR), "problem": KINDS["error"][:2], "hint": KINDS["warning"][:2]}
# Values that findings of one rule at one place can share in a single line ("lacks: A, B, C").
LISTED_VALUES = frozenset({"service", "concern", "actors"})


def merged(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per rule and step where findings differ only in one listed value."""
    groups: dict[tuple[str, str, int | None], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.severity, finding.rule, finding.step), []).append(finding)
    result = []
    for (severity, rule, step), group in groups.items():
        names = {tuple(name for name, _ in finding.values) for finding in group}
        if len(group) > 1 and len(names) == 1 and len(name := next(iter(names))) == 1 and name[0] in LISTED_VALUES:
            values = list(dict.fromkeys(value for finding in group for _, value in finding.values))
            result.append(Finding(rule, severity, step, ((name[0], ", ".join(values)),)))
        else:
            result.extend(group)
    return result


def findings_lines(findings: list[Finding], lang: str) -> dict[str, list[str]]:
    """Per kind (errors, then warnings) the lines to show, as HTML: merged, each once, with its source."""
    lines: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for kind in KINDS:
        for finding in merged(f for f in findings if f.severity == kind):
            line = (f"{html.escape(finding.message(lang, source=False))} "
                    f'<small class="kit-source">({html.escape(finding.ref.label(lang))})</small>')
            if line not in lines[kind]:
                lines[kind].append(line)
    return lines


def findings_summary(findings: list[Finding], lang: str, kb: Any) -> tuple[str, str]:
    """The line over the findings, and its kind: all well (ok), or how many lines of each kind."""
    if not findings:
        return kb.ui("planner.no_findings", lang), "ok"
    lines = findings_lines(findings, lang)
    summary = kb.ui("planner.findings", lang, errors=len(lines["error"]), warnings=len(lines["warning"]))
    return summary, "problem" if lines["error"] else "hint"


def findings_html(findings: list[Finding], lang: str, kb: Any) -> str:
    """The findings as sections by kind (errors first), each line with its sign and source."""
    sections = []
    for kind, lines in findings_lines(findings, lang).items():
        if not lines:
            continue
        sign, colour, title_key = KINDS[kind]
        items = "".join(f'<li class="kit-finding kit-finding-{kind}"><span class="kit-sign" aria-hidden="true" '
                        f'style="color:{colour}">{sign}</span> <span class="kit-finding-text">{line}</span></li>' for line in lines)
        title = kb.ui(title_key, lang, count=len(lines))
        sections.append(f'<section class="kit-findings-group kit-findings-{kind}">'
                        f'<h4 style="color:{colour}"><span aria-hidden="true">{sign}</span> {html.escape(title)}</h4>'
                        f"<ul>{items}</ul></section>")
    return "".join(sections)


def message_html(text: str, kind: str) -> str:
    """One line with a sign and a colour: ok (✓), problem (✗) or hint (⚠)."""
    sign, colour = SIGNS.get(kind, SIGNS["hint"])
    role = "status" if kind == "ok" else "alert"
    return (f'<p class="kit-message kit-message-{kind}" role="{role}" style="color:{colour}">'
            f'<span aria-hidden="true">{sign}</span> {html.escape(text)}</p>')


def show_line(label: Any, text: str, kind: str | None) -> None:
    """Put `text` into a focusable line (a Label, see kit/apps/focus.py), its kind
    (ok, problem, hint) shown by a sign at its start and a colour; empty text hides the line."""
    sign = SIGNS[kind][0] if kind in SIGNS and text and not text.startswith(SIGNS[kind][0]) else ""
    label.value = f"{sign} {text}" if sign else text
    for each in SIGNS:
        label.remove_class(f"kit-line-{each}")
    if kind in SIGNS:
        label.add_class(f"kit-line-{kind}")
    label.layout.display = None if text else "none"
