"""Notes both ways: the athlete's from the week, the coach's unread count on
the dashboard and the athlete page, replies, the thread in order, edits that
keep the original, and what is refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from coaching.notes import Note, NoteRevision
from coaching.services import notes
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def pair():
    coach = factories.coach()
    ana = factories.athlete(coach=coach, user=factories.user("ana"))
    session = factories.planned_today(ana, factories.exercise(), today=TODAY)
    return coach, ana, session


def test_a_note_a_reply_and_the_thread_in_order(pair):
    coach, ana, session = pair
    first = notes.leave_note(athlete=ana, by=ana.user, text=" Calf tight. ", session=session)
    week_note = notes.leave_note(athlete=ana, by=ana.user, text="Long run moved to Sat.")
    assert Note.objects.filter(athlete=ana).unread().count() == 2

    answer = notes.reply(athlete=ana, by=coach, text="Skip the hops today.", to=first)

    thread = list(Note.objects.filter(athlete=ana).thread())
    assert thread == [first, week_note, answer]
    assert (first.text, first.session, answer.session) == ("Calf tight.", session, session)
    assert answer.by_coach and not first.by_coach
    assert not Note.objects.filter(athlete=ana).unread().exists()  # replying reads


def test_sent_twice_is_one_note(pair):
    _, ana, session = pair
    once = notes.leave_note(athlete=ana, by=ana.user, text="Calf tight.", session=session)
    again = notes.leave_note(athlete=ana, by=ana.user, text="Calf tight.", session=session)
    assert once == again and Note.objects.count() == 1


def test_an_edit_keeps_the_original(pair):
    _, ana, _ = pair
    note = notes.leave_note(athlete=ana, by=ana.user, text="Calf tight.")

    notes.edit_note(note=note, by=ana.user, text="Calf tight, better after rolling.")
    notes.edit_note(note=note, by=ana.user, text="Calf tight, better after rolling.")

    note.refresh_from_db()
    assert note.text == "Calf tight, better after rolling." and note.edited_at
    assert list(NoteRevision.objects.values_list("text", flat=True)) == ["Calf tight."]


@pytest.mark.parametrize(
    "case, error",
    [
        ("empty", ValidationError),
        ("too long", ValidationError),
        ("another athlete's session", ValidationError),
        ("the coach as the athlete", PermissionDenied),
        ("another coach replies", PermissionDenied),
        ("someone else edits", PermissionDenied),
        ("archived", ValidationError),
    ],
)
def test_what_notes_refuse(pair, case, error):
    coach, ana, session = pair
    other = factories.athlete(coach=coach, name="Bea", user=factories.user("bea"))
    calls = {
        "empty": lambda: notes.leave_note(athlete=ana, by=ana.user, text="   "),
        "too long": lambda: notes.leave_note(athlete=ana, by=ana.user, text="x" * 2001),
        "another athlete's session": lambda: notes.leave_note(
            athlete=other, by=other.user, text="Hi", session=session
        ),
        "the coach as the athlete": lambda: notes.leave_note(athlete=ana, by=coach, text="Hi"),
        "another coach replies": lambda: notes.reply(
            athlete=ana, by=factories.coach("dora"), text="Hi"
        ),
        "someone else edits": lambda: notes.edit_note(
            note=factories.note(ana, "Mine"), by=other.user, text="Theirs"
        ),
    }
    if case == "archived":
        ana.archived_at = timezone.now()
        ana.save()
        calls[case] = lambda: notes.leave_note(athlete=ana, by=ana.user, text="Hi")
    before = Note.objects.count() + (1 if case == "someone else edits" else 0)
    with pytest.raises(error):
        calls[case]()
    assert Note.objects.count() == before


# -- Pages ------------------------------------------------------------------------


def test_the_athlete_sends_a_note_from_the_week(client, pair):
    _, ana, session = pair
    client.force_login(ana.user)
    data = {"text": "Left calf tight.", "about": session.pk, "week": TODAY.isoformat()}

    response = client.post(reverse("coaching:note_add"), data, follow=True)

    html = response.content.decode()
    assert "Sent to your coach." in html
    assert "Notes with your coach" in html and "Left calf tight." in html
    assert Note.objects.get().session == session


def test_an_empty_note_says_so_beside_the_field(client, pair):
    _, ana, _ = pair
    client.force_login(ana.user)
    response = client.post(reverse("coaching:note_add"), {"text": " "})
    assert response.status_code == 200
    empty = "Write something first: the note is empty."
    assert response.context["form"].errors == {"text": [empty]}
    assert not Note.objects.exists()


def test_the_coach_sees_unread_notes_and_replies(client, pair):
    coach, ana, session = pair
    factories.note(ana, "Left calf tight.", session=session)
    client.force_login(coach)

    dashboard = client.get(reverse("coaching:dashboard")).content.decode()
    training = client.get(reverse("coaching:athlete_training", args=[ana.pk])).content.decode()
    thread = client.get(reverse("coaching:athlete_notes", args=[ana.pk])).content.decode()

    assert "1 unread note" in dashboard and "Read and reply" in dashboard
    assert "Notes · 1 unread" in training
    assert "Left calf tight." in thread and "Unread" in thread
    response = client.post(
        reverse("coaching:athlete_notes", args=[ana.pk]), {"text": "Rest it two days."},
        follow=True,
    )  # fmt: skip
    html = response.content.decode()
    assert "Reply sent to Ana Ruiz." in html and "Rest it two days." in html
    assert "1 unread note" not in client.get(reverse("coaching:dashboard")).content.decode()


def test_the_week_shows_the_coachs_reply(client, pair):
    coach, ana, session = pair
    asked = factories.note(ana, "Calf tight?", session=session)
    notes.reply(athlete=ana, by=coach, text="Rest it.", to=asked)
    client.force_login(ana.user)
    html = client.get(reverse("coaching:week")).content.decode()
    assert html.index("Calf tight?") < html.index("Rest it.")
    assert "Your coach" in html


def test_an_edited_note_shows_its_original(client, pair):
    coach, ana, _ = pair
    note = factories.note(ana, "Calf tight.")
    client.force_login(ana.user)
    client.post(reverse("coaching:note_edit", args=[note.pk]), {"text": "Calf fine now."})
    client.force_login(coach)
    html = client.get(reverse("coaching:athlete_notes", args=[ana.pk])).content.decode()
    assert "Calf fine now." in html and "Before: Calf tight." in html
