"""Recommendations made by rules from the report's figures. Each names the figure that
triggered it, so the lead can check the reasoning; none reads any content.

The rules only read the report, which already holds no figure below the minimum group.
"""

from __future__ import annotations

from collections.abc import Callable

from coach.domain.report import Recommendation, Report

PLAN_SHARE = 0.75  # sessions held below this share of plan: a cadence problem
LATE_MONTH_SHARE = 0.5  # the last full month below half its plan
GOAL_LAG = 25  # goal progress this many points behind the program's elapsed time
LOW_PULSE = 3.0  # a pulse question's latest mean below this (on 1-5)
EARLY = 0.25  # before a quarter of the program, goals and the 3-session benchmark wait


def stalled(r: Report) -> list[Recommendation]:
    active = dict(r.participation.by_status).get("active", 0)
    if not r.stalled:
        return []
    figure = (
        f"{len(r.stalled)} of {active} active pairs have not met in {r.stall_days} days or more"
    )
    return [Recommendation("nudge them, and ask whether the slot or the match needs changing",
                           figure, "stalled")]  # fmt: skip


def cadence(r: Report) -> list[Recommendation]:
    p, out = r.participation, []
    share = p.plan_share
    if share is not None and share < PLAN_SHARE:
        figure = (
            f"{p.sessions_held} of {p.sessions_planned} planned sessions were held ({share:.0%})"
        )
        out.append(Recommendation(
            f"remind pairs of the {r.cadence_days}-day rhythm, or agree a slower one with them",
            figure, "participation",
        ))  # fmt: skip
    this_month = r.today.replace(day=1)
    full = [m for m in r.months if m.planned and m.month != this_month]
    if full and full[-1].held < LATE_MONTH_SHARE * full[-1].planned:
        last = full[-1]
        figure = f"{last.month:%B %Y}: {last.held} of {last.planned} planned sessions were held"
        out.append(Recommendation(
            "check in with the pairs that skipped that month before the gap grows", figure,
            "participation",
        ))  # fmt: skip
    return out


def retention(r: Report) -> list[Recommendation]:
    p = r.participation
    if r.elapsed < EARLY or not p.pairs or p.met_three == p.pairs:
        return []
    short = p.pairs - p.met_three
    figure = f"{short} of {p.pairs} pairs have held fewer than 3 sessions"
    return [Recommendation("help them book their next sessions now: three meetings is a common "
                           "retention benchmark", figure, "participation")]  # fmt: skip


def goals(r: Report) -> list[Recommendation]:
    g, out = r.goals, []
    if g.pairs_without_goals:
        figure = f"{g.pairs_without_goals} of {r.participation.pairs} pairs have set no goal"
        out.append(Recommendation("ask them to agree one goal each at their next session",
                                  figure, "goals"))  # fmt: skip
    elapsed = round(100 * r.elapsed)
    if (g.mean_progress is not None and r.elapsed >= EARLY
            and elapsed - g.mean_progress >= GOAL_LAG):  # fmt: skip
        figure = f"mean goal progress is {g.mean_progress:.0f}% with {elapsed}% of the program gone"
        out.append(Recommendation("hold a goal review: narrow goals or set nearer milestones",
                                  figure, "goals"))  # fmt: skip
    return out


def fit(r: Report) -> list[Recommendation]:
    out = []
    for side in r.fit.sides:
        concerns = dict(side.counts).get("not_a_good_fit", 0)
        if concerns:
            figure = f"{concerns} of {side.answered} {side.side}s answered 'not a good fit'"
            out.append(Recommendation("offer every pair a no-blame check-in on the match",
                                      figure, "fit"))  # fmt: skip
    return out


def pulse(r: Report) -> list[Recommendation]:
    if r.pulse is None or not r.pulse.figures:
        return []
    latest = max(f.period for f in r.pulse.figures)
    out = []
    for f in sorted(r.pulse.figures, key=lambda f: (f.side, f.question)):
        if f.period == latest and f.mean < LOW_PULSE:
            figure = (
                f"{f.side}s' mean for '{f.question}' was {f.mean:.1f} of {r.pulse.scale_max} "
                f"in {f.period} ({f.pairs} pairs)"
            )
            out.append(Recommendation(
                "run a session on power dynamics and remind mentees how to invite challenge",
                figure, "safety",
            ))  # fmt: skip
    return out


def outcomes(r: Report) -> list[Recommendation]:
    if r.outcomes is None:
        return []
    out = []
    for c in r.outcomes.changes:
        if c.high < 0:
            figure = (
                f"{c.side}s' '{c.item}' fell by {-c.change:.1f} ({r.outcomes.compared}, "
                f"{c.pairs} pairs)"
            )
            out.append(Recommendation("ask that side, in a group, what would make the program "
                                      "worth their time", figure, "outcomes"))  # fmt: skip
    return out


RULES: tuple[Callable[[Report], list[Recommendation]], ...] = (
    stalled, cadence, retention, goals, fit, pulse, outcomes,
)  # fmt: skip


def recommend(report: Report) -> tuple[Recommendation, ...]:
    """Every rule's recommendations, in the order of the rules."""
    return tuple(rec for rule in RULES for rec in rule(report))
