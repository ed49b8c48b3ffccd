"""The server's side of offline use: the service worker script at the site's
root (its scope), and replays that count once per idempotency key."""

import functools
import uuid

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_GET

from coaching.models import SyncedAction

REFUSED = "Flamingo-Refused"  # a response header: the write was refused (offline.js shows why)


@functools.cache
def _service_worker() -> bytes:
    with open(finders.find("js/sw.js"), "rb") as script:
        return script.read()


@login_not_required
@require_GET
def service_worker(request):
    """/sw.js: served here rather than under /static/, as a worker's scope is
    its script's folder and the week lives at the root."""
    response = HttpResponse(_service_worker(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"  # the browser checks for a new worker each visit
    return response


def once_per_key(answer):
    """A writing view that may be replayed: a request with an Idempotency-Key
    header does its work and records the key in one transaction; the same key
    again (or a twin sent at the same moment, stopped by the unique key) gets
    `answer(request, **kwargs)`: the row as it is now, nothing written."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, **kwargs):
            header = request.headers.get("Idempotency-Key")
            if header is None:
                return view(request, **kwargs)
            try:
                key = uuid.UUID(header)
            except ValueError:
                return HttpResponseBadRequest("Idempotency-Key is not a UUID.")
            seen = SyncedAction.objects.filter(user=request.user, key=key)
            if seen.exists():
                return answer(request, **kwargs)
            try:
                with transaction.atomic():
                    response = view(request, **kwargs)
                    if response.status_code < 400:
                        SyncedAction.objects.create(
                            user=request.user,
                            key=key,
                            path=request.path[:200],
                            refused=response.has_header(REFUSED),
                        )
            except IntegrityError:  # the same key, committed by a twin meanwhile
                return answer(request, **kwargs)
            return response

        return wrapped

    return decorate
