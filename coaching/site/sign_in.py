"""The sign-in forms (site and admin): Django's, with the username length
enforced on the server.

AuthenticationForm sets the username field's max_length after the field is
built, so only the browser's maxlength attribute limited it. A longer username
reached authenticate(), and django-axes then failed to record the attempt in
its varchar(255) username column: a 500 instead of "wrong password".

When the password was right but a backend refused the account (an archived
athlete: athletes/auth.py), the backend leaves its reason on the request as
`sign_in_refused` and the form shows it instead of "wrong password"."""

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
        return super().get_invalid_login_error()


class SignInForm(UsernameLengthMixin, AuthenticationForm):
    pass


class AdminSignInForm(UsernameLengthMixin, AdminAuthenticationForm):
    pass
