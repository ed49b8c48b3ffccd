"""Issue 10's journey: the coach shapes Single Leg Deadlift level 2 (3 x 10,
then the suggested extra set on Ana's weaker left leg, by clicking the
suggestion); Ana, on a 390x844 phone, sees the target and the extra set and
logs each leg; the coach reads the verdict and its evidence and advances with
a reason asked in the page; Ana reads that reason on her next card.

"Today" is this week's Wednesday (as in test_coaching_journey.py): Tuesday's
and Wednesday's sessions are both open whatever day the suite runs on."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from athletes import services as athlete_services
from athletes.models import AssessmentTest, Leg
from coaching.models import LevelChange, PrescriptionChange, SessionEntry
from coaching.services.assignments import assign_exercise
from exercises.models import Exercise
from tests import factories

# The pinned Wednesday (its fixture too) and the session headings of the level 1 journey.
from tests.e2e.test_coaching_journey import (  # noqa: F401
    MONDAY,
    TUESDAY,
    WEDNESDAY,
    day_title,
    wednesday,
)


@pytest.fixture
def ana_at_level_2(db):
    """Ana: Single Leg Deadlift level 2 at its defaults (3 x 8) on Tuesdays and
    Wednesdays since Monday; her heel raise shows the left 25 % weaker."""
    coach = factories.coach("carmen")
    ana = factories.athlete(
        coach=coach, user=factories.user("ana"), name="Ana Ruiz", dominant_leg=Leg.RIGHT
    )
    deadlift = Exercise.objects.get(slug="single-leg-deadlift")
    assign_exercise(
        athlete=ana,
        exercise=deadlift,
        level=deadlift.levels.get(order=2),
        sets=3,
        reps_per_leg=8,
        load_kg=None,
        sessions_per_week=2,
        weekdays=[2, 3],
        start_date=MONDAY,
        notes="",
        by=coach,
        today=MONDAY,
    )
    athlete_services.record_assessment(
        athlete=ana,
        test=AssessmentTest.objects.get(slug="single-leg-heel-raise"),
        date=MONDAY,
        left_value=Decimal(30),
        right_value=Decimal(40),
        by=coach,
    )
    return coach, ana


def session_of(page, day: datetime.date):
    return page.locator("section.session", has=page.get_by_role("heading", name=day_title(day)))


def log_each_leg(section, left: str, right: str) -> None:
    section.locator("summary", has_text="Log details").click()
    section.get_by_label("Reps, left leg").fill(left)
    section.get_by_label("Reps, right leg").fill(right)
    section.get_by_label("Pain (0-10)").fill("1")
    section.get_by_role("button", name="Save").click()
    expect(section.get_by_role("status")).to_have_text("Logged. Thanks for the detail!")


@pytest.mark.usefixtures("wednesday")
def test_the_coach_shapes_level_2_ana_logs_each_leg_the_coach_advances(
    open_page, live_server, sign_in, password, ana_at_level_2, screenshot, axe_check
):
    coach, ana = ana_at_level_2

    # -- The coach, on a desktop: 3 x 10, then the suggested extra set, clicked.
    desk = open_page("desktop")
    sign_in(desk, coach.username, password)
    desk.goto(f"{live_server.url}/athletes/{ana.pk}/training/")
    card = desk.locator(".assignment-card")
    expect(card).to_contain_text("3 × 8 each leg")
    card.locator("summary", has_text="Change the prescription").click()
    card.get_by_label("Reps per leg").fill("10")
    card.locator('textarea[name$="-reason"]').fill("Ten clean reps is the target")
    card.get_by_role("button", name="Save the prescription").click()
    expect(card.get_by_role("status")).to_contain_text("Prescription changed.")
    expect(card.locator(".suggestion")).to_contain_text(
        "Left 25 % weaker on the heel raise: one extra set on the left?"
    )
    axe_check(desk)
    screenshot(desk, "progression-coach-suggestion-desktop")
    card.get_by_role("button", name="Add the extra set on the left").click()
    expect(card.get_by_role("status")).to_contain_text("Prescription changed.")
    expect(card).to_contain_text("Left 4 × 10 · Right 3 × 10")
    expect(card.locator(".suggestion")).to_have_count(0)  # taken
    card.locator("summary", has_text="Level history").click()
    expect(card).to_contain_text("Prescription 3 × 10 each leg → Left 4 × 10 · Right 3 × 10")
    expect(card).to_contain_text("one extra set on the left.")
    screenshot(desk, "progression-coach-shaped-desktop")
    assert [c.to_extra_sets_leg for c in PrescriptionChange.objects.order_by("created_at")] == [
        "",
        "left",
    ]

    # -- Ana, on her phone (390 x 844): the target and the extra set; each leg logged.
    phone = open_page("phone")
    assert phone.viewport_size == {"width": 390, "height": 844}
    sign_in(phone, "ana", password)
    tuesday, today = session_of(phone, TUESDAY), session_of(phone, WEDNESDAY)
    expect(tuesday).to_contain_text("3 × 8 each leg")  # planned before: its snapshot
    expect(today).to_contain_text("Left 4 × 10 · Right 3 × 10")
    expect(today).to_contain_text("Aim for 10 each leg.")
    expect(today).to_contain_text("0 of 2 sessions at target in a row.")
    expect(today).to_contain_text("Start on your left leg.")
    log_each_leg(tuesday, "10", "10")  # yesterday's, logged late
    log_each_leg(today, "10", "11")
    expect(today).to_contain_text("10 left, 11 right")
    # Both cards follow the tap (the other one out of band), no reload.
    reached = "2 of 2 sessions at target: ask your coach about level 3."
    expect(today).to_contain_text(reached)
    expect(tuesday).to_contain_text(reached)
    axe_check(phone)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(phone, "progression-ana-logged-phone")

    # -- The coach: the verdict and its evidence, then advancing asks for a reason.
    desk.reload()
    card = desk.locator(".assignment-card")
    readiness = card.locator(".readiness")
    expect(readiness).to_contain_text("Ready to advance")
    expect(readiness).to_contain_text(
        "2 of 2 planned sessions in a row at target "
        f"({TUESDAY.day} {TUESDAY:%b}, {WEDNESDAY.day} {WEDNESDAY:%b})."
    )
    expect(readiness).to_contain_text("10 left, 11 right")
    axe_check(desk)
    screenshot(desk, "progression-coach-ready-desktop")
    dialogs = []
    desk.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    card.locator("summary", has_text="Advance to level 3").click()
    expect(card).to_contain_text("Move Ana Ruiz up to level 3 (Contralateral load)?")
    card.locator('details[open] textarea[name="reason"]').fill("Ten clean reps on each leg, twice")
    screenshot(desk, "progression-coach-advance-confirm-desktop")
    card.get_by_role("button", name="Yes, advance to level 3").click()
    expect(card.get_by_role("status")).to_contain_text("Advanced to level 3 (Contralateral load).")
    assert dialogs == []
    assert LevelChange.objects.get().reason == "Ten clean reps on each leg, twice"

    # -- Ana, next week: level 3, and why.
    phone.reload()
    phone.get_by_role("link", name="Next week").click()
    expect(phone.get_by_role("heading", name="Week of", level=1)).to_be_visible()
    session = session_of(phone, TUESDAY + datetime.timedelta(days=7))
    expect(session).to_contain_text("Level 3")
    expect(session).to_contain_text(
        "Your coach moved you to level 3: Ten clean reps on each leg, twice."
    )
    axe_check(phone)
    screenshot(phone, "progression-ana-next-week-phone")
    levels = dict(
        SessionEntry.objects.filter(session__athlete=ana).values_list(
            "session__date", "level__order"
        )
    )
    assert levels[TUESDAY] == levels[WEDNESDAY] == 2
