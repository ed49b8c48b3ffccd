"""The progression rule as a table (no database): every case of issue 10,
with the verdict and the words the coach must read."""

import datetime
from decimal import Decimal

import pytest

from coaching.readiness import Criteria, EntryResult, Verdict, readiness

# Single Leg Deadlift level 2: 3 x 8-10, advance at 10 reps, pain <= 3, RPE <= 8, twice.
LEVEL_2 = Criteria(target_reps=10, max_pain=3, max_rpe=8, sessions_in_row=2)
# Level 3, the top: 8 kg in the hand, 2 kg more once the criteria are met.
LEVEL_3 = Criteria(target_reps=10, sessions_in_row=2, load_step_kg=Decimal(2))
TOP_UNLOADED = Criteria(target_reps=8)


def day(month: int, d: int) -> datetime.date:
    return datetime.date(2025, month, d)


def at(month: int, d: int, hour: int = 18) -> datetime.datetime:
    return datetime.datetime(2025, month, d, hour, tzinfo=datetime.UTC)


def e(d, left=10, right=10, pain=1, prescribed=8, month=11, **more) -> EntryResult:
    """A done session on `d` November (or `month`)."""
    return EntryResult(
        day(month, d),
        prescribed,
        left,
        right,
        completed_at=at(month, d),
        pain=pain,
        **more,
    )


def missed(d, month=11, prescribed=8) -> EntryResult:
    return EntryResult(day(month, d), prescribed)


def loaded(d, load, **more) -> EntryResult:
    return e(d, prescribed_load_kg=Decimal(8), load_kg=Decimal(load), **more)


