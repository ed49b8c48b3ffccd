"""The progression rule, in one pure function the coach can read.

    readiness(criteria, entries, since=..., has_next=..., has_previous=...) -> Readiness

No database access: callers pass the level's criteria and the assignment's
planned entries whose day has passed or that are done (a planned entry not
done is a missed session), as plain values. The app only suggests; a level
changes when the coach clicks.

The rule (issue 10; tests/coaching/test_readiness.py is its table):
- only entries since the assignment's latest level change count (`since`);
- "in a row" means consecutive planned sessions: a missed one breaks it;
- a session is at target when, on both legs, the reps reach the level's
  target, the load reaches the level's (or the prescribed) load where there is
  one, pain (in the session and the next morning) is within the level's limit
  and the RPE, when logged, within the level's limit;
- ready to advance: the last N planned sessions at target (N: the level's
  "sessions in a row"); at the top level "ready to add load" with the next load
  step (or "top level reached" where the level sets no load step);
- consider regressing, unless ready: pain above 5/10 in the session or the
  next morning, next-morning pain clearly worse (2 points) than the session's
  and above the limit, or the same leg short of its own prescription (a leg
  the coach shaped apart has its own reps) in the last two sessions;
- not enough data: fewer than N sessions at this level, all at target so far;
- otherwise hold.
Pain 0-3 is fine, 4-5 acceptable (hold), above 5 regress; the evidence says
so whenever pain decided. A pain not reported counts as none: a one-tap
"done as prescribed" is the athlete telling us it went fine.
"""

import datetime
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from coaching.site.formats import kg, short_date

REGRESS_PAIN_ABOVE = 5
SHORTFALL_SESSIONS = 2  # the same leg short this many sessions in a row
PAIN_RISE = 2  # next morning this much worse than the session: "clearly worse"
LEGS = ("left", "right")


class Verdict(enum.StrEnum):
    READY = "ready"
    ADD_LOAD = "add_load"
    TOP_LEVEL = "top"
    HOLD = "hold"
    REGRESS = "regress"
    NOT_ENOUGH_DATA = "no_data"

    @property
    def label(self) -> str:
        return {
            "ready": "Ready to advance",
            "add_load": "Ready to add load",
            "top": "Top level reached",
            "hold": "Hold",
            "regress": "Consider regressing",
            "no_data": "Not enough data",
        }[self.value]

    @property
    def badge(self) -> str:
        """CSS badge modifier (app.css): colour is never the only signal."""
        return {
            "ready": "ok",
            "add_load": "ok",
            "top": "ok",
            "hold": "info",
            "regress": "alert",
            "no_data": "",
        }[self.value]

    @property
    def is_ready(self) -> bool:
        """The coach has a step to take upwards (a level or more load)."""
        return self in (Verdict.READY, Verdict.ADD_LOAD)


@dataclass(frozen=True)
class Criteria:
    """A level's criteria to advance (exercises.ProgressionLevel)."""

    target_reps: int
    target_load_kg: Decimal | None = None  # None: the prescribed load, if any
    max_pain: int = 3
    max_rpe: int | None = 8  # None: RPE is not a criterion
    sessions_in_row: int = 2
    load_step_kg: Decimal | None = None  # at the top level: how much to add


@dataclass(frozen=True)
class EntryResult:
    """One planned entry of the assignment: done, or missed (`completed_at` None)."""

    date: datetime.date
    prescribed_reps: int  # per leg; `leg_reps` on the leg shaped apart
    reps_left: int | None = None
    reps_right: int | None = None
    completed_at: datetime.datetime | None = None
    pain: int | None = None
    pain_side: str = ""
    prescribed_load_kg: Decimal | None = None
    load_kg: Decimal | None = None  # the load used
    rpe: int | None = None  # the session's
    next_morning_pain: int | None = None  # the session's, asked the day after
    shaped_leg: str = ""  # the leg the coach shaped apart ("left" / "right")
    leg_reps: int | None = None  # its reps, when they differ

    def prescribed(self, leg: str) -> int:
        """The reps this leg was prescribed: each leg against its own prescription."""
        if leg == self.shaped_leg and self.leg_reps:
            return self.leg_reps
        return self.prescribed_reps

    @property
    def done(self) -> bool:
        return self.completed_at is not None

    def reps(self, leg: str) -> int | None:
        return self.reps_left if leg == "left" else self.reps_right


