"""The benchmark's verdict: issue 9's targets, as ratios to the reference page."""

import pytest

from bench.run import Row, check_targets


def row(name, *, share, p95, queries=(5, 5), errors=0):
    return Row(
        name=name,
        label=name,
        share_pct=share,
        p95_ms=p95,
        queries_one=queries[0],
        queries_many=queries[1],
        warm_one=queries[0],
        warm_many=queries[1],
        errors=errors,
    )


REFERENCE = Row(name="ref-page", label="ref-page", share_pct=100, p95_ms=20)


@pytest.mark.parametrize(
    ("page", "missed"),
    [
        (row("week", share=40, p95=40), None),
        (row("week", share=39, p95=20), "week: 39 % of the reference (target 40 %)"),
        (row("dashboard", share=25, p95=40), None),
        (row("dashboard", share=24, p95=20), "dashboard: 24 %"),
        (row("athlete-detail", share=30, p95=40), None),
        (row("athlete-detail", share=29, p95=20), "athlete-detail: 29 %"),
        (row("athlete-detail", share=50, p95=41), "athlete-detail: p95 41.0 ms, over 2x"),
        (row("check-off", share=25, p95=60), None),
        (row("check-off", share=25, p95=61), "check-off: p95 61.0 ms, over 3x"),
        (row("week", share=50, p95=20, queries=(4, 5)), "week: queries 4/5"),
        (row("week", share=50, p95=20, queries=(11, 11)), "week: queries 11/11"),
        (row("week", share=50, p95=20, errors=3), "week: 3 errors"),
    ],
)
def test_each_target(page, missed):
    misses = check_targets([REFERENCE, page], load=[])
    if missed is None:
        assert misses == []
    else:
        assert misses and misses[0].startswith(missed), misses
        assert all(m.startswith(page.label) for m in misses), misses


def test_first_load_of_the_week_over_40_kb_is_a_miss():
    assert check_targets([REFERENCE], load=[("week", 30 * 1024), ("css", 11 * 1024)]) == [
        "athlete week first load: 41.0 KB"
    ]