CASES = [
    # (name, criteria, entries, since, has_next, verdict, words in the evidence)
    # -- the cases at the top of issue 10 --
    (
        "sessions from before a level change do not count",
        LEVEL_2,
        [e(3), e(5)],  # met at this level, then advanced and came back on 7 Nov
        at(11, 7, 9),
        True,
        Verdict.NOT_ENOUGH_DATA,
        ["No planned sessions at this level yet"],
    ),
    (
        "old pain at the level before advancing again does not count",
        LEVEL_2,
        [e(3, pain=6)],
        at(11, 7, 9),
        True,
        Verdict.NOT_ENOUGH_DATA,
        [],
    ),
    (
        "a level change mid-week: only what was done after it",
        LEVEL_2,
        [e(3, pain=6), e(8), e(10)],
        at(11, 7, 9),
        True,
        Verdict.READY,
        ["2 of 2 planned sessions in a row at target (8 Nov, 10 Nov)."],
    ),
    (
        "a compliant athlete on the prescription (8 of a 10-rep target) holds, and sees why",
        LEVEL_2,
        [e(3, 8, 8, 0), e(5, 8, 8, 0), e(8, 8, 8, 0), e(10, 8, 8, 0)],
        None,
        True,
        Verdict.HOLD,
        ["0 of 2", "10 Nov: 8 reps left (target 10)", "8 reps right (target 10)"],
    ),
    (
        "reps short of a 12-rep prescription but at the level's target: ready, not regress",
        LEVEL_2,
        [e(12, prescribed=12), e(15, prescribed=12)],
        None,
        True,
        Verdict.READY,
        ["Reps per leg: 12 Nov 10 left, 10 right; 15 Nov 10 left, 10 right (target 10 each leg)."],
    ),
    (
        "one rep short on alternating legs is a hold",
        Criteria(target_reps=8),
        [e(12, 7, 8), e(15, 8, 7)],
        None,
        True,
        Verdict.HOLD,
        ["15 Nov: 7 reps right (target 8)"],
    ),
    (
        "load is not ignored: 10/10 at 0 kg on the loaded top level",
        LEVEL_3,
        [loaded(12, 0), loaded(15, 0)],
        None,
        False,
        Verdict.HOLD,
        ["15 Nov: load 0 kg (at least 8 kg)", "Load: 12 Nov 0 kg; 15 Nov 0 kg (at least 8 kg)."],
    ),
    (
        "a missed planned session breaks the run",
        LEVEL_2,
        [e(1, month=9), missed(6), missed(10), e(13)],
        None,
        True,
        Verdict.HOLD,
        ["1 of 2 planned sessions in a row at target: 10 Nov was missed"],
    ),
    (
        "pain 4 is acceptable but holds, and the evidence says so",
        LEVEL_2,
        [e(12), e(15, pain=4, pain_side="left")],
        None,
        True,
        Verdict.HOLD,
        ["15 Nov: pain 4/10 (left), acceptable, but above 3/10: hold", "Pain: 12 Nov 1/10"],
    ),
    (
        "RPE 10 matters",
        LEVEL_2,
        [e(12, rpe=7), e(15, rpe=10)],
        None,
        True,
        Verdict.HOLD,
        ["15 Nov: RPE 10 (at most 8)", "RPE: 12 Nov 7; 15 Nov 10 (at most 8 when logged)."],
    ),
    # -- and the Tests section's --
    (
        "one leg logged",
        LEVEL_2,
        [e(12), e(15, right=None)],
        None,
        True,
        Verdict.HOLD,
        ["15 Nov: right leg not recorded"],
    ),
    (
        "a level with no next level and no load step",
        TOP_UNLOADED,
        [e(12), e(15)],
        None,
        False,
        Verdict.TOP_LEVEL,
        ["no harder level"],
    ),
    (
        "loaded top level, load lifted: ready to add load with the next step",
        LEVEL_3,
        [loaded(12, 8), loaded(15, 8)],
        None,
        False,
        Verdict.ADD_LOAD,
        ["at the top level: add 2 kg, to 10 kg.", "Load: 12 Nov 8 kg; 15 Nov 8 kg"],
    ),
    (
        "a range at the level: 9 of 8-10 holds",
        LEVEL_2,
        [e(12, 9, 9), e(15, 9, 10)],
        None,
        True,
        Verdict.HOLD,
        ["15 Nov: 9 reps left (target 10)"],
    ),
    (
        "next-morning pain above 5 means regressing",
        LEVEL_2,
        [e(12), e(15, pain=2, next_morning_pain=6)],
        None,
        True,
        Verdict.REGRESS,
        ["Next-morning pain 6/10 after 15 Nov: above 5/10."],
    ),
    (
        "next-morning pain clearly worse than the session's",
        LEVEL_2,
        [e(12), e(15, pain=1, next_morning_pain=4)],
        None,
        True,
        Verdict.REGRESS,
        ["Next-morning pain 4/10 after 15 Nov, worse than the 1/10 in the session"],
    ),
    (
        "next-morning pain 4 after 3 in the session holds",
        LEVEL_2,
        [e(12), e(15, pain=3, next_morning_pain=4)],
        None,
        True,
        Verdict.HOLD,
        ["15 Nov: next-morning pain 4/10, acceptable, but above 3/10: hold"],
    ),
    (
        "next-morning pain within the limit does not stop advancing",
        LEVEL_2,
        [e(12, next_morning_pain=2), e(15, pain=0, next_morning_pain=1)],
        None,
        True,
        Verdict.READY,
        ["15 Nov 0/10, next morning 1/10"],
    ),
    # -- the rest of the rule --
    (
        "pain above 5 in the session",
        LEVEL_2,
        [e(12), e(15, pain=6, pain_side="right")],
        None,
        True,
        Verdict.REGRESS,
        ["Pain 6/10 (right) on 15 Nov: above 5/10 (0-3 fine, 4-5 hold)."],
    ),
    (
        "the same leg short of the prescription twice",
        LEVEL_2,
        [e(12, 6, 8), e(15, 7, 8)],
        None,
        True,
        Verdict.REGRESS,
        [
            "The left leg fell short of the prescription 2 sessions in a row "
            "(12 Nov 6 of 8, 15 Nov 7 of 8)."
        ],
    ),
    (
        "each leg against its own prescription: the shaped leg short of its 10",
        LEVEL_2,
        [
            e(12, 9, 8, shaped_leg="left", leg_reps=10),
            e(15, 9, 9, shaped_leg="left", leg_reps=10),
        ],
        None,
        True,
        Verdict.REGRESS,
        [
            "The left leg fell short of the prescription 2 sessions in a row "
            "(12 Nov 9 of 10, 15 Nov 9 of 10)."
        ],
    ),
    (
        "each leg against its own prescription: 6 on the leg given 6 is not short",
        LEVEL_2,
        [
            e(12, 6, 8, shaped_leg="left", leg_reps=6),
            e(15, 6, 8, shaped_leg="left", leg_reps=6),
        ],
        None,
        True,
        Verdict.HOLD,
        ["15 Nov: 6 reps left (target 10)"],
    ),
    (
        "short twice with a missed session between is not in a row",
        LEVEL_2,
        [e(12, 6, 8), missed(14), e(15, 7, 8)],
        None,
        True,
        Verdict.HOLD,
        [],
    ),
    (
        "one session at target is not enough",
        LEVEL_2,
        [e(15)],
        None,
        True,
        Verdict.NOT_ENOUGH_DATA,
        ["Only 1 session at this level so far, at target; 2 in a row are needed."],
    ),
    (
        "pain not reported counts as none",
        LEVEL_2,
        [e(12, pain=None), e(15)],
        None,
        True,
        Verdict.READY,
        ["Pain: 12 Nov not reported; 15 Nov 1/10"],
    ),
    (
        "only the last two count",
        LEVEL_2,
        [e(5, left=4), e(12), e(15)],
        None,
        True,
        Verdict.READY,
        ["(12 Nov, 15 Nov)"],
    ),
]


