"""Athlete and assessment journeys in a real browser: the coach on a desktop,
athletes on a 390x844 phone."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from athletes import demo
from athletes.models import Athlete
from tests import factories


@pytest.fixture
def roster(db):
    """The demo roster: coach with 9 athletes, ana with three months of results."""
    coach = factories.coach("coach", first_name="Carmen", last_name="Ortiz")
    ana = factories.user("ana", email="ana@example.com")
    demo.populate(coach=coach, ana=ana)
    return coach, ana


def sign_in_to(page, live_server, username, password, path):
    page.goto(f"{live_server.url}/accounts/login/?next={path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{path}")


def test_coach_records_an_assessment_and_sees_it_in_place(
    open_page, live_server, roster, password, screenshot, axe_check
):
    page = open_page("desktop")
    sign_in_to(page, live_server, "coach", password, "/athletes/")
    expect(page.get_by_role("heading", name="Athletes", level=1)).to_be_visible()
    expect(page.locator(".roster-card")).to_have_count(9)
    expect(page.locator(".roster-card-flagged")).to_have_count(1)  # Sofia: 6 reps is noise
    axe_check(page)
    screenshot(page, "athletes-roster-desktop")

    # Live search by name: no submit needed.
    page.get_by_label("Search by name").press_sequentially("ana r", delay=30)
    expect(page.locator(".roster-card")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/athletes/\?q=ana"))
    page.get_by_role("link", name="Ana Ruiz").click()

    expect(page.get_by_role("heading", name="Ana Ruiz", level=1)).to_be_visible()
    expect(page.get_by_role("navigation", name="Ana Ruiz: sections")).to_contain_text("Assessments")
    heel = page.locator(".test-history", has=page.get_by_role("heading", name="heel raise"))
    rows_before = heel.locator("tbody tr").count()
    axe_check(page)
    screenshot(page, "athletes-detail-desktop")

    # Mark the document: if the page reloads, the mark is gone.
    page.evaluate("window.__noReload = true")
    form = page.locator("#record-assessment")
    form.get_by_label("Test").select_option(label="Single-leg heel raise to fatigue")
    expect(form.get_by_label("Left leg (reps)")).to_be_visible()  # units follow the test
    form.get_by_label("Date").fill((timezone.localdate()).isoformat())
    form.get_by_label("Left leg (reps)").fill("-3")
    form.get_by_label("Right leg (reps)").fill("34")
    form.get_by_role("button", name="Save assessment").click()
    error = page.locator("#id_left_value_error")
    expect(error).to_have_text("Enter 0 or more.")
    expect(form.get_by_label("Left leg (reps)")).to_have_attribute("aria-invalid", "true")
    expect(heel.locator("tbody tr")).to_have_count(rows_before)
    axe_check(page)
    screenshot(page, "athletes-record-error-desktop")

    form.get_by_label("Left leg (reps)").fill("32")
    form.get_by_role("button", name="Save assessment").click()
    expect(page.get_by_role("status").filter(has_text="Saved: heel raise")).to_be_visible()
    expect(heel.locator("tbody tr")).to_have_count(rows_before + 1)
    expect(heel.locator("tbody tr.row-new")).to_contain_text("Involved left 6 % behind")
    expect(heel.locator(".chart-lsi .chart-marker")).to_have_count(rows_before + 1)
    expect(page.locator("#id_left_value_error")).to_have_count(0)
    assert page.evaluate("window.__noReload === true")  # updated in place
    screenshot(page, "athletes-record-saved-desktop")


def test_coach_invites_a_new_athlete_who_joins_on_a_phone(
    open_page, live_server, roster, password, screenshot, axe_check
):
    page = open_page("desktop")
    sign_in_to(page, live_server, "coach", password, "/athletes/new/")
    page.get_by_label("Name").fill("Nico Vidal")
    page.get_by_label("Goal event").fill("Trail 30 km")
    page.get_by_role("button", name="Add athlete").click()
    expect(page.get_by_role("heading", name="Nico Vidal", level=1)).to_be_visible()
    added = page.get_by_text("Nico Vidal added. Create an invite so they can sign in.")
    expect(added).to_be_visible()
    page.get_by_role("button", name="Create an invite link").click()
    link = page.get_by_label(re.compile("Invite link"))
    expect(link).to_have_value(re.compile(r"/athletes/invite/"))
    expect(added).to_have_count(0)  # done with: the invite exists
    # The whole link is shown (wrapped, not cut), and one click copies it.
    url = link.input_value()
    assert link.evaluate("el => el.scrollWidth <= el.clientWidth")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator("#invite-link-copied")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == url
    axe_check(page)
    screenshot(page, "athletes-invite-desktop")

    phone = open_page("phone")
    phone.goto(url)
    expect(phone.get_by_role("heading", name="Welcome, Nico Vidal")).to_be_visible()
    axe_check(phone)
    phone.get_by_label("Username").fill("nico")
    phone.get_by_label("Your email").fill("nico@example.org")  # the coach typed none
    phone.get_by_label("Password", exact=True).fill("trail-legs-2026")
    phone.get_by_label("Password again").fill("trail-legs-2026")
    screenshot(phone, "athletes-invite-accept-phone")
    phone.get_by_role("button", name="Create my login").click()
    expect(phone.get_by_role("heading", name="Your results")).to_be_visible()
    expect(phone.get_by_text("No results yet")).to_be_visible()

    # The same link cannot be used twice.
    phone.get_by_role("button", name="Sign out").click()
    phone.goto(url)
    expect(phone.get_by_role("heading", name="This invite was already used")).to_be_visible()
    screenshot(phone, "athletes-invite-used-phone")


def test_ana_sees_her_results_on_a_phone(
    open_page, live_server, roster, password, screenshot, axe_check
):
    page = open_page("phone")
    sign_in_to(page, live_server, "ana", password, "/athletes/me/")
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    expect(page.get_by_text("Both legs are about even on the heel raise test.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"About the same as last time")).first).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("heel raise to fatigue"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe_check(page)
    screenshot(page, "athletes-my-results-phone")

    page.get_by_text("All 7 results").click()
    expect(page.get_by_role("table").first).to_be_visible()
    screenshot(page, "athletes-my-results-table-phone")

    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_coach_archives_and_unarchives_an_athlete(open_page, live_server, roster, password):
    coach, _ = roster
    marco = Athlete.objects.get(coach=coach, name="Marco Bellini")
    page = open_page("desktop")
    sign_in_to(page, live_server, "coach", password, f"/athletes/{marco.pk}/")
    page.get_by_role("link", name="Archive").click()
    expect(page.get_by_role("heading", name="Archive Marco Bellini?")).to_be_visible()
    page.get_by_role("button", name="Archive Marco Bellini").click()
    expect(page.get_by_text("Marco Bellini archived.")).to_be_visible()
    expect(page.locator(".roster-card", has_text="Marco Bellini")).to_have_count(0)
    page.get_by_role("link", name=re.compile("Archived athletes")).click()
    page.get_by_role("button", name="Unarchive Marco Bellini").click()
    expect(page.get_by_text("Marco Bellini is back on your roster.")).to_be_visible()
