"""How the planner shows a scenario: the event waiting for a response, the decisions so far, the outcome."""

from __future__ import annotations

import html
from typing import Any

from kit.content.i18n import format_number
from kit.nrm.scenario import Event

# A decision's verdict: its sign and colour beside its word (never colour alone).
VERDICTS = {"good": ("✓", "#1b5e20"), "acceptable": ("⚠", "#6b4700"), "poor": ("✗", "#8a1c1c")}


def event_title(scenario: Any, lang: str, kb: Any) -> str:
    """The day and title of the event waiting for a response, or the end of the scenario."""
    pending = scenario.pending
    if pending is None:
        return kb.ui("planner.scenario_over", lang)
    return kb.ui("planner.day_event", lang, day=pending.day, title=pending.title(lang))


def event_html(scenario: Any, lang: str) -> str:
    """What happened, for the event waiting for a response (nothing once the scenario is over)."""
    pending = scenario.pending
    return "" if pending is None else f"<p>{html.escape(pending.text(lang))}</p>"


def log_html(scenario: Any, lang: str, kb: Any) -> str:
    """Each decision taken (what happened, what was chosen, its verdict and why), then the outcome."""
    entries = []
    for decision in scenario.log:
        sign, colour = VERDICTS[decision.verdict]
        event = Event(decision.event, decision.day, ())
        heading = kb.ui("planner.log_entry", lang, day=decision.day,
                        verdict=kb.ui(f"planner.verdict_{decision.verdict}", lang))
        incident = f" {kb.ui('planner.incident', lang)}" if decision.incident else ""
        entries.append(
            f'<li class="kit-decision kit-decision-{decision.verdict}">'
            f'<span class="kit-sign" aria-hidden="true" style="color:{colour}">{sign}</span> '
            f'<strong style="color:{colour}">{html.escape(heading)}</strong>{html.escape(incident)}. '
            f"{html.escape(event.title(lang))}: <em>{html.escape(event.option_label(decision.option, lang))}</em>. "
            f'{html.escape(decision.reason(lang))} <small class="kit-source">({html.escape(decision.ref.label(lang))})</small></li>')
    if not entries:
        return ""
    why = scenario.outcome().explain(lang)  # each incident explained from the events that caused it
    incidents = (f'<ul class="kit-incidents">{"".join(f"<li>{html.escape(line)}</li>" for line in why)}</ul>' if why else "")
    return (f"<h4>{html.escape(kb.ui('planner.log_title', lang))}</h4><ul class=\"kit-decisions\">{''.join(entries)}</ul>"
            f'<p class="kit-outcome" role="status">{html.escape(outcome_text(scenario, lang, kb))}</p>{incidents}')


def outcome_text(scenario: Any, lang: str, kb: Any) -> str:
    """The outcome measures in words and numbers of `lang`."""
    outcome = scenario.outcome()
    days = (format_number(outcome.days_until_support, lang) if outcome.days_until_support is not None
            else kb.ui("planner.no_acute_support", lang))
    return kb.ui("planner.outcome", lang, incidents=format_number(outcome.safety_incidents, lang),
                 continuity=format_number(outcome.continuity * 100, lang), trust=format_number(outcome.trust, lang),
                 days=days, good=format_number(outcome.good_decisions, lang), decisions=format_number(outcome.decisions, lang))
