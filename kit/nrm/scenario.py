"""A day-by-day referral scenario: events arise from the case, the learner responds, outcomes follow.

The model (deterministic per seed):
- Which events happen and on which day is drawn once from the seed and the case: a threat only
  where force or coercion was used, a residence question only for a person without a right of
  residence, a wish to go home only for a person far from home; a health crisis and declining
  the police are common; a relapse into the exploiter's control is likelier where the means
  were coercion or abuse of vulnerability.
- The plan sets the ground: support runs from its acute-support day for the planned duration
  and again from its long-term step; a plan without risk assessment doubles the risk of every
  threat; support conditioned on cooperation costs trust at once; a missing interpreter where
  one is needed costs trust.
- Each response changes trust (0-100), can pause or end support, and carries a risk that the
  event ends in a safety incident. Whether it does is drawn from the seed and the event, so the
  same choices always give the same outcome, and a different choice never shifts other events.
- When support ends, the scenario is over for the learner, but the person's life goes on: each
  event still to come meets the person alone and ends in an incident with a high chance.
- A child is not an adult: some answers are judged differently for a child (an adult may decline
  the police; for a child the police are told and the child is heard), and some are offered only
  to one group (`who` in events.yaml).
- Events name the right place (`Place`): a threat reaches the family in the person's home country
  only for a person from abroad; a child living with custodians is threatened with the family
  where they live; the person lives in a shelter only when the plan offers housing.
- After a return home (arranged or not), what follows belongs to the return: a threat, a health
  crisis or a new offer of work reaches the person at home, through the reintegration partner;
  what belonged to the stay (the police, a residence permit) no longer happens.
- The outcome explains each incident (`Incident`): the event, the response after which it
  happened or the decision that left the person alone, and a missing risk assessment that doubled
  the risk.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.cases.narrative import surface
from kit.content import load
from kit.content.loader import read_yaml_mapping
from kit.content.models import Ref, Text
from kit.content.problems import ContentError
from kit.nrm.needs import case_needs
from kit.nrm.plan import ResponsePlan, load_plan
from kit.nrm.rules import RULES, _case, _regime, validate_plan

EVENTS_FILE = Path(__file__).with_name("data") / "events.yaml"
START_TRUST = 50
UNSUPPORTED_RISK = 0.5  # chance that an event the person meets without support ends in an incident
NO_ASSESSMENT_FACTOR = 2.0  # a plan without a risk assessment before protection doubles every risk


@dataclass(frozen=True, slots=True)
class Place:
    """Where the person's life happens, so that events name the right place.

    family: `abroad` (a person from another country: the family is in `home_country`),
    `with_custodians` (a child living with custodians who are not involved) or `here`;
    lodging: `shelter` (the plan offers housing), `home` (they live in the country) or `staying`;
    home_country: the name of the person's country in Swedish and English, when they come from abroad.
    """

    family: str = "here"
    lodging: str = "staying"
    home_country: Text | None = None

    def values(self, lang: str) -> dict[str, str]:
        """The place words a text of `lang` may use."""
        places = _data()["places"]
        lodging = places["lodging"][self.lodging]
        country = self.home_country.get(lang) if self.home_country else places["home_country_unknown"][lang]
        return {"home_country": country, "lodging_at": lodging["at"][lang], "lodging_left": lodging["left"][lang]}


@dataclass(frozen=True, slots=True)
class Event:
    """An event waiting for a response: its id, day, the ids of the possible responses, and the place
    its text names."""

    id: str
    day: int
    options: tuple[str, ...]
    place: Place = Place()

    def title(self, lang: str) -> str:
        return _events()[self.id]["title"][lang]

    def text(self, lang: str) -> str:
        """What happened, naming the person's own places (a variant by family place where the text has one)."""
        text = _events()[self.id]["text"]
        if "by" in text:
            text = text[getattr(self.place, text["by"])]
        return text[lang].format(**self.place.values(lang))

    def option_label(self, option: str, lang: str) -> str:
        return _events()[self.id]["options"][option]["label"][lang]


