import re
import threading
import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from athletes import services
from athletes.models import AthleteInvite, hash_token
from tests import factories

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}
NEW_LOGIN = {
    "username": "nuria",
    "email": "nuria.gil@runmail.example",  # hers, not the one her coach typed
    "password1": "long-enough-pw-42",
    "password2": "long-enough-pw-42",
}


@pytest.fixture
def newcomer(coach):
    """An athlete without a login yet."""
    return factories.athlete(coach=coach, name="Nuria Gil", email="nuria@example.com")


def issue(athlete, coach):
    return services.create_invite(
        athlete=athlete,
        by=coach,
        link_for=lambda token: f"http://testserver/athletes/invite/{token}/",
    )


def token_of(url: str) -> str:
    return re.search(r"/invite/([^/]+)/", url).group(1)


def test_coach_creates_and_emails_an_invite(client, coach, newcomer):
    client.force_login(coach)
    response = client.post(reverse("athletes:invite", args=[newcomer.pk]), headers=HX)
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="invite-panel"')
    assert "Invite emailed to nuria@example.com" in html
    url = re.search(r'id="invite-link"[^>]*>([^<]+)</textarea>', html).group(1)
    invite = AthleteInvite.objects.get()
    assert invite.token_hash == hash_token(token_of(url)) != token_of(url)  # only the hash stored
    assert invite.expires_at - invite.created_at == timedelta(days=7)
    assert len(mail.outbox) == 1 and url in mail.outbox[0].body
    assert mail.outbox[0].to == ["nuria@example.com"]


def test_without_email_the_coach_gets_a_link_to_copy(client, coach, newcomer):
    newcomer.email = ""
    newcomer.save()
    client.force_login(coach)
    html = client.post(reverse("athletes:invite", args=[newcomer.pk]), headers=HX).content.decode()
    assert "Copy it and send it" in html and 'id="invite-link"' in html
    assert mail.outbox == []


def test_mail_failure_still_shows_the_link(client, coach, newcomer, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr(services, "send_mail", broken)
    client.force_login(coach)
    html = client.post(reverse("athletes:invite", args=[newcomer.pk]), headers=HX).content.decode()
    assert "could not be sent" in html and 'id="invite-link"' in html


def test_valid_invite_creates_the_login_and_signs_in(client, coach, newcomer):
    url = issue(newcomer, coach).url
    page = client.get(url)
    assert page.status_code == 200 and "Welcome, Nuria Gil" in page.content.decode()
    # What the coach typed is offered, for the athlete to confirm or change.
    assert 'name="email" value="nuria@example.com"' in page.content.decode()

    response = client.post(url, NEW_LOGIN)
    assert response["Location"] == reverse("athletes:my_results")
    newcomer.refresh_from_db()
    assert newcomer.user.username == "nuria"
    assert newcomer.user.email == "nuria.gil@runmail.example"
    assert newcomer.email == "nuria@example.com"  # the coach's contact field, unchanged
    assert AthleteInvite.objects.get().used_at is not None
    assert client.get(reverse("athletes:my_results")).status_code == 200  # signed in


def test_reused_invite_is_refused(client, coach, newcomer):
    url = issue(newcomer, coach).url
    client.post(url, NEW_LOGIN)
    client.logout()
    page = client.get(url).content.decode()
    assert "already used" in page and '<form method="post" novalidate>' not in page
    client.post(url, {**NEW_LOGIN, "username": "someone-else"})
    assert not get_user_model().objects.filter(username="someone-else").exists()


def test_expired_invite_is_refused(client, coach, newcomer):
    issued = issue(newcomer, coach)
    AthleteInvite.objects.update(
        created_at=timezone.now() - timedelta(days=8), expires_at=timezone.now() - timedelta(days=1)
    )
    assert "no longer valid" in client.get(issued.url).content.decode()
    client.post(issued.url, NEW_LOGIN)
    newcomer.refresh_from_db()
    assert newcomer.user is None


def test_new_invite_replaces_the_old_one(client, coach, newcomer):
    first = issue(newcomer, coach)
    second = issue(newcomer, coach)
    assert "no longer valid" in client.get(first.url).content.decode()
    assert "Welcome" in client.get(second.url).content.decode()


def test_archived_athletes_invite_stops_working(client, coach, newcomer):
    issued = issue(newcomer, coach)
    services.archive_athlete(athlete=newcomer)
    assert "no longer valid" in client.get(issued.url).content.decode()


def test_archiving_ends_open_invites_for_good(client, coach, newcomer):
    """Restoring the athlete does not bring the old link back; a new one works."""
    old = issue(newcomer, coach)
    client.force_login(coach)
    client.post(reverse("athletes:archive", args=[newcomer.pk]))
    client.post(reverse("athletes:unarchive", args=[newcomer.pk]))
    client.logout()

    page = client.get(old.url).content.decode()
    assert "no longer valid" in page and 'name="password1"' not in page
    client.post(old.url, NEW_LOGIN)
    newcomer.refresh_from_db()
    assert newcomer.user is None

    client.force_login(coach)
    assert client.post(reverse("athletes:invite", args=[newcomer.pk])).status_code == 200
    client.logout()
    assert client.post(issue(newcomer, coach).url, NEW_LOGIN).status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.user.username == "nuria"


def test_archiving_twice_keeps_the_first_date_and_ends_later_invites(coach, newcomer):
    archived = services.archive_athlete(athlete=newcomer)
    first = archived.archived_at
    AthleteInvite.objects.create(  # say, made in the admin after archiving
        athlete=newcomer,
        token_hash=hash_token("later"),
        created_at=timezone.now() - timedelta(minutes=1),
        expires_at=timezone.now() + timedelta(days=7),
    )
    again = services.archive_athlete(athlete=newcomer)
    assert again.archived_at == first
    assert AthleteInvite.objects.get().expires_at <= timezone.now()


def test_unknown_invite_is_404(client, db):
    response = client.get(reverse("athletes:accept_invite", args=["not-a-real-token"]))
    assert response.status_code == 404 and "does not work" in response.content.decode()


def test_signed_in_user_is_asked_to_sign_out_first(client, coach, newcomer):
    url = issue(newcomer, coach).url
    client.force_login(coach)
    assert "already signed in" in client.get(url).content.decode()
    client.post(url, NEW_LOGIN)
    newcomer.refresh_from_db()
    assert newcomer.user is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**NEW_LOGIN, "password2": "different-pw-99"}, "password2"),
        ({**NEW_LOGIN, "password1": "123", "password2": "123"}, "password2"),
        ({**NEW_LOGIN, "username": "coach_a"}, "username"),  # taken
        ({**NEW_LOGIN, "username": "no spaces!"}, "username"),
        ({**NEW_LOGIN, "email": ""}, "email"),
        ({**NEW_LOGIN, "email": "not-an-address"}, "email"),
        ({**NEW_LOGIN, "email": "a@" + "b" * 260 + ".com"}, "email"),
        ({k: v for k, v in NEW_LOGIN.items() if k != "email"}, "email"),
    ],
)
def test_bad_login_choice_shows_errors_and_creates_nothing(client, coach, newcomer, data, field):
    url = issue(newcomer, coach).url
    response = client.post(url, data)
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.user is None and AthleteInvite.objects.get().used_at is None
    assert not get_user_model().objects.filter(username="nuria").exists()


