"""The sign-in forms (site and admin): Django's, with the username length
enforced on the server.

AuthenticationForm sets the username field's max_length after the field is
built, so only the browser's maxlength attribute limited it. A longer username
reached authenticate(), and django-axes then failed to record the attempt in
its varchar(255) username column: a 500 instead of "wrong password".

When the password was right but a backend refused the account (an archived
athlete: athletes/auth.py), the backend leaves its reason on the request as
`sign_in_refused` and the form shows it instead of "wrong password"."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator


class UsernameLengthMixin:
    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))

    def get_invalid_login_error(self):
        refusal = getattr(self.request, "sign_in_refused", None)
        if refusal:
            return ValidationError(refusal, code="refused")
        message = (
            "That username and password do not match. Check both (capitals count) and try again."
        )
        if self._one_try_left():
            minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
            message += f" One more wrong try pauses signing in for {minutes} minutes."
        return ValidationError(message, code="invalid_login")

    def _one_try_left(self) -> bool:
        """django-axes has counted this failure already (user_login_failed)."""
        if self.request is None:
            return False
        credentials = {"username": self.cleaned_data.get("username")}
        failures = AxesProxyHandler.get_failures(self.request, credentials)
        return failures == settings.AXES_FAILURE_LIMIT - 1


class SignInForm(UsernameLengthMixin, AuthenticationForm):
    pass


class AdminSignInForm(UsernameLengthMixin, AdminAuthenticationForm):
    pass