@dataclass(frozen=True, slots=True)
class Decision:
    """One logged response with its verdict, the reason (both languages) and the seed reference."""

    day: int
    event: str
    option: str
    verdict: str
    incident: bool
    trust_after: int
    reason_sv: str
    reason_en: str
    ref: Any

    def reason(self, lang: str) -> str:
        return self.reason_sv if lang == "sv" else self.reason_en


@dataclass(frozen=True, slots=True)
class Incident:
    """A safety incident and what caused it: the event on its day, and either the response after which
    it happened (`cause` "response", with `doubled` when the plan had no risk assessment) or the
    decision that had ended support, so that the person met the event alone (`cause` "alone")."""

    day: int
    event: str
    cause: str
    option: str | None = None
    doubled: bool = False
    ended_day: int | None = None
    ended_event: str | None = None
    ended_option: str | None = None

    def explain(self, lang: str) -> str:
        """The incident in words of `lang`: when, which event, and why."""
        kb = load()
        event = Event(self.event, self.day, ())
        if self.cause == "alone":
            ended = Event(self.ended_event or "", self.ended_day or 0, ())
            text = kb.ui("nrm.incident.alone", lang, day=self.day, event=event.title(lang), ended_day=self.ended_day,
                         ended_option=ended.option_label(self.ended_option or "", lang))
        else:
            verdict = _events()[self.event]["options"][self.option]["verdict"]
            key = "nrm.incident.despite" if verdict == "good" else "nrm.incident.after"
            text = kb.ui(key, lang, day=self.day, event=event.title(lang), option=event.option_label(self.option or "", lang))
        return text + (" " + kb.ui("nrm.incident.doubled", lang) if self.doubled else "")


@dataclass(frozen=True, slots=True)
class Outcome:
    """The measures a trainer discusses: safety, continuity of support, trust, days until support,
    and each incident with its cause."""

    safety_incidents: int
    continuity: float
    trust: int
    days_until_support: int | None
    finished: bool
    good_decisions: int
    decisions: int
    incidents: tuple[Incident, ...] = ()

    def explain(self, lang: str) -> list[str]:
        """One sentence per incident, in the order of the days, naming the events that caused it."""
        return [incident.explain(lang) for incident in self.incidents]


