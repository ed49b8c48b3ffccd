"""The whole loop: ana trains on her phone, the app explains to the coach that
she is ready, the coach advances her, and ana sees level 2 next week.

"Today" is pinned to this week's Wednesday (the live server runs in this
process), so her Tuesday and Wednesday sessions are both open for check-off
whatever day the suite runs on."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from athletes.models import Leg
from coaching.models import LevelChange, SessionEntry
from coaching.services.assignments import assign_exercise
from coaching.services.sessions import monday_of
from exercises.models import Exercise
from tests import factories

MONDAY = monday_of(timezone.localdate())
TUESDAY = MONDAY + datetime.timedelta(days=1)
WEDNESDAY = MONDAY + datetime.timedelta(days=2)


@pytest.fixture
def wednesday(monkeypatch):
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return WEDNESDAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return WEDNESDAY


@pytest.fixture
def ana_assigned(db, wednesday):
    """On Monday the coach assigned the Single Leg Deadlift, level 1, 2 sets of 10
    on Tuesdays and Wednesdays (10 reps is the level's target)."""
    coach = factories.coach("carmen")
    ana = factories.athlete(
        coach=coach, user=factories.user("ana"), name="Ana Ruiz", dominant_leg=Leg.RIGHT
    )
    deadlift = Exercise.objects.get(slug="single-leg-deadlift")
    assign_exercise(
        athlete=ana,
        exercise=deadlift,
        level=deadlift.levels.get(order=1),
        sets=2,
        reps_per_leg=10,
        load_kg=None,
        sessions_per_week=2,
        weekdays=[2, 3],
        start_date=MONDAY,
        notes="",
        by=coach,
        today=MONDAY,
    )
    return coach, ana


def day_title(day: datetime.date) -> re.Pattern:
    return re.compile(f"{day:%A} {day.day} {day:%B}")


def test_ana_trains_the_coach_advances_ana_sees_level_2(
    open_page, live_server, sign_in, password, ana_assigned, screenshot, axe_check
):
    coach, ana = ana_assigned

    # -- Ana, on her phone: Tuesday as prescribed, Wednesday (today) with detail.
    phone = open_page("phone")
    sign_in(phone, "ana", password)
    expect(phone.get_by_role("heading", name="This week", level=1)).to_be_visible()
    tuesday = phone.locator(
        "section.session", has=phone.get_by_role("heading", name=day_title(TUESDAY))
    )
    today = phone.locator(
        "section.session", has=phone.get_by_role("heading", name=day_title(WEDNESDAY))
    )
    expect(today).to_contain_text("2 × 10 each leg")
    expect(today).to_contain_text("Level 1")

    tuesday.get_by_role("button", name="Done as prescribed").click()
    expect(tuesday.get_by_role("status")).to_have_text("Done as prescribed. Nice work!")

    today.locator("summary", has_text="Log details").click()
    today.get_by_label("Reps, left leg").fill("10")
    today.get_by_label("Reps, right leg").fill("11")
    today.get_by_label("Pain (0-10)").fill("2")
    today.get_by_label("Where did it hurt?").select_option("left")
    today.get_by_label("Note").fill("touched down once on the left")
    today.get_by_role("button", name="Save").click()
    expect(today.get_by_role("status")).to_have_text("Logged. Thanks for the detail!")
    expect(today).to_contain_text("10 left, 11 right")
    # The effort, once for the whole session (not in each exercise): one tap.
    expect(today).to_contain_text("How hard was the session overall?")
    today.get_by_role("button", name="6", exact=True).click()
    expect(today.get_by_role("status")).to_have_text("Effort saved. Thanks!")
    expect(today).to_contain_text("You said 6/10.")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone, "journey-ana-checked-off-phone")

    # -- The coach, on a desktop: the dashboard says why Ana is ready.
    desk = open_page("desktop")
    sign_in(desk, coach.username, password)
    expect(desk.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    desk.get_by_role("link", name=re.compile("Ready to advance")).click()
    expect(desk).to_have_url(re.compile(r"show=ready"))
    row = desk.get_by_role("row", name=re.compile("Ana Ruiz"))
    expect(row).to_contain_text("Single Leg Deadlift · level 1")
    expect(row).to_contain_text("Ready to advance")
    expect(row).to_contain_text("2 / 2 · 100 %")
    axe_check(desk)
    screenshot(desk, "journey-coach-dashboard-ready-desktop")

    row.get_by_role("link", name="Ana Ruiz").click()  # her page: symmetry first (issue 11)
    desk.get_by_role("navigation", name="Ana Ruiz: sections").get_by_role(
        "link", name="Training"
    ).click()
    card = desk.locator(".assignment-card")
    evidence = (
        "2 of 2 planned sessions in a row at target "
        f"({TUESDAY.day} {TUESDAY:%b}, {WEDNESDAY.day} {WEDNESDAY:%b})."
    )
    expect(card.locator(".readiness")).to_contain_text("Ready to advance")
    expect(card.locator(".readiness")).to_contain_text(evidence)
    history = desk.locator("#history")
    expect(history).to_contain_text("touched down once on the left")
    axe_check(desk)
    screenshot(desk, "journey-coach-training-ready-desktop")

    # Advancing asks in the page (no browser dialog), with a reason Ana will read.
    dialogs = []
    desk.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    card.locator("summary", has_text="Advance to level 2").click()
    expect(card).to_contain_text("Move Ana Ruiz up to level 2 (Bodyweight, free-standing)?")
    reason = card.locator('details[open] textarea[name="reason"]')
    expect(reason).to_have_value("Target reached 2 planned sessions in a row")
    reason.fill("Clean reps twice in a row")
    axe_check(desk)
    screenshot(desk, "journey-coach-advance-confirm-desktop")
    card.get_by_role("button", name="Yes, advance to level 2").click()
    expect(card.get_by_role("status")).to_contain_text(
        "Advanced to level 2 (Bodyweight, free-standing)."
    )
    assert dialogs == []
    expect(card).to_contain_text("Level 2 of 3")
    expect(card.locator(".readiness")).to_contain_text("Not enough data")
    card.locator("summary", has_text="Level history").click()
    expect(card).to_contain_text("Advanced from level 1 to 2 by Carmen. Clean reps twice in a row")
    axe_check(desk)
    screenshot(desk, "journey-coach-advanced-desktop")
    assert LevelChange.objects.get().reason == "Clean reps twice in a row"

    # The coach shapes level 2: 3 x 10, one extra set on the left (her weaker side).
    card.locator("summary", has_text="Change the prescription").click()
    card.get_by_label("Reps per leg").fill("10")
    card.get_by_label("One leg apart").select_option("left")
    card.get_by_label("Extra sets on that leg").fill("1")
    card.locator('textarea[name$="-reason"]').fill("Left side lags")
    card.get_by_role("button", name="Save the prescription").click()
    expect(card.get_by_role("status")).to_contain_text("Prescription changed.")
    expect(card).to_contain_text("Left 4 × 10 · Right 3 × 10")
    card.locator("summary", has_text="Level history").click()
    expect(card).to_contain_text("Prescription 3 × 8 each leg → Left 4 × 10 · Right 3 × 10")
    axe_check(desk)
    screenshot(desk, "journey-coach-prescription-desktop")
    # What she did this week stays level 1; next week's sessions are level 2.
    levels = dict(
        SessionEntry.objects.filter(session__athlete=ana).values_list(
            "session__date", "level__order"
        )
    )
    assert levels[TUESDAY] == levels[WEDNESDAY] == 1
    assert {levels[d] for d in levels if d > WEDNESDAY} == {2}

    # -- Ana, next week: level 2 with its prescription.
    phone.reload()
    expect(today).to_contain_text("Level 1")
    phone.get_by_role("link", name="Next week").click()
    expect(phone.get_by_role("heading", name="Week of", level=1)).to_be_visible()
    next_tuesday = TUESDAY + datetime.timedelta(days=7)
    session = phone.locator(
        "section.session", has=phone.get_by_role("heading", name=day_title(next_tuesday))
    )
    expect(session).to_contain_text("Level 2")
    expect(session).to_contain_text("Bodyweight, free-standing")
    expect(session).to_contain_text("Left 4 × 10 · Right 3 × 10")
    expect(session).to_contain_text("Aim for 10 each leg.")
    expect(session).to_contain_text("Your coach moved you to level 2: Clean reps twice in a row.")
    axe_check(phone)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone, "journey-ana-next-week-phone")