@dataclass(frozen=True)
class Readiness:
    verdict: Verdict
    evidence: tuple[str, ...]  # sentences for the coach, the verdict's reason first
    sessions: tuple[datetime.date, ...]  # the sessions the verdict rests on
    streak: int = 0  # planned sessions in a row at target, newest first
    needed: int = 2  # the level's "sessions in a row"
    next_load_kg: Decimal | None = None  # with ADD_LOAD

    @property
    def label(self) -> str:
        return self.verdict.label

    @property
    def headline(self) -> str:
        return self.evidence[0] if self.evidence else ""

    @property
    def reason(self) -> str:
        """The suggested reason of the level change this verdict calls for, in
        words the athlete reads too ("Your coach moved you to level 3: ...")."""
        if self.verdict == Verdict.READY:
            return f"Target reached {self.streak} planned sessions in a row"
        return self.headline

    @property
    def summary(self) -> str:
        """The label and its reason in one line (a level change's suggested reason)."""
        return f"{self.label}: {self.headline}"


# -- Words ---------------------------------------------------------------------


def _sessions(n: int) -> str:
    return "1 session" if n == 1 else f"{n} sessions"


def _pain(value: int | None, side: str = "") -> str:
    if value is None:
        return "not reported"
    return f"{value}/10" + (f" ({side})" if side and value else "")


def _pain_band(value: int, max_pain: int) -> str:
    """Pain 0-3 fine, 4-5 acceptable (hold), above 5 regress (with the level's limit)."""
    if value <= max_pain:
        return "fine"
    if value <= REGRESS_PAIN_ABOVE:
        return f"acceptable, but above {max_pain}/10: hold"
    return f"above {REGRESS_PAIN_ABOVE}/10: consider regressing"


# -- One session against the criteria -------------------------------------------


def _required_load(entry: EntryResult, criteria: Criteria) -> Decimal | None:
    """The load to reach: the level's target or the prescribed load, the higher
    one; None at an unloaded level."""
    loads = [x for x in (criteria.target_load_kg, entry.prescribed_load_kg) if x]
    return max(loads) if loads else None


def _worst_pain(entry: EntryResult) -> int:
    return max(entry.pain or 0, entry.next_morning_pain or 0)


def _misses(entry: EntryResult, criteria: Criteria) -> list[str]:
    """What kept one planned session from being at target, in words; empty when it was."""
    day = short_date(entry.date)
    if not entry.done:
        return [f"{day} was missed (a planned session not done breaks the run)"]
    misses = []
    for leg in LEGS:
        reps = entry.reps(leg)
        if reps is None:
            misses.append(f"{day}: {leg} leg not recorded")
        elif reps < criteria.target_reps:
            misses.append(f"{day}: {reps} reps {leg} (target {criteria.target_reps})")
    load = _required_load(entry, criteria)
    if load is not None and (entry.load_kg or 0) < load:
        misses.append(f"{day}: load {kg(entry.load_kg or 0)} (at least {kg(load)})")
    if (entry.pain or 0) > criteria.max_pain:
        misses.append(
            f"{day}: pain {_pain(entry.pain, entry.pain_side)}, "
            f"{_pain_band(entry.pain, criteria.max_pain)}"
        )
    if (entry.next_morning_pain or 0) > criteria.max_pain:
        misses.append(
            f"{day}: next-morning pain {entry.next_morning_pain}/10, "
            f"{_pain_band(entry.next_morning_pain, criteria.max_pain)}"
        )
    if criteria.max_rpe is not None and entry.rpe is not None and entry.rpe > criteria.max_rpe:
        misses.append(f"{day}: RPE {entry.rpe} (at most {criteria.max_rpe})")
    return misses


def _criteria_lines(window: Sequence[EntryResult], criteria: Criteria) -> list[str]:
    """Every criterion checked, with its value in each session of the window (oldest first)."""
    done = [e for e in window if e.done]
    if not done:
        return []

    def each(value) -> str:
        return "; ".join(f"{short_date(e.date)} {value(e)}" for e in done)

    def reps(e):
        return ", ".join(f"{e.reps(leg) if e.reps(leg) is not None else '–'} {leg}" for leg in LEGS)

    lines = [f"Reps per leg: {each(reps)} (target {criteria.target_reps} each leg)."]
    if any(_required_load(e, criteria) is not None for e in done):
        lines.append(
            f"Load: {each(lambda e: kg(e.load_kg or 0))} "
            f"(at least {kg(_required_load(done[-1], criteria))})."
        )

    def pain(e):
        words = _pain(e.pain, e.pain_side)
        if e.next_morning_pain is not None:
            words += f", next morning {e.next_morning_pain}/10"
        return words

    worst = max(_worst_pain(e) for e in done)
    lines.append(
        f"Pain: {each(pain)} (at most {criteria.max_pain}/10 to advance; "
        f"{worst}/10 is {_pain_band(worst, criteria.max_pain)})."
    )
    if criteria.max_rpe is not None:
        lines.append(
            f"RPE: {each(lambda e: e.rpe if e.rpe is not None else 'not logged')} "
            f"(at most {criteria.max_rpe} when logged)."
        )
    return lines


# -- Regressing -------------------------------------------------------------------