@dataclass
class Scenario:
    """Play a plan for a case under a regime: `pending`, `step(option)`, `outcome()`, `log`."""

    case: Any
    regime: Any
    plan: Any
    seed: int | str = 0
    days: int = 90
    events: list[Event] = field(init=False)
    log: list[Decision] = field(init=False, default_factory=list)
    trust: int = field(init=False, default=START_TRUST)
    incident_log: list[Incident] = field(init=False, default_factory=list)
    place: Place = field(init=False, default=Place())
    returned_on: int | None = field(init=False, default=None)
    _support_end: int | None = field(init=False, default=None)
    _paused_days: int = field(init=False, default=0)
    _risk_factor: float = field(init=False, default=1.0)

    def __post_init__(self) -> None:
        self.case = _case(self.case)
        self.regime = _regime(self.regime)
        self.plan = self.plan if isinstance(self.plan, ResponsePlan) else load_plan(self.plan)
        if not 1 <= self.days <= 730:
            raise ValueError(f"days must be between 1 and 730, not {self.days}")
        rules = {finding.rule for finding in validate_plan(self.plan, self.case, self.regime)}
        if "risk_assessment_first" in rules:
            self._risk_factor = NO_ASSESSMENT_FACTOR
        if "unconditional_support" in rules:
            self.trust -= 20
        if "interpretation" in rules:
            self.trust -= 10
        self.place = place_of(self.case, self.plan)
        self.events = _draw_events(self.case, self.seed, self.days, self.place)

    @property
    def incidents(self) -> int:
        """How many safety incidents so far (each explained in `incident_log`)."""
        return len(self.incident_log)

    @property
    def pending(self) -> Event | None:
        """The next event that needs a response, or None when the scenario is over."""
        return self.events[len(self.log)] if len(self.log) < len(self.events) else None

    def step(self, option: str) -> Decision:
        """Respond to the pending event with `option`; returns the logged decision."""
        event = self.pending
        if event is None:
            raise ValueError("the scenario is finished: there is no event to respond to")
        if option not in event.options:
            raise ValueError(f"unknown response {option!r} to {event.id!r}: choose one of {', '.join(event.options)}")
        spec = option_spec(event.id, option, self.case.truth.minor)
        effects = spec["effects"]
        self.trust = max(0, min(100, self.trust + effects["trust"]))
        risk = effects["risk"] * self._risk_factor
        incident = self._draw(event) < min(1.0, risk)
        if incident:  # `doubled`: it would not have happened had the plan assessed the risks first
            self.incident_log.append(Incident(event.day, event.id, "response", option,
                                              doubled=self._draw(event) >= effects["risk"]))
        if effects["support"] == "end" or effects.get("return") == "unarranged":
            self._support_end = event.day
        elif effects["support"] == "pause":
            self._paused_days += 7
        decision = Decision(event.day, event.id, option, spec["verdict"], incident, self.trust,
                            spec["reason"]["sv"], spec["reason"]["en"], _ref(spec["ref"]))
        self.log.append(decision)
        if effects.get("return") in ("arranged", "unarranged") and self.returned_on is None:
            self.returned_on = event.day
            self.events[len(self.log):] = _after_return(self.events[len(self.log):], self.case.truth.minor, self.place)
        if self._support_end is not None:
            for later in self.events[len(self.log):]:  # the person meets what follows alone
                if self._draw(later) < UNSUPPORTED_RISK:
                    self.incident_log.append(Incident(later.day, later.id, "alone", ended_day=event.day,
                                                      ended_event=event.id, ended_option=option))
            del self.events[len(self.log):]
        return decision

    def _draw(self, event: Event) -> float:
        """The event's own random number: the same whatever was decided before."""
        return random.Random(f"{self.case.id}:{self.seed}:{event.id}:{event.day}").random()

    def run(self, choose) -> Outcome:
        """Respond to every event with `choose(event) -> option`, then return the outcome."""
        while self.pending is not None:
            self.step(choose(self.pending))
        return self.outcome()

    def outcome(self) -> Outcome:
        """The outcome measures so far."""
        return Outcome(
            safety_incidents=self.incidents,
            continuity=round(self._support_days() / self.days, 4),
            trust=self.trust,
            days_until_support=self.plan.first_day("acute_support"),
            finished=self.pending is None,
            good_decisions=sum(d.verdict == "good" for d in self.log),
            decisions=len(self.log),
            incidents=tuple(self.incident_log),
        )

    def timeline(self) -> list[tuple[int, str, str]]:
        """(day, "step" or "event", id) for the plan's steps and the events, by day."""
        items = [(step.day, "step", step.step) for step in self.plan.steps]
        items += [(event.day, "event", event.id) for event in self.events]
        return sorted(items)

    def _support_days(self) -> int:
        """Days within the horizon on which the plan's support was running."""
        covered = [False] * self.days
        for step in self.plan.steps:
            if step.step == "acute_support":
                end = step.day + (step.duration_days or 0)
            elif step.step in ("long_term_support", "return_and_reintegration", "integration"):
                end = self.days
            else:
                continue
            for day in range(step.day, min(end, self.days)):
                covered[day] = True
        stop = self._support_end if self._support_end is not None else self.days
        return max(0, sum(covered[:stop]) - self._paused_days)