@pytest.mark.parametrize(
    ("criteria", "entries", "since", "has_next", "verdict", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_verdict_and_evidence(criteria, entries, since, has_next, verdict, words):
    result = readiness(
        criteria,
        entries,
        since=since,
        has_next=has_next,
        has_previous=True,
    )
    assert result.verdict == verdict, result.evidence
    text = " ".join(result.evidence)
    for word in words:
        assert word in text


@pytest.mark.parametrize(
    ("criteria", "entries", "criteria_named"),
    [
        (LEVEL_2, [e(12), e(15)], ["Reps per leg:", "Pain:", "RPE:"]),
        (LEVEL_3, [loaded(12, 8), loaded(15, 0)], ["Reps per leg:", "Load:", "Pain:", "RPE:"]),
        (LEVEL_2, [e(12), e(15, pain=6)], ["Reps per leg:", "Pain:", "RPE:"]),
    ],
)
def test_evidence_names_every_criterion_checked(criteria, entries, criteria_named):
    text = " ".join(readiness(criteria, entries, has_next=True, has_previous=True).evidence)
    for name in criteria_named:
        assert name in text


def test_regressing_at_the_first_level_suggests_less_instead():
    result = readiness(LEVEL_2, [e(15, pain=7)], has_next=True, has_previous=False)
    assert result.verdict == Verdict.REGRESS
    assert "This is the first level: lower the reps or the load instead." in result.evidence


def test_sessions_in_row_comes_from_the_level():
    rule = Criteria(target_reps=10, max_pain=2, sessions_in_row=3)
    two = [e(12, pain=2), e(15, pain=2)]
    assert readiness(rule, two, has_next=True, has_previous=True).verdict == (
        Verdict.NOT_ENOUGH_DATA
    )
    result = readiness(rule, [e(8, pain=0), *two], has_next=True, has_previous=True)
    assert result.verdict == Verdict.READY
    assert result.sessions == (day(11, 8), day(11, 12), day(11, 15))
    assert (result.streak, result.needed) == (3, 3)
    assert result.headline.startswith("3 of 3 planned sessions in a row at target")


def test_order_of_input_does_not_matter():
    entries = [e(15), e(5, left=2), e(12)]
    assert readiness(LEVEL_2, entries, has_next=True, has_previous=True).verdict == Verdict.READY


def test_streak_counts_for_the_athletes_card():
    result = readiness(LEVEL_2, [e(12, 8, 8), e(15)], has_next=True, has_previous=True)
    assert (result.verdict, result.streak, result.needed) == (Verdict.HOLD, 1, 2)


def test_no_rpe_limit_means_rpe_is_not_checked():
    rule = Criteria(target_reps=10, max_rpe=None)
    result = readiness(rule, [e(12, rpe=10), e(15, rpe=10)], has_next=True, has_previous=True)
    assert result.verdict == Verdict.READY
    assert "RPE" not in " ".join(result.evidence)


def test_summary_reads_as_a_reason():
    result = readiness(LEVEL_2, [e(12), e(15)], has_next=True, has_previous=True)
    assert result.summary.startswith("Ready to advance: 2 of 2 planned sessions in a row")


@pytest.mark.parametrize("verdict", list(Verdict))
def test_every_verdict_has_words(verdict):
    assert verdict.label
