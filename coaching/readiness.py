"""The progression rule, in one pure function the coach can read.

    readiness(criteria, recent, has_next=..., has_previous=...) -> Readiness

No database access: callers pass the level's criteria and the completed entries
at the current level as plain values. The app only suggests; a level changes
when the coach clicks.

Rules (DESIGN.md, issue 4):
- consider regressing: pain above 5/10 in either of the last two sessions, or
  reps below the prescription on either leg in both of the last two sessions;
- ready to advance: the last N sessions (the level's "sessions in a row",
  default 2) reached the level's reps on BOTH legs with pain at or under the
  level's maximum (default 3/10); at the top level that reads "top level reached";
- not enough data: fewer than N completed sessions, or reps not recorded;
- otherwise hold.
Missing pain counts as "no pain reported": a one-tap "done as prescribed" is
the athlete telling us it went fine.
"""

import datetime
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from coaching.site.formats import short_date

REGRESS_PAIN_ABOVE = 5
SHORTFALL_SESSIONS = 2  # sessions in a row below the prescription


class Verdict(enum.StrEnum):
    READY = "ready"
    TOP_LEVEL = "top"
    HOLD = "hold"
    REGRESS = "regress"
    NOT_ENOUGH_DATA = "no_data"

    @property
    def label(self) -> str:
        return {
            "ready": "Ready to advance",
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
            "top": "ok",
            "hold": "info",
            "regress": "alert",
            "no_data": "",
        }[self.value]


@dataclass(frozen=True)
class Criteria:
    reps_per_leg: int
    max_pain: int = 3
    sessions_in_row: int = 2


@dataclass(frozen=True)
class EntryResult:
    """One completed entry at the current level."""

    date: datetime.date
    prescribed_reps: int
    reps_left: int | None
    reps_right: int | None
    pain: int | None


@dataclass(frozen=True)
class Readiness:
    verdict: Verdict
    evidence: tuple[str, ...]  # sentences for the coach, most important first
    sessions: tuple[datetime.date, ...]  # the sessions the verdict rests on

    @property
    def label(self) -> str:
        return self.verdict.label

    @property
    def summary(self) -> str:
        """Label and evidence in one line: the prefilled reason of a level change."""
        return f"{self.label}: {' '.join(self.evidence)}"


def _days(entries: Sequence[EntryResult]) -> str:
    return ", ".join(short_date(e.date) for e in entries)


def _sessions(n: int) -> str:
    return "1 session" if n == 1 else f"{n} sessions"


def _reps(entry: EntryResult) -> str:
    return f"left {entry.reps_left}, right {entry.reps_right}"


def _recorded(entry: EntryResult) -> bool:
    return entry.reps_left is not None and entry.reps_right is not None


def _qualifies(entry: EntryResult, criteria: Criteria) -> bool:
    return (
        _recorded(entry)
        and min(entry.reps_left, entry.reps_right) >= criteria.reps_per_leg
        and (entry.pain is None or entry.pain <= criteria.max_pain)
    )


def _short(entry: EntryResult) -> bool:
    return _recorded(entry) and min(entry.reps_left, entry.reps_right) < entry.prescribed_reps


def _regress_evidence(latest: Sequence[EntryResult], has_previous: bool) -> list[str]:
    evidence = []
    painful = [e for e in latest[:SHORTFALL_SESSIONS] if e.pain is not None]
    painful = [e for e in painful if e.pain > REGRESS_PAIN_ABOVE]
    for entry in painful:
        evidence.append(f"Pain {entry.pain}/10 on {short_date(entry.date)} (above 5/10).")
    pair = latest[:SHORTFALL_SESSIONS]
    if len(pair) == SHORTFALL_SESSIONS and all(_short(e) for e in pair):
        details = "; ".join(
            f"{short_date(e.date)}: {_reps(e)} of {e.prescribed_reps}" for e in reversed(pair)
        )
        evidence.append(f"Reps fell short of the prescription 2 sessions in a row ({details}).")
    if evidence and not has_previous:
        evidence.append("This is the first level: lower the reps or the load instead.")
    return evidence


def readiness(
    criteria: Criteria,
    recent: Sequence[EntryResult],
    *,
    has_next: bool,
    has_previous: bool,
) -> Readiness:
    """The verdict for one assignment, with its evidence in words."""
    latest = sorted(recent, key=lambda e: e.date, reverse=True)  # newest first
    n = criteria.sessions_in_row

    regress = _regress_evidence(latest, has_previous)
    if regress:
        return Readiness(
            Verdict.REGRESS, tuple(regress), tuple(e.date for e in latest[:SHORTFALL_SESSIONS])
        )

    target = f"{criteria.reps_per_leg} reps on both legs with pain ≤ {criteria.max_pain}/10"
    window = latest[:n]
    if len(window) < n:
        done = f"Only {_sessions(len(window))} completed" if window else "No sessions completed"
        return Readiness(
            Verdict.NOT_ENOUGH_DATA,
            (f"{done} at this level yet; {n} in a row are needed to judge ({target}).",),
            tuple(e.date for e in window),
        )
    unrecorded = [e for e in window if not _recorded(e)]
    if unrecorded:
        return Readiness(
            Verdict.NOT_ENOUGH_DATA,
            (f"Reps per leg were not recorded on {_days(list(reversed(unrecorded)))}.",),
            tuple(e.date for e in window),
        )

    in_order = list(reversed(window))  # oldest first reads naturally
    dates = tuple(e.date for e in in_order)
    if all(_qualifies(e, criteria) for e in window):
        met = f"Met {target} in the last {_sessions(n)} ({_days(in_order)})."
        if has_next:
            return Readiness(Verdict.READY, (met,), dates)
        return Readiness(
            Verdict.TOP_LEVEL, (met, "There is no harder level: keep it or add load."), dates
        )

    missed = []
    for entry in in_order:
        if min(entry.reps_left, entry.reps_right) < criteria.reps_per_leg:
            missed.append(
                f"{short_date(entry.date)}: {_reps(entry)}"
                f" (target {criteria.reps_per_leg} each leg)."
            )
        elif entry.pain is not None and entry.pain > criteria.max_pain:
            missed.append(
                f"{short_date(entry.date)}: pain {entry.pain}/10 (target ≤ {criteria.max_pain}/10)."
            )
    return Readiness(
        Verdict.HOLD,
        (f"Not yet {target} in the last {_sessions(n)}.", *missed),
        dates,
    )