# Event id -> (chance it happens, first day, last day) before case-specific adjustments.
_BASE = {
    "declines_police": (0.6, 3, 15),
    "trafficker_threat": (0.0, 5, 40),
    "health_crisis": (0.4, 2, 30),
    "wish_to_go_home": (0.0, 10, 60),
    "residence_question": (0.0, 1, 25),
    "relapse": (0.2, 20, 80),
}


def place_of(case: Any, plan: Any) -> Place:
    """The places `case` lives in under `plan`: the family's (abroad, with the child's custodians, or
    here), where the person stays while supported, and the name of their home country."""
    needs = case_needs(case)
    if needs.from_abroad:
        family = "abroad"
    elif needs.lives_with_custodians:
        family = "with_custodians"
    else:
        family = "here"
    if "housing" in plan.services():
        lodging = "shelter"
    elif needs.resident:
        lodging = "home"
    else:
        lodging = "staying"
    names = surface()["nationalities"].get(case.person.nationality, {})
    home = Text(sv=names["country_sv"], en=names["country_en"]) if needs.from_abroad and "country_sv" in names else None
    return Place(family, lodging, home)


def _after_return(events: list[Event], minor: bool, place: Place) -> list[Event]:
    """The events still to come once the person has gone home: each becomes its after-return event,
    or does not happen when it belonged to the stay."""
    spec = _events()
    later = []
    for event in events:
        after = spec[event.id].get("after_return")
        if after is not None:
            later.append(Event(after, event.day, options_for(after, minor), place))
    return later


def option_spec(event_id: str, option: str, minor: bool) -> dict[str, Any]:
    """The option's label, effects, verdict, reason and ref, with a child's overrides for a minor."""
    spec = _events()[event_id]["options"][option]
    return {**spec, **spec["child"]} if minor and "child" in spec else spec


def options_for(event_id: str, minor: bool) -> tuple[str, ...]:
    """The responses offered to this event for an adult or for a child."""
    group = "children" if minor else "adults"
    return tuple(option for option, spec in _events()[event_id]["options"].items() if spec.get("who", group) == group)


def _ref(ref: dict[str, Any]) -> Any:
    """A seed reference, or the source of a rule (e.g. the kit's practice note for children)."""
    if "rule" in ref:
        return RULES[ref["rule"]][1]
    return Ref(chapter=ref["chapter"], lines=tuple(ref["lines"]))


def _draw_events(case: Any, seed: int | str, horizon: int, place: Place = Place()) -> list[Event]:
    needs = case_needs(case)
    means = set(case.truth.means)
    chance = {name: spec[0] for name, spec in _BASE.items()}
    if means & {"threat_or_force", "other_coercion"}:
        chance["trafficker_threat"] = 0.6
    if "sexual_exploitation" in case.truth.forms:
        chance["health_crisis"] = 0.7
    if needs.from_abroad:  # only a person who lives in another country is offered a return home
        chance["wish_to_go_home"] = 0.5
    if needs.needs_residence:
        chance["residence_question"] = 0.8
    if means & {"other_coercion", "abuse_of_power_or_vulnerability"}:
        chance["relapse"] += 0.2
    rng = random.Random(f"{case.id}:{seed}:events")
    drawn = []
    for name, (_, first, last) in _BASE.items():
        happens, day = rng.random() < chance[name], rng.randint(first, last)
        if happens and day < horizon:
            drawn.append(Event(name, day, options_for(name, case.truth.minor), place))
    if not drawn:  # every scenario has at least one decision to make
        drawn.append(Event("health_crisis", min(horizon - 1, 7), options_for("health_crisis", case.truth.minor), place))
    return sorted(drawn, key=lambda event: (event.day, event.id))


def _events() -> dict[str, Any]:
    return _data()["events"]


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    raw, problem = read_yaml_mapping(EVENTS_FILE, "a mapping with `places` and `events`")
    if problem is not None:
        raise ContentError([problem])
    return raw
