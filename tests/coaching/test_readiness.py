"""The progression rule, table by table (no database)."""

import datetime

import pytest

from coaching.readiness import Criteria, EntryResult, Verdict, readiness

NOV = [datetime.date(2025, 11, day) for day in (5, 8, 12, 15)]
RULE = Criteria(reps_per_leg=8, max_pain=3, sessions_in_row=2)


def e(day: int, left=8, right=8, pain=1, prescribed=8) -> EntryResult:
    return EntryResult(datetime.date(2025, 11, day), prescribed, left, right, pain)


CASES = [
    # (name, entries, has_next, has_previous, verdict, words that must appear)
    (
        "two qualifying sessions",
        [e(12), e(15)],
        True,
        True,
        Verdict.READY,
        ["Met 8 reps on both legs with pain ≤ 3/10 in the last 2 sessions (12 Nov, 15 Nov)."],
    ),
    (
        "only the last two count",
        [e(5, left=4), e(12), e(15)],
        True,
        False,
        Verdict.READY,
        ["(12 Nov, 15 Nov)"],
    ),
    (
        "pain not reported counts as none",
        [e(12, pain=None), e(15)],
        True,
        True,
        Verdict.READY,
        ["12 Nov, 15 Nov"],
    ),
    ("above target is fine", [e(12, left=12, right=10), e(15)], True, True, Verdict.READY, []),
    (
        "top level",
        [e(12), e(15)],
        False,
        True,
        Verdict.TOP_LEVEL,
        ["Met 8 reps", "no harder level"],
    ),
    (
        "one leg short of the target",
        [e(12, left=7, prescribed=6), e(15)],
        True,
        True,
        Verdict.HOLD,
        ["Not yet 8 reps on both legs", "12 Nov: left 7, right 8 (target 8 each leg)."],
    ),
    (
        "pain over the maximum but not over 5",
        [e(12), e(15, pain=4)],
        True,
        True,
        Verdict.HOLD,
        ["15 Nov: pain 4/10 (target ≤ 3/10)."],
    ),
    (
        "qualifying streak broken by the latest",
        [e(8), e(12), e(15, left=7, prescribed=7)],
        True,
        True,
        Verdict.HOLD,
        ["15 Nov: left 7"],
    ),
    (
        "pain above 5 in the latest session",
        [e(12), e(15, pain=6)],
        True,
        True,
        Verdict.REGRESS,
        ["Pain 6/10 on 15 Nov (above 5/10)."],
    ),
    (
        "pain above 5 in the session before",
        [e(12, pain=7), e(15)],
        True,
        True,
        Verdict.REGRESS,
        ["Pain 7/10 on 12 Nov"],
    ),
    (
        "pain above 5 in a single session is enough",
        [e(15, pain=8)],
        True,
        True,
        Verdict.REGRESS,
        ["Pain 8/10 on 15 Nov"],
    ),
    (
        "short of the prescription twice",
        [e(12, left=6), e(15, right=5)],
        True,
        True,
        Verdict.REGRESS,
        [
            "Reps fell short of the prescription 2 sessions in a row "
            "(12 Nov: left 6, right 8 of 8; 15 Nov: left 8, right 5 of 8)."
        ],
    ),
    (
        "short twice at the first level",
        [e(12, left=6), e(15, left=6)],
        True,
        False,
        Verdict.REGRESS,
        ["This is the first level: lower the reps or the load instead."],
    ),
    ("short once is a hold", [e(8), e(12, left=6), e(15)], True, True, Verdict.HOLD, []),
    (
        "pain exactly 5 is not a regression",
        [e(12, pain=5), e(15)],
        True,
        True,
        Verdict.HOLD,
        ["pain 5/10"],
    ),
    (
        "no sessions",
        [],
        True,
        True,
        Verdict.NOT_ENOUGH_DATA,
        ["No sessions completed at this level yet; 2 in a row are needed"],
    ),
    ("one session", [e(15)], True, True, Verdict.NOT_ENOUGH_DATA, ["Only 1 session completed"]),
    (
        "reps not recorded",
        [e(12, left=None, right=None), e(15)],
        True,
        True,
        Verdict.NOT_ENOUGH_DATA,
        ["Reps per leg were not recorded on 12 Nov."],
    ),
]


@pytest.mark.parametrize(
    ("entries", "has_next", "has_previous", "verdict", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_verdict_and_evidence(entries, has_next, has_previous, verdict, words):
    result = readiness(RULE, entries, has_next=has_next, has_previous=has_previous)
    assert result.verdict == verdict
    text = " ".join(result.evidence)
    for word in words:
        assert word in text


def test_sessions_in_row_comes_from_the_level():
    rule = Criteria(reps_per_leg=10, max_pain=2, sessions_in_row=3)
    two = [e(12, 10, 10, 2), e(15, 10, 10, 2)]
    assert readiness(rule, two, has_next=True, has_previous=True).verdict == (
        Verdict.NOT_ENOUGH_DATA
    )
    three = [e(8, 10, 10, 0), *two]
    result = readiness(rule, three, has_next=True, has_previous=True)
    assert result.verdict == Verdict.READY
    assert result.sessions == (NOV[1], NOV[2], NOV[3])
    assert "10 reps on both legs with pain ≤ 2/10 in the last 3 sessions" in result.evidence[0]


def test_order_of_input_does_not_matter():
    entries = [e(15), e(5, left=2), e(12)]
    assert readiness(RULE, entries, has_next=True, has_previous=True).verdict == Verdict.READY


def test_summary_reads_as_a_reason():
    result = readiness(RULE, [e(12), e(15)], has_next=True, has_previous=True)
    assert result.summary.startswith("Ready to advance: Met 8 reps on both legs")


@pytest.mark.parametrize("verdict", list(Verdict))
def test_every_verdict_has_words(verdict):
    assert verdict.label