def _regress_reasons(latest: Sequence[EntryResult], criteria: Criteria) -> list[str]:
    """Why to consider regressing, from the last planned sessions (newest first)."""
    reasons = []
    recent = latest[:SHORTFALL_SESSIONS]
    for entry in (e for e in recent if e.done):
        day = short_date(entry.date)
        if (entry.pain or 0) > REGRESS_PAIN_ABOVE:
            reasons.append(
                f"Pain {_pain(entry.pain, entry.pain_side)} on {day}: "
                f"above {REGRESS_PAIN_ABOVE}/10 (0-3 fine, 4-5 hold)."
            )
        morning = entry.next_morning_pain
        if morning is not None and morning > REGRESS_PAIN_ABOVE:
            reasons.append(
                f"Next-morning pain {morning}/10 after {day}: above {REGRESS_PAIN_ABOVE}/10."
            )
        elif (
            morning is not None
            and morning > criteria.max_pain
            and morning >= (entry.pain or 0) + PAIN_RISE
        ):
            reasons.append(
                f"Next-morning pain {morning}/10 after {day}, worse than the "
                f"{_pain(entry.pain)} in the session: the load may be too much."
            )
    if len(recent) == SHORTFALL_SESSIONS and all(e.done for e in recent):
        for leg in LEGS:
            reps = [e.reps(leg) for e in reversed(recent)]
            prescribed = [e.prescribed(leg) for e in reversed(recent)]
            if all(r is not None and r < p for r, p in zip(reps, prescribed, strict=True)):
                details = ", ".join(
                    f"{short_date(e.date)} {e.reps(leg)} of {e.prescribed(leg)}"
                    for e in reversed(recent)
                )
                reasons.append(
                    f"The {leg} leg fell short of the prescription "
                    f"{SHORTFALL_SESSIONS} sessions in a row ({details})."
                )
    return reasons


# -- The rule ---------------------------------------------------------------------


def counted(entries: Sequence[EntryResult], since: datetime.datetime | None) -> list[EntryResult]:
    """The entries since the latest level change, newest first. A done entry
    counts when it was done after the change; a missed one when its day is not
    before the change's (`since` in local time, so its date is the day)."""

    def after(entry: EntryResult) -> bool:
        if since is None:
            return True
        return entry.completed_at >= since if entry.done else entry.date >= since.date()

    return sorted((e for e in entries if after(e)), key=lambda e: e.date, reverse=True)


def readiness(
    criteria: Criteria,
    entries: Sequence[EntryResult],
    *,
    since: datetime.datetime | None = None,
    has_next: bool,
    has_previous: bool,
) -> Readiness:
    """The verdict for one assignment, with its evidence in words."""
    latest = counted(entries, since)
    n = criteria.sessions_in_row
    window = list(reversed(latest[:n]))  # oldest first reads naturally
    dates = tuple(e.date for e in window)
    streak = 0
    for entry in latest:
        if _misses(entry, criteria):
            break
        streak += 1
    lines = _criteria_lines(window, criteria)
    run = f"{min(streak, n)} of {n} planned sessions in a row at target"

    def verdict(v: Verdict, *evidence: str, next_load=None) -> Readiness:
        return Readiness(v, tuple(evidence), dates, min(streak, n), n, next_load)

    if streak >= n:
        days = ", ".join(short_date(d) for d in dates)
        if has_next:
            return verdict(Verdict.READY, f"{run} ({days}).", *lines)
        if criteria.load_step_kg:
            now = window[-1].prescribed_load_kg or Decimal(0)
            step = criteria.load_step_kg
            return verdict(
                Verdict.ADD_LOAD,
                f"{run} ({days}) at the top level: add {kg(step)}, to {kg(now + step)}.",
                *lines,
                next_load=now + step,
            )
        return verdict(
            Verdict.TOP_LEVEL,
            f"{run} ({days}). There is no harder level: keep it, or add reps.",
            *lines,
        )

    regress = _regress_reasons(latest, criteria)
    if regress:
        if not has_previous:
            regress.append("This is the first level: lower the reps or the load instead.")
        return Readiness(
            Verdict.REGRESS,
            (*regress, *lines),
            tuple(reversed([e.date for e in latest[:SHORTFALL_SESSIONS]])),
            min(streak, n),
            n,
        )

    if not latest:
        return verdict(
            Verdict.NOT_ENOUGH_DATA,
            f"No planned sessions at this level yet; {n} in a row at target are needed.",
        )
    if streak == len(latest):  # every one so far at target, just not enough of them
        return verdict(
            Verdict.NOT_ENOUGH_DATA,
            f"Only {_sessions(len(latest))} at this level so far, at target; "
            f"{n} in a row are needed.",
            *lines,
        )
    misses = _misses(latest[streak], criteria)
    return verdict(Verdict.HOLD, f"{run}: {'; '.join(misses)}.", *lines)
