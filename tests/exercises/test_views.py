import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from athletes.auth import COACHES
from exercises.models import Exercise
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("exercises:list")
HTMX = {"HX-Request": "true"}


def detail(slug):
    return reverse("exercises:detail", args=[slug])


def test_anonymous_is_sent_to_sign_in(client):
    for url in (LIST, detail("single-leg-deadlift")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_list_shows_the_library_with_search_form(runner_client):
    response = runner_client.get(LIST)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" in body
    assert f"{Exercise.objects.count()} exercises" in body
    for exercise in Exercise.objects.all():
        assert exercise.get_absolute_url() in body
    # Works without JavaScript: a GET form with a submit button, labelled fields.
    assert 'method="get"' in body and 'type="submit"' in body
    assert 'for="id_q"' in body and 'for="id_focus"' in body
    # Live search: htmx attributes, bookmarkable URL.
    assert 'hx-push-url="true"' in body and 'hx-target="#results"' in body
    assert 'role="status"' in body
    assert response["Vary"].count("HX-Request") == 1


def test_search_full_page(runner_client):
    response = runner_client.get(LIST, {"q": "deadlift"})
    body = response.content.decode()
    assert "1 exercise for “deadlift”" in body
    assert detail("single-leg-deadlift") in body
    assert detail("split-squat") not in body


def test_search_fragment_for_htmx(runner_client):
    response = runner_client.get(LIST, {"q": "deadlift"}, headers=HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and "<form" not in body
    assert detail("single-leg-deadlift") in body
    assert detail("split-squat") not in body
    # The count is announced by the live region outside the swapped fragment.
    assert 'hx-swap-oob="innerHTML"' in body and "1 exercise for “deadlift”" in body
    assert "HX-Request" in response["Vary"]


def test_boosted_and_history_restore_requests_get_the_full_page(runner_client):
    for extra in ({"HX-Boosted": "true"}, {"HX-History-Restore-Request": "true"}):
        response = runner_client.get(LIST, {"q": "calf"}, headers={**HTMX, **extra})
        assert "<html" in response.content.decode()


def test_focus_filter(runner_client):
    response = runner_client.get(LIST, {"focus": "calf"}, headers=HTMX)
    body = response.content.decode()
    calf = Exercise.objects.filter(focus="calf")
    assert calf.exists()
    for exercise in Exercise.objects.all():
        assert (exercise.get_absolute_url() in body) == (exercise.focus == "calf")
    assert "Calf and Achilles" in body


def test_search_and_focus_combine(runner_client):
    response = runner_client.get(LIST, {"q": "single", "focus": "knee"})
    body = response.content.decode()
    assert detail("single-leg-squat-to-box") in body
    assert detail("single-leg-deadlift") not in body


def test_unknown_focus_is_reported_and_ignored(runner_client):
    response = runner_client.get(LIST, {"q": "deadlift", "focus": "<script>"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose a focus from the list." in body
    assert "<script>" not in body.split("<main")[1]  # never echoed unescaped
    assert detail("single-leg-deadlift") in body  # the valid search still applies


def test_too_long_search_is_reported_not_a_500(runner_client):
    response = runner_client.get(LIST, {"q": "x" * 500})
    assert response.status_code == 200
    assert "at most 100 characters" in response.content.decode()


def test_empty_state(runner_client):
    response = runner_client.get(LIST, {"q": "underwater basket"}, headers=HTMX)
    body = response.content.decode()
    assert "No exercises match “underwater basket”" in body
    assert "0 exercises" in body


def test_only_get_is_allowed(runner_client):
    assert runner_client.post(LIST).status_code == 405
    assert runner_client.post(detail("single-leg-deadlift")).status_code == 405


def test_detail_shows_everything_a_runner_needs(runner_client):
    response = runner_client.get(detail("single-leg-deadlift"))
    assert response.status_code == 200
    body = response.content.decode()
    sld = Exercise.objects.get(slug="single-leg-deadlift")
    assert escape(sld.key_cue) in body
    assert "1-2 × a week" in body
    assert escape(sld.equipment) in body
    for point in sld.key_point_list:
        assert escape(point) in body
    for step in sld.steps.all():
        assert escape(step.title) in body and escape(step.instruction) in body
    mistake = sld.mistakes.get(title__icontains="hip")
    for text in (mistake.title, mistake.how_to_fix, mistake.sign_of_success):
        assert escape(text) in body
    assert body.count('class="ladder-label"') == 3
    assert "8 kg in the hand opposite the standing leg" in body
    assert 'data-level="3"' in body
    assert "Edit in admin" not in body


def test_unknown_exercise_is_404(runner_client):
    assert runner_client.get(detail("no-such-exercise")).status_code == 404


@pytest.mark.parametrize("groups", [[], [COACHES]])
def test_drafts_are_hidden_from_athletes_and_coaches(client, db, groups):
    factories.exercise("Secret hop", published=False)
    client.force_login(factories.user("someone", groups=groups))
    assert "Secret hop" not in client.get(LIST, {"q": "secret"}).content.decode()
    assert client.get(detail("secret-hop")).status_code == 404


def test_drafts_are_visible_to_editors(client, editor, db):
    factories.exercise("Secret hop", published=False)
    client.force_login(editor)
    body = client.get(LIST, {"q": "secret"}).content.decode()
    assert "Secret hop" in body and "Draft" in body
    response = client.get(detail("secret-hop"))
    assert response.status_code == 200
    assert "only content editors can see" in response.content.decode()
    assert "Edit in admin" in response.content.decode()


def count_queries(client, url, **kwargs) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_list_query_count_does_not_grow_with_exercises(runner_client, db, headers):
    Exercise.objects.all().delete()
    factories.exercise("Exercise 0")
    one = count_queries(runner_client, LIST, headers=headers)
    for n in range(1, 30):
        factories.exercise(f"Exercise {n}", levels=n % 4)
    many = count_queries(runner_client, LIST, headers=headers)
    assert Exercise.objects.count() == 30
    assert one == many
    assert many <= 6


def test_detail_query_count_does_not_grow_with_content(runner_client, db):
    small = factories.exercise("Small", levels=1)
    big = factories.exercise("Big", levels=8)
    for order in range(3, 13):  # after the factory's step 1 and mistakes 1 and 2
        big.steps.create(order=order, title=f"Step {order}", instruction="x")
        big.mistakes.create(order=order, title=f"M {order}", what_happens="a", how_to_fix="b")
    assert count_queries(runner_client, small.get_absolute_url()) == count_queries(
        runner_client, big.get_absolute_url()
    )


def test_list_is_alphabetical_whatever_the_case(runner_client, db):
    Exercise.objects.all().delete()
    for name in ("Cherry hop", "apple squat", "Banana bridge"):
        factories.exercise(name)
    body = runner_client.get(LIST).content.decode()
    positions = [body.index(name) for name in ("apple squat", "Banana bridge", "Cherry hop")]
    assert positions == sorted(positions)


def test_a_half_written_draft_shows_no_empty_headings(client):
    """The editor's preview of a draft with no steps or levels yet."""
    editor = factories.editor()
    draft = Exercise.objects.create(
        name="Skater hop", slug="skater-hop", summary="Side to side.", key_cue="Land soft."
    )
    client.force_login(editor)
    html = client.get(detail(draft.slug)).content.decode()
    assert "Technique, step by step" not in html and ">Progression<" not in html
    assert "Common mistake" not in html
    assert "Still to write: the technique steps and the progression levels." in html
    factories.exercise("Full hop", published=False)  # one step, levels: nothing missing
    html = client.get(detail("full-hop")).content.decode()
    assert "Technique, step by step" in html and ">Progression<" in html
    assert "Still to write" not in html
