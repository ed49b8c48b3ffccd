import pytest
from django.urls import reverse

from athletes.auth import COACHES
from exercises.models import Exercise
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sld():
    return Exercise.objects.get(slug="single-leg-deadlift")


def admin_urls(exercise):
    return [
        reverse("admin:exercises_exercise_changelist"),
        reverse("admin:exercises_exercise_add"),
        reverse("admin:exercises_exercise_change", args=[exercise.pk]),
    ]


def test_editor_can_use_the_exercise_admin(client, editor, sld):
    client.force_login(editor)
    for url in admin_urls(sld):
        assert client.get(url).status_code == 200, url
    change = client.get(admin_urls(sld)[2]).content.decode()
    # Inline steps, mistakes and levels, with their order fields, and a view-on-site link.
    for prefix in ("steps", "mistakes", "levels"):
        assert f'name="{prefix}-0-order"' in change
    assert 'name="steps-4-order"' in change and 'name="levels-2-order"' in change
    assert "View on site" in change
    assert 'name="_save"' in change


def test_editor_changelist_search_and_filters(client, editor):
    client.force_login(editor)
    url = reverse("admin:exercises_exercise_changelist")
    body = client.get(url, {"q": "deadlift"}).content.decode()
    assert "Single Leg Deadlift" in body and "Split squat" not in body
    body = client.get(url, {"focus__exact": "calf", "published__exact": "1"}).content.decode()
    assert "Single-leg calf raise" in body and "Single Leg Deadlift" not in body


def test_view_on_site_leads_to_the_library_page(client, editor, sld):
    from django.contrib.contenttypes.models import ContentType

    client.force_login(editor)
    ct = ContentType.objects.get_for_model(Exercise)
    response = client.get(reverse("admin:view_on_site", args=[ct.pk, sld.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith(sld.get_absolute_url())


def test_editor_sees_only_the_library_in_the_admin(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert "Exercise library" in index
    assert "/admin/auth/" not in index


def test_editor_publishes_a_draft_with_the_admin_action(client, editor, db):
    draft = factories.exercise("Secret hop", published=False)
    client.force_login(editor)
    response = client.post(
        reverse("admin:exercises_exercise_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.published


def test_staff_without_the_group_is_forbidden(client, db, sld):
    client.force_login(factories.user("stafford", is_staff=True))
    for url in admin_urls(sld):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("groups", [[], [COACHES]])
def test_non_staff_users_are_sent_to_the_admin_sign_in(client, db, sld, groups):
    client.force_login(factories.user("someone", groups=groups))
    for url in admin_urls(sld):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login"))


def test_anonymous_is_sent_to_sign_in(client, sld):
    for url in admin_urls(sld):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def new_exercise_data(steps=0, levels=0):
    """The admin's add form for a new exercise, with `steps` and `levels` inline rows."""
    data = {
        "name": "Wall sit on one leg",
        "slug": "wall-sit-on-one-leg",
        "summary": "Isometric.",
        "key_points": "",
        "key_cue": "Knee over toes.",
        "focus": "knee",
        "unilateral": "on",
        "equipment": "",
        "sessions_per_week_min": 1,
        "sessions_per_week_max": 2,
        "published": "on",
    }
    for prefix, rows in {"steps": steps, "mistakes": 0, "levels": levels}.items():
        data |= {
            f"{prefix}-TOTAL_FORMS": rows,
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
    return data


def test_duplicate_step_order_in_the_admin_is_a_form_error(client, editor):
    client.force_login(editor)
    data = new_exercise_data(steps=2)
    for i in range(2):
        data |= {f"steps-{i}-order": 1, f"steps-{i}-title": "Sit", f"steps-{i}-instruction": "x"}
    response = client.post(reverse("admin:exercises_exercise_add"), data)
    assert response.status_code == 200  # the form again, with the error
    assert "Please correct the duplicate data for order" in response.content.decode()
    assert not Exercise.objects.filter(slug="wall-sit-on-one-leg").exists()

    data["steps-1-order"] = 2
    response = client.post(reverse("admin:exercises_exercise_add"), data)
    assert response.status_code == 302
    assert Exercise.objects.get(slug="wall-sit-on-one-leg").steps.count() == 2


LEVEL = {
    "order": 1,
    "name": "Hand on a wall",
    "description": "Balance first.",
    "default_sets": 3,
    "default_reps_per_leg": 8,
    "advance_reps_per_leg": 10,
    "advance_max_pain": 3,
    "advance_max_rpe": 8,
    "advance_sessions_in_row": 2,
}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("advance_max_pain", 11, "Enter 10 or less."),
        ("advance_max_rpe", 0, "Enter 1 or more."),
        ("default_reps_max", 6, "Enter 8 or more: the top of the range"),
        ("order", 0, "Enter 1 or more."),
        ("load_step_kg", "0", "Enter 0.1 or more."),
    ],
)
def test_a_rule_of_the_library_is_told_beside_its_field_in_the_admin(
    client, editor, field, value, message
):
    """Not 'Constraint "level_advance_pain_0_10" is violated.' at the top of the page."""
    client.force_login(editor)
    data = new_exercise_data(levels=1) | {f"levels-0-{key}": v for key, v in LEVEL.items()}
    data[f"levels-0-{field}"] = value
    response = client.post(reverse("admin:exercises_exercise_add"), data)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][2].formset.errors[0]
    assert list(errors) == [field] and errors[field][0].startswith(message)
    html = response.content.decode()
    assert "is violated" not in html and "do not go together" not in html
    assert not Exercise.objects.filter(slug="wall-sit-on-one-leg").exists()


def test_sessions_per_week_out_of_order_is_told_beside_the_to(client, editor):
    client.force_login(editor)
    data = new_exercise_data() | {"sessions_per_week_min": 3, "sessions_per_week_max": 2}
    response = client.post(reverse("admin:exercises_exercise_add"), data)
    assert response.context["adminform"].form.errors == {
        "sessions_per_week_max": ["Enter 3 or more: at least the “from”."]
    }