def test_email_errors_say_what_to_do(client, coach, newcomer):
    url = issue(newcomer, coach).url
    missing = client.post(url, {**NEW_LOGIN, "email": ""}).content.decode()
    assert "Enter your email address: it is where a password reset link goes." in missing
    invalid = client.post(url, {**NEW_LOGIN, "email": "nuria"}).content.decode()
    assert "Enter an email address like name@example.com." in invalid


def test_service_refuses_used_invites(coach, newcomer):
    token = token_of(issue(newcomer, coach).url)
    login = {"email": "nuria@example.org", "password": "long-enough-pw-42"}
    services.accept_invite(token=token, username="nuria", **login)
    with pytest.raises(services.InviteNotUsable) as error:
        services.accept_invite(token=token, username="nuria2", **login)
    assert error.value.state == "used"


def test_athlete_with_a_login_gets_no_new_invite(client, coach, athlete):
    client.force_login(coach)
    response = client.post(reverse("athletes:invite", args=[athlete.pk]))
    assert response.status_code == 302 and not AthleteInvite.objects.exists()


def test_password_reset_pages_and_email(client, athlete):
    athlete.user.email = "ana@example.com"
    athlete.user.save()
    form = client.get(reverse("password_reset"))
    assert "Reset your password" in form.content.decode()
    response = client.post(reverse("password_reset"), {"email": "ana@example.com"}, follow=True)
    assert "Check your email" in response.content.decode()
    [message] = mail.outbox
    link = re.search(r"http://testserver(\S+)", message.body).group(1)
    confirm = client.get(link, follow=True)
    assert "Choose a new password" in confirm.content.decode()
    done = client.post(
        confirm.redirect_chain[-1][0],
        {"new_password1": "brand-new-pw-77", "new_password2": "brand-new-pw-77"},
        follow=True,
    )
    assert "Password changed" in done.content.decode()
    assert client.login(username="ana", password="brand-new-pw-77")


