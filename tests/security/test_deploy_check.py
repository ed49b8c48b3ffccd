"""`manage.py check --deploy` with the production settings reports nothing
(also run by .ci/run). Its security checks cover HSTS, secure cookies, the
HTTPS redirect, DEBUG, the secret key, allowed hosts, and django-axes' wiring."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def test_production_settings_pass_the_deployment_checklist():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coaching.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "flamingo.example",
    }
    for test_only in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # the latter from tests/conftest.py
        env.pop(test_only, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
