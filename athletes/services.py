"""Writes: small keyword-only functions, each in one transaction."""

import logging
import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import (
    INVITE_LIFETIME,
    AssessmentChange,
    AssessmentTest,
    Athlete,
    AthleteInvite,
    BodyMass,
    CoachPreference,
    StrengthAssessment,
    hash_token,
)

logger = logging.getLogger(__name__)


@transaction.atomic
def create_athlete(*, coach, body_mass_kg: Decimal | None = None, **fields) -> Athlete:
    athlete = Athlete.objects.create(coach=coach, **fields)
    if body_mass_kg is not None:
        _weigh(athlete, body_mass_kg, by=coach)
    return athlete


@transaction.atomic
def update_athlete(*, athlete: Athlete, body_mass_kg: Decimal | None, by, **fields) -> Athlete:
    """The athlete's details, and today's body mass when one is given (one a
    day: a second entry the same day replaces it). Locks the athlete first."""
    locked = Athlete.objects.lock_for_write(athlete.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save()
    if body_mass_kg is not None:
        _weigh(locked, body_mass_kg, by=by)
    return locked


def set_weight_unit(*, coach, unit: str) -> None:
    """One row per coach; a repeated choice changes nothing."""
    CoachPreference.objects.update_or_create(coach=coach, defaults={"weight_unit": unit})


def _weigh(athlete: Athlete, kg: Decimal, *, by) -> None:
    BodyMass.objects.update_or_create(
        athlete=athlete, date=timezone.localdate(), defaults={"kg": kg, "recorded_by": by}
    )


class DuplicateAssessment(Exception):
    """The athlete already has a result for this test on this day (the form
    says so in words; this is the same check lost to a concurrent save)."""


@transaction.atomic
def record_assessment(
    *,
    athlete: Athlete,
    test: AssessmentTest,
    date: date,
    left_value: Decimal | None,
    right_value: Decimal | None,
    notes: str = "",
    by,
) -> StrengthAssessment:
    """A value of None: that leg could not do the test. Locks the athlete
    first (the lock order: coaching/services/__init__.py); raises
    AthleteArchived or DuplicateAssessment."""
    athlete = Athlete.objects.lock_for_write(athlete.pk)
    try:
        with transaction.atomic():  # a savepoint: the transaction survives the violation
            return StrengthAssessment.objects.create(
                athlete=athlete,
                test=test,
                date=date,
                left_value=left_value,
                right_value=right_value,
                notes=notes,
                recorded_by=by,
            )
    except IntegrityError:
        if _taken(athlete, test, date):
            raise DuplicateAssessment from None
        raise


def _taken(athlete, test, day, *, but=None) -> bool:
    others = StrengthAssessment.objects.current().filter(athlete=athlete, test=test, date=day)
    return others.exclude(pk=but).exists() if but else others.exists()


class StaleResult(Exception):
    """The result changed (corrected or deleted) since the coach opened the form."""


def _lock_result(assessment: StrengthAssessment, revision: int) -> StrengthAssessment:
    """The athlete row first, then the result (the lock order); the result
    as committed, refused unless still at `revision` and not deleted."""
    Athlete.objects.lock_for_write(assessment.athlete_id)
    locked = (
        StrengthAssessment.objects.select_for_update(of=("self",))
        .select_related("test", "athlete")
        .get(pk=assessment.pk)
    )
    if locked.is_deleted or locked.revision != revision:
        raise StaleResult
    return locked


@transaction.atomic
def correct_assessment(
    *,
    assessment: StrengthAssessment,
    revision: int,
    date: date,
    left_value: Decimal | None,
    right_value: Decimal | None,
    notes: str,
    reason: str,
    by,
) -> StrengthAssessment:
    """Change a result's day, values or note, keeping what it was (an
    AssessmentChange). `revision` is the one the coach saw: a result changed
    since raises StaleResult, so no correction overwrites another unseen.
    Raises DuplicateAssessment when the new day already has this test."""
    locked = _lock_result(assessment, revision)
    before = locked.values()
    locked.date, locked.notes = date, notes
    locked.left_value, locked.right_value = left_value, right_value
    after = locked.values()
    if after == before:
        return locked
    if _taken(locked.athlete, locked.test, date, but=locked.pk):
        raise DuplicateAssessment
    locked.revision += 1
    locked.save(update_fields=["date", "notes", "left_value", "right_value", "revision"])
    AssessmentChange.objects.create(
        assessment=locked,
        kind=AssessmentChange.Kind.CORRECTED,
        revision=locked.revision,
        changed_by=by,
        reason=reason,
        before=before,
        after=after,
    )
    return locked


@transaction.atomic
def delete_assessment(
    *, assessment: StrengthAssessment, revision: int, reason: str, by
) -> StrengthAssessment:
    """Take a result off every page; the row and its history stay (and the
    day is free for a new result of the same test). Raises StaleResult."""
    locked = _lock_result(assessment, revision)
    locked.deleted_at = timezone.now()
    locked.revision += 1
    locked.save(update_fields=["deleted_at", "revision"])
    AssessmentChange.objects.create(
        assessment=locked,
        kind=AssessmentChange.Kind.DELETED,
        revision=locked.revision,
        changed_by=by,
        reason=reason,
        before=locked.values(),
        after=None,
    )
    return locked


@transaction.atomic
def archive_athlete(*, athlete: Athlete) -> Athlete:
    """Off the roster, history kept. Open invites end for good: restoring the
    athlete must not bring an old link back; the coach sends a new one.
    Locks the athlete row (the services' lock order: athlete first)."""
    locked = Athlete.objects.select_for_update().values_list("archived_at", flat=True)
    athlete.archived_at = locked.get(pk=athlete.pk)  # as committed: archiving twice keeps the first
    if athlete.archived_at is None:
        athlete.archived_at = timezone.now()
        athlete.save(update_fields=["archived_at"])
    _end_open_invites(athlete, timezone.now())
    return athlete


def unarchive_athlete(*, athlete: Athlete) -> Athlete:
    if athlete.archived_at is not None:
        athlete.archived_at = None
        athlete.save(update_fields=["archived_at"])
    return athlete


def _end_open_invites(athlete: Athlete, now) -> None:
    AthleteInvite.objects.filter(athlete=athlete, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )


@dataclass(frozen=True)
class IssuedInvite:
    invite: AthleteInvite
    url: str  # holds the raw token: shown once, never stored
    emailed: bool
    email_failed: bool = False


def create_invite(*, athlete: Athlete, by, link_for) -> IssuedInvite:
    """A new single-use link (7 days); earlier open links for this athlete stop
    working. `link_for(token) -> absolute URL`. Emails the link when the athlete
    has an address; a mail failure leaves the link for the coach to copy."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        Athlete.objects.select_for_update().values("pk").get(pk=athlete.pk)  # athlete first
        _end_open_invites(athlete, now)
        invite = AthleteInvite.objects.create(
            athlete=athlete,
            token_hash=hash_token(token),
            created_by=by,
            sent_to=athlete.email,
            created_at=now,
            expires_at=now + INVITE_LIFETIME,
        )
    url = link_for(token)
    if not athlete.email:
        return IssuedInvite(invite, url, emailed=False)
    context = {"athlete": athlete, "coach": by, "url": url, "invite": invite}
    try:
        send_mail(
            render_to_string("athletes/email/invite_subject.txt", context).strip(),
            render_to_string("athletes/email/invite_body.txt", context),
            None,
            [athlete.email],
        )
    except OSError:  # smtplib errors are OSErrors: the coach can still copy the link
        logger.exception("Invite email to athlete %s failed", athlete.pk)
        return IssuedInvite(invite, url, emailed=False, email_failed=True)
    return IssuedInvite(invite, url, emailed=True)


class InviteNotUsable(Exception):
    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


def find_invite(token: str) -> AthleteInvite | None:
    return (
        AthleteInvite.objects.select_related("athlete").filter(token_hash=hash_token(token)).first()
    )


@transaction.atomic
def accept_invite(*, token: str, username: str, email: str, password: str):
    """Create the athlete's login and use up the invite, or raise InviteNotUsable.
    `email` is the one the athlete submitted: the account's, where password
    resets go. The address the coach typed (Athlete.email) stays the coach's
    contact field and never becomes the account's on its own."""
    athlete_id = (
        AthleteInvite.objects.filter(token_hash=hash_token(token))
        .values_list("athlete_id", flat=True)
        .first()
    )
    if athlete_id is None:
        raise InviteNotUsable("invalid")
    # The athlete row first (the lock order), then the invite: two invites
    # must not both attach a user, nor an archive end an invite being used.
    athlete = Athlete.objects.select_for_update().get(pk=athlete_id)
    invite = AthleteInvite.objects.select_for_update().get(token_hash=hash_token(token))
    invite.athlete = athlete
    state = invite.state()
    if state != AthleteInvite.State.VALID:
        raise InviteNotUsable(state)
    user = get_user_model().objects.create_user(username=username, email=email, password=password)
    athlete.user = user
    athlete.save(update_fields=["user"])
    invite.used_at = timezone.now()
    invite.save(update_fields=["used_at"])
    return user
