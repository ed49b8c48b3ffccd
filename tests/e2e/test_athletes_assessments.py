"""Issue 11 in a real browser: the coach lands on the athlete's symmetry from
the dashboard, corrects a mistyped hop and records "unable"; the athlete reads
her results in plain words on a phone."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from athletes import demo, services
from athletes.models import AssessmentTest, Athlete
from tests import factories


@pytest.fixture
def roster(db):
    coach = factories.coach("coach", first_name="Carmen", last_name="Ortiz")
    ana = factories.user("ana", email="ana@example.com")
    demo.populate(coach=coach, ana=ana)
    return coach, Athlete.objects.get(user=ana)


def sign_in_to(page, live_server, username, password, path):
    page.goto(f"{live_server.url}/accounts/login/?next={path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{path}")


def test_coach_lands_on_symmetry_corrects_a_typo_and_records_unable(
    open_page, live_server, roster, password, screenshot, axe_check
):
    coach, ana = roster
    hop = AssessmentTest.objects.get(slug="single-leg-hop-distance")
    services.record_assessment(
        athlete=ana, test=hop, date=timezone.localdate(), left_value=Decimal(13),
        right_value=Decimal(140), by=coach,
    )  # fmt: skip  # 131 typed as 13
    page = open_page("desktop")
    sign_in_to(page, live_server, "coach", password, "/dashboard/")
    ana_row = page.locator("tr", has=page.get_by_role("link", name="Ana Ruiz"))
    expect(ana_row).to_contain_text("Involved left 91 % behind")
    expect(page.locator("tr", has_text="Marco Bellini")).to_contain_text("LSI")  # not only flags
    screenshot(page, "assess-dashboard-desktop")

    page.get_by_role("link", name="Ana Ruiz").click()
    expect(page.get_by_role("heading", name="Ana Ruiz", level=1)).to_be_visible()
    latest = page.locator(".latest-card", has=page.get_by_role("heading", name="Hop for distance"))
    expect(latest).to_contain_text("Left 13 · Right 140 cm")
    expect(latest).to_contain_text("LSI 9 %")
    expect(latest).to_have_class(re.compile("latest-card-flagged"))
    axe_check(page)
    screenshot(page, "assess-athlete-landing-desktop")

    hop_heading = page.get_by_role("heading", name="Single-leg hop for distance")
    history = page.locator(".test-history", has=hop_heading)
    history.get_by_role("link", name=re.compile("^Correct hop for distance")).first.click()
    expect(page.get_by_role("heading", name=re.compile("Correct: Single-leg hop"))).to_be_visible()
    page.get_by_label("Left leg (cm)").fill("131")
    page.get_by_label("Reason").fill("typo: 131, not 13")
    axe_check(page)
    screenshot(page, "assess-correct-form-desktop")
    page.get_by_role("button", name="Save the correction").click()

    expect(page.get_by_text(re.compile("Single-leg hop for distance corrected"))).to_be_visible()
    expect(latest).to_contain_text("Left 131 · Right 140 cm")
    expect(latest).to_contain_text("within measurement noise")
    expect(latest).not_to_have_class(re.compile("latest-card-flagged"))
    expect(history.locator(".change-list")).to_contain_text("left 13 → 131")
    expect(history.locator(".change-list")).to_contain_text("“typo: 131, not 13”")
    screenshot(page, "assess-corrected-desktop")

    # "Unable" on the left, on a timed test: its own outcome, and a flag.
    page.evaluate("window.__noReload = true")
    form = page.locator("#record-assessment")
    form.get_by_label("Test").select_option(label="Single-leg timed hop, 6 m")
    expect(form.get_by_label("Right leg (seconds)")).to_be_visible()  # units follow the test
    expect(form.locator("#test-details")).to_contain_text("lower is better")
    form.get_by_label("Left leg could not do it").check()
    form.get_by_label("Right leg (seconds)").fill("2.3")
    form.get_by_role("button", name="Save assessment").click()
    expect(page.get_by_role("status").filter(has_text="Saved: timed hop")).to_be_visible()
    timed = page.locator(".latest-card", has=page.get_by_role("heading", name="Timed hop"))
    expect(timed).to_contain_text("Left unable · Right 2.3 seconds")
    expect(timed).to_contain_text("Left: unable")
    expect(timed).to_have_class(re.compile("latest-card-flagged"))
    assert page.evaluate("window.__noReload === true")
    axe_check(page)
    screenshot(page, "assess-unable-desktop")

    page.goto(f"{live_server.url}/dashboard/")
    expect(ana_row).to_contain_text("Left: unable")

    # The one-page report for her physiotherapist, as printed.
    page.goto(f"{live_server.url}/athletes/{ana.pk}/report/")
    expect(page.get_by_role("heading", name="Ana Ruiz: single-leg assessments")).to_be_visible()
    expect(page.locator(".report-table")).to_contain_text("Left: unable")
    axe_check(page)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    screenshot(page, "assess-report-print")


def test_typed_values_survive_choosing_the_test(open_page, live_server, roster, password):
    _, ana = roster
    page = open_page("desktop")
    sign_in_to(page, live_server, "coach", password, f"/athletes/{ana.pk}/")
    form = page.locator("#record-assessment")
    form.get_by_label("Date").fill("2026-01-05")
    form.get_by_label("Left leg", exact=True).fill("27")
    form.get_by_label("Test").select_option(label="Single-leg heel raise to fatigue")
    expect(form.get_by_label("Left leg (reps)")).to_be_visible()
    expect(form.get_by_label("Left leg (reps)")).to_have_value("27")
    expect(form.get_by_label("Date")).to_have_value("2026-01-05")


def test_ana_reads_her_results_in_plain_words_on_a_phone(
    open_page, live_server, roster, password, screenshot, axe_check
):
    page = open_page("phone")
    sign_in_to(page, live_server, "ana", password, "/athletes/me/")
    expect(page.get_by_text("Both legs are about even on the heel raise test.")).to_be_visible()
    expect(page.get_by_text(re.compile("About the same as last time")).first).to_be_visible()
    expect(
        page.get_by_text("Your left leg is 9 % weaker on the single-leg deadlift test.")
    ).to_be_visible()
    expect(page.get_by_text(re.compile("your left leg’s score as a share"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe_check(page)
    screenshot(page, "assess-my-results-phone")
