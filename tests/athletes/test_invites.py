import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from athletes import services
from athletes.models import Athlete, AthleteInvite, hash_token

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}
NEW_LOGIN = {
    "username": "nuria",
    "password1": "long-enough-pw-42",
    "password2": "long-enough-pw-42",
}


@pytest.fixture
def newcomer(coach):
    """An athlete without a login yet."""
    return Athlete.objects.create(coach=coach, name="Nuria Gil", email="nuria@example.com")


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
    url = re.search(r'id="invite-link" value="([^"]+)"', html).group(1)
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

    response = client.post(url, NEW_LOGIN)
    assert response["Location"] == reverse("athletes:my_results")
    newcomer.refresh_from_db()
    assert newcomer.user.username == "nuria" and newcomer.user.email == "nuria@example.com"
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
    assert "has expired" in client.get(issued.url).content.decode()
    client.post(issued.url, NEW_LOGIN)
    newcomer.refresh_from_db()
    assert newcomer.user is None


def test_new_invite_replaces_the_old_one(client, coach, newcomer):
    first = issue(newcomer, coach)
    second = issue(newcomer, coach)
    assert "has expired" in client.get(first.url).content.decode()
    assert "Welcome" in client.get(second.url).content.decode()


def test_archived_athletes_invite_stops_working(client, coach, newcomer):
    issued = issue(newcomer, coach)
    services.archive_athlete(athlete=newcomer)
    assert "has expired" in client.get(issued.url).content.decode()


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
    ],
)
def test_bad_login_choice_shows_errors_and_creates_nothing(client, coach, newcomer, data, field):
    url = issue(newcomer, coach).url
    html = client.post(url, data).content.decode()
    assert f'id="id_{field}_error"' in html
    newcomer.refresh_from_db()
    assert newcomer.user is None and AthleteInvite.objects.get().used_at is None


def test_service_refuses_used_invites(coach, newcomer):
    token = token_of(issue(newcomer, coach).url)
    services.accept_invite(token=token, username="nuria", password="long-enough-pw-42")
    with pytest.raises(services.InviteNotUsable) as error:
        services.accept_invite(token=token, username="nuria2", password="long-enough-pw-42")
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