def reset_mail_to(client, address) -> list:
    mail.outbox = []
    client.post(reverse("password_reset"), {"email": address})
    return [message.to for message in mail.outbox]


def test_password_reset_goes_only_to_the_address_the_athlete_chose(client, coach, newcomer):
    """The coach typed nuria@example.com; a reset asked for it reaches nobody.
    Nor does the coach changing the athlete's email later move the account's."""
    client.post(issue(newcomer, coach).url, NEW_LOGIN)
    client.logout()
    assert reset_mail_to(client, "nuria@example.com") == []
    assert reset_mail_to(client, "nuria.gil@runmail.example") == [["nuria.gil@runmail.example"]]

    client.force_login(coach)
    client.post(
        reverse("athletes:edit", args=[newcomer.pk]),
        {"name": "Nuria Gil", "email": "coach-owned@example.com", "dominant_leg": "right"},
    )
    client.logout()
    newcomer.refresh_from_db()
    assert newcomer.email == "coach-owned@example.com"
    assert newcomer.user.email == "nuria.gil@runmail.example"
    assert reset_mail_to(client, "coach-owned@example.com") == []


def test_the_athlete_may_keep_the_address_the_coach_typed(client, coach, newcomer):
    client.post(issue(newcomer, coach).url, {**NEW_LOGIN, "email": "nuria@example.com"})
    newcomer.refresh_from_db()
    assert newcomer.user.email == "nuria@example.com"  # submitted by her, so hers


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; row locks need Postgres"
)
@pytest.mark.django_db(transaction=True)
def test_archive_and_accept_at_once_take_locks_in_one_order(coach, newcomer, monkeypatch):
    """The archive holds the athlete row and pauses before ending the invites;
    the accept meanwhile must wait for that row, not lock the invite first
    (which deadlocked with the archive's update of it). It then finds the
    invite ended: no login for an archived athlete."""
    token = token_of(issue(newcomer, coach).url)
    athlete_locked = threading.Event()
    end_open_invites = services._end_open_invites

    def paused(athlete, now):
        athlete_locked.set()
        time.sleep(0.5)  # the accept runs into its locks meanwhile
        end_open_invites(athlete, now)

    monkeypatch.setattr(services, "_end_open_invites", paused)
    outcomes, errors = {}, []

    def run(name, work):
        try:
            outcomes[name] = work()
        except services.InviteNotUsable as refused:
            outcomes[name] = refused.state
        except Exception as exc:  # surfaced by the assert below
            errors.append(exc)
        finally:
            connections.close_all()

    def accept():
        athlete_locked.wait(timeout=5)
        login = {"email": "nuria@example.org", "password": "long-enough-pw-42"}
        return services.accept_invite(token=token, username="nuria", **login)

    threads = [
        threading.Thread(
            target=run, args=("archive", lambda: services.archive_athlete(athlete=newcomer))
        ),
        threading.Thread(target=run, args=("accept", accept)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert outcomes["accept"] == "expired"
    newcomer.refresh_from_db()
    assert newcomer.is_archived and newcomer.user is None
    assert AthleteInvite.objects.get().used_at is None


def test_the_invite_link_is_shown_whole_with_a_copy_button_for_scripts(client, coach):
    """Without the script the full link is there to select; the button, hidden
    until static/js/forms.js shows it, says "Copied" in a status region."""
    plain = factories.athlete(coach=coach, name="Olga Paz")
    client.force_login(coach)
    html = client.post(reverse("athletes:invite", args=[plain.pk]), headers=HX).content.decode()
    url = re.search(r'<textarea id="invite-link"[^>]*readonly[^>]*>([^<]+)</textarea>', html).group(
        1
    )
    assert url.startswith("http://testserver/athletes/invite/")
    assert 'data-copy="invite-link" data-copy-status="invite-link-copied" hidden>Copy link' in html
    assert '<span id="invite-link-copied" class="copy-status" role="status"></span>' in html


def test_the_added_banner_goes_once_the_invite_is_made(client, coach):
    client.force_login(coach)
    response = client.post(
        reverse("athletes:create"), {"name": "Olga Paz", "dominant_leg": "right"}
    )
    page = client.get(response.url).content.decode()
    assert "Olga Paz added. Create an invite" in page
    athlete = coach.athletes.get(name="Olga Paz")
    html = client.post(reverse("athletes:invite", args=[athlete.pk]), headers=HX).content.decode()
    assert '<div id="messages" hx-swap-oob="true"></div>' in html
    # Without htmx the page comes whole, its banner already shown once.
    page = client.post(reverse("athletes:invite", args=[athlete.pk])).content.decode()
    assert "added. Create an invite" not in page and "hx-swap-oob" not in page
