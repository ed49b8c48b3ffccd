"""The CSRF placeholder of cached fragments (coaching/site/page_cache.py) cannot
be injected through any field a cached page shows.

Every text field of every model those pages show (the library as editors
keep it in the admin included) is filled with text that looks like the
placeholder: the old fixed one, the real one computed here from SECRET_KEY,
and a bare "<csrf". Each cached page, rendered cold and warm, must then carry
the session's CSRF token exactly once per form (and once in <body
hx-headers>), nowhere else, and show the typed text escaped.

No template marks user or admin text safe (grep: `|safe`, `mark_safe`,
`autoescape off` appear only in page_cache itself, the dashboard's join of
rows our template escaped, and the plain-text password e-mail); the text
with line breaks goes through `linebreaksbr`, which escapes first. This test
is what keeps it so."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from athletes import services as athlete_services
from athletes.models import AssessmentTest, Athlete, StrengthAssessment
from coaching.models import Assignment, LevelChange, Run, SessionEntry, TrainingSession
from coaching.services import assignments as coach_services
from coaching.services import sessions as session_services
from coaching.site import page_cache
from exercises.models import CommonMistake, Exercise, ProgressionLevel, TechniqueStep
from tests import factories

pytestmark = pytest.mark.django_db

REAL = (
    "<csrf-"
    + salted_hmac("flamingo.page_cache.csrf", "placeholder", algorithm="sha256").hexdigest()
    + ">"
)
TYPED = (
    REAL + "<csrf" + "<csrf-token-rendered-per-response>"
)  # real one first: short fields keep it
SHOWN = [
    get_user_model(),
    Athlete,
    Exercise,
    TechniqueStep,
    CommonMistake,
    ProgressionLevel,
    AssessmentTest,
    StrengthAssessment,
    Assignment,
    TrainingSession,
    SessionEntry,
    LevelChange,
    Run,
]
HTMX = {"HX-Request": "true"}


def text_fields(model) -> list[str]:
    """What a user or editor types: free text, not slugs, choices or hashes."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField)
        and not field.choices
        and field.editable
        and field.name not in {"password", "username"}
    ]


def fill_every_text_field():
    for model in SHOWN:
        names = text_fields(model)
        for pk in model._default_manager.values_list("pk", flat=True):
            values = {}
            for name in names:
                length = model._meta.get_field(name).max_length
                values[name] = f"{pk} {TYPED}"[:length]  # pk first: unique names stay unique
            model._default_manager.filter(pk=pk).update(**values)


@pytest.fixture
def pages():
    """Every cached page, with text in every field it shows, and who views it."""
    today = timezone.localdate()
    coach = factories.coach("carmen")
    editor = factories.user("eddie", groups=["Content editors"])
    ana = factories.athlete(coach=coach, user=factories.user("ana"))
    drill = factories.exercise("Hinge drill")
    entry = factories.planned_today(ana, drill, today=today).entries.get()
    session_services.record_result(
        entry=entry, reps_left=8, reps_right=8, load_kg=None, pain=1, rpe=5, form_note="x"
    )
    coach_services.comment_on_session(session=entry.session, by=coach, text="x")
    assignment = entry.assignment
    coach_services.change_level(
        assignment=assignment, to_level=drill.levels.get(order=2), by=coach, reason="x"
    )
    athlete_services.record_assessment(
        athlete=ana,
        test=AssessmentTest.objects.first(),
        date=today - datetime.timedelta(days=1),
        left_value=Decimal(10),
        right_value=Decimal(12),
        by=coach,
        notes="x",
    )
    factories.run(ana, today, "quality", "x", description="x")  # on the week and training pages
    fill_every_text_field()
    week = reverse("coaching:week")
    training = reverse("coaching:athlete_training", args=[ana.pk])
    detail = reverse("athletes:detail", args=[ana.pk])
    exercise_page = Exercise.objects.get(pk=drill.pk).get_absolute_url()
    return [
        (ana.user, week, {}),
        (ana.user, week, HTMX),
        (coach, reverse("coaching:dashboard"), {}),
        (coach, reverse("coaching:dashboard") + "?show=all", HTMX),
        (coach, detail, {}),
        (coach, detail, HTMX),
        (coach, training, {}),
        (coach, training, HTMX),
        (coach, reverse("coaching:athlete_running", args=[ana.pk]), {}),
        (coach, reverse("coaching:athlete_running", args=[ana.pk]), HTMX),
        (coach, exercise_page, {}),
        (editor, exercise_page, {}),
    ]


def masked_tokens(html: str, secret: str) -> list[str]:
    candidates = re.findall(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])", html)
    return [token for token in candidates if _unmask_cipher_token(token) == secret]


def test_typed_placeholders_never_become_tokens(pages):
    forms_seen = 0
    for viewer, url, headers in pages:
        client = Client()
        client.force_login(viewer)
        client.get(reverse("coaching:week") if viewer.username == "ana" else url)  # a CSRF cookie
        for visit in ("cold", "warm"):
            response = client.get(url, headers=headers)
            assert response.status_code == 200, (url, visit)
            html, secret = response.content.decode(), client.cookies["csrftoken"].value
            where = f"{url} {headers} {visit}"
            inputs = re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', html)
            body = re.findall(r'"X-CSRFToken": "([^"]*)"', html)
            assert all(_unmask_cipher_token(value) == secret for value in inputs + body), where
            assert len(masked_tokens(html, secret)) == len(inputs) + len(body), where
            assert "<csrf" not in html and str(page_cache.csrf_placeholder()) not in html, where
            assert "&lt;csrf-" + REAL[6:-1] + "&gt;" in html, where  # the typed text, escaped
            forms_seen += len(inputs)
    assert forms_seen >= 20  # the cached forms (check-off, undo) were there to be checked


def test_the_placeholder_comes_from_the_secret_key(settings):
    assert str(page_cache.csrf_placeholder()) == REAL
    assert REAL.startswith("<")  # escaped to &lt; wherever a user's text holds it
