"""simulate(m, plan): a year (or more) of the plan at work, month by month.

The model and its assumptions (every number is in kit/mapping/assumptions.py):

- The year's situations are the ones the generator planted as ongoing (already running when
  the year starts) or upcoming (starting in a given month). Past situations only left traces.
- Detection. In each month an active, undetected situation can be revealed through independent
  channels; the month's chance is one minus the product of their misses:
  * the actors that tables 1-5 name for its risk group, each with a monthly contact rate, a
    chance of recognising what they see (untrained 12 %, with the work folded into the
    crime-prevention plan 22 %, trained 45 %: training takes effect from month 3) and a chance
    of passing it on (engaged for this group 100 %, engaged for another group 60 % or 80 % with
    a standing cross-sector group, not engaged 35 %);
  * routine inspections at its workplace (the workplace's inspection rate of the last three
    years), seen through the inspectorates' eyes;
  * outreach at its place (30 % contact a month from month 2, recognised as outreach workers do);
  * victims or people around them coming forward (1 % a month; +2 % with targeted information
    for the group, +1.5 % with awareness in its sector, +0.3 % with a general campaign; halved
    for a nationality that a measure singles out by nationality alone: trust is lost);
  * contract follow-up at a contracted workplace of a sector with social clauses (4 %, month 4 on);
  * one joint inspection of its workplace (30 %; 55 % with inspectorate and police engaged;
    70 % when the inspectors are trained).
- Prevention. An upcoming situation may never start when measures were at work before its
  start month: targeted information for its group (30 %), awareness in its sector (15 %), social
  clauses (50 % at a contracted workplace, 5 % elsewhere in the sector), outreach at its place
  (20 %), a general campaign (5 %), a joint inspection of its workplace before it starts (30 %).
  Chances combine as independent.
- Seasons. A seasonal situation (a season on its group, or work in a seasonal sector) is active
  only in its season and ends with it: found or not, the workers leave when the season is over.
  Joint inspections of a seasonal workplace are made while its season runs.
- Early or late. A detection is early when the situation had lasted at most 6 months (ch. 4
  lines 985-1000: early identification protects victims best); ongoing situations that began
  long ago can only be found late.
- Referral and support. A detected situation reaches the referral chain with 70 % chance one
  month later, or with 95 % in the same month when a standing cross-sector group gives clear
  roles (the Tampere and Bergen lessons). Each referred person starts support when safe housing
  of their kind (for women, men or children: acute support starts with a safe place to stay,
  ch. 5) has room that month; each kind takes its monthly capacity (2 a month for a gap the plan
  closes), first come, first served, and the rest wait. Where no housing of that kind exists,
  nobody of that kind is supported locally.
- A plan's expected outcome (used to score its actions) counts each situation as prevented, or
  detected within the year, a detection being worth half plus half times the share of the
  services its victims need that exist or that the plan adds (interpreting, workers' rights
  advice, legal aid, ...).

Random draws come from the seed and the municipality, never from the plan: two plans run with
the same seed face the same luck, and a plan with more coverage never detects less.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from kit.mapping import assumptions as A
from kit.mapping.channels import outlook
from kit.mapping.effects import compile_plan
from kit.mapping.layout import layout
from kit.mapping.plan import load_plan
from kit.mapping.vocabulary import SERVICES

COLUMNS = ("month", "active", "started", "prevented", "detected_early", "detected_late", "undetected", "referrals", "people_supported")
OUTCOMES = ("prevented", "early", "late", "never")


def simulate(m, plan, months: int = 12, seed: int = 0) -> pd.DataFrame:
    """Monthly outcomes of `plan` in `m`: one row a month with the columns of COLUMNS.

    `active`: situations going on that month; `started`: new ones; `prevented`: those that would
    have started that month; `detected_early` / `detected_late`: found that month; `undetected`:
    started and not found by the month's end, including seasonal ones whose season ended
    unnoticed (in the last row: never found in the period);
    `referrals`: people referred; `people_supported`: people who started support.
    `frame.attrs` holds the plan's cost and whether it is over budget.
    """
    return _run(m, plan, months, seed)[0]


def simulate_outcomes(m, plan, months: int = 12, seed: int = 0) -> pd.DataFrame:
    """The same run, one row per situation: outcome (prevented, early, late, never), month found, people supported."""
    return _run(m, plan, months, seed)[1]


def _run(m, plan, months: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    if not 1 <= months <= 60:
        raise ValueError(f"months must be between 1 and 60, not {months}")
    lay = layout(m)
    compiled = compile_plan(m, load_plan(plan))
    view = outlook(lay, compiled.effects, months)
    rng = np.random.default_rng([int(seed), zlib.crc32(m.profile.id.encode()), m.seed])
    n = len(lay.active)
    luck_detect, luck_prevent, luck_refer = rng.random((n, 60))[:, :months], rng.random(n), rng.random(n)
    prevented = lay.sit_upcoming & (luck_prevent < view.prevent) & (lay.sit_start <= months)
    hit = (luck_detect < view.hazard) & view.active & ~prevented[:, None]
    found = hit.any(axis=1)
    month_found = np.where(found, hit.argmax(axis=1) + 1, 0)
    age = np.where(lay.sit_upcoming, 0, lay.sit_age) + month_found - lay.sit_start + 1
    early = found & (age <= A.EARLY_MONTHS)
    standing = compiled.effects.standing_group
    referred = found & (luck_refer < (A.REFER_WITH_GROUP if standing else A.REFER))
    month_referred = np.where(referred, month_found + (0 if standing else A.REFER_LAG), 0)
    referred &= month_referred <= months
    supported = _support(lay, compiled.effects.closed, referred, month_referred, months)

    t = np.arange(1, months + 1)
    exists = (t[None, :] >= lay.sit_start[:, None]) & ~prevented[:, None]
    running = exists & (t[None, :] <= lay.sit_end[:, None]) & ((month_found == 0)[:, None] | (t[None, :] <= month_found[:, None]))
    victims = lay.sit_victims
    frame = pd.DataFrame({
        "month": t,
        "active": running.sum(axis=0),
        "started": ((lay.sit_start[:, None] == t[None, :]) & lay.sit_upcoming[:, None] & ~prevented[:, None]).sum(axis=0),
        "prevented": ((lay.sit_start[:, None] == t[None, :]) & prevented[:, None]).sum(axis=0),
        "detected_early": ((month_found[:, None] == t[None, :]) & early[:, None]).sum(axis=0),
        "detected_late": ((month_found[:, None] == t[None, :]) & (found & ~early)[:, None]).sum(axis=0),
        "undetected": (exists & ((month_found == 0)[:, None] | (t[None, :] < month_found[:, None]))).sum(axis=0),
        "referrals": ((month_referred[:, None] == t[None, :]) * victims[:, None]).sum(axis=0),
        "people_supported": supported.sum(axis=0),
    })
    frame.attrs.update(staff_hours=compiled.staff_hours, money=compiled.money, seed=int(seed),
                       over_budget=bool(compiled.staff_hours > m.budget.staff_hours or compiled.money > m.budget.money))
    outcome = np.select([prevented, early, found], ["prevented", "early", "late"], "never")
    outcome = np.where(lay.sit_start > months, "not_started", outcome)
    situations = lay.active[["situation_id", "group", "district_id", "place_id", "workplace_id", "status", "start_month", "victims"]].assign(
        outcome=outcome, month_found=month_found, referred=referred, people_supported=supported.sum(axis=1))
    return frame, situations


def _support(lay, closed: np.ndarray, referred: np.ndarray, month_referred: np.ndarray, months: int) -> np.ndarray:
    """[situation, month] people who start support that month.

    A referred person starts support when safe housing of their kind (women, men, children) has
    room that month; each kind takes its monthly capacity (a closed gap adds EXTRA_CAPACITY),
    first come, first served, and the rest wait. A kind that does not exist at all (a gap left
    open) supports nobody. A loop over months, vectorised over the waiting situations.
    """
    housing = [list(SERVICES).index(f"safe_accommodation_{kind}") for kind in ("women", "men", "children")]
    capacity = (np.where(lay.available, lay.capacity, 0) + np.where(closed, A.EXTRA_CAPACITY, 0))[housing]
    waiting = np.where(referred[:, None], lay.sit_housing, 0)
    order = np.argsort(month_referred, kind="stable")
    started = np.zeros((len(referred), months), dtype=np.int64)
    for month in range(1, months + 1):
        queue = order[(month_referred[order] <= month) & (waiting[order].sum(axis=1) > 0)]
        if not len(queue):
            continue
        wanted = waiting[queue]
        before = np.cumsum(wanted, axis=0) - wanted          # people ahead in the queue, per kind
        take = np.clip(capacity[None, :] - before, 0, wanted)
        waiting[queue] -= take
        started[queue, month - 1] = take.sum(axis=1)
    return started
