"""Versions that move on by themselves, as Rails' `belongs_to :x, touch: true`.

A version holder ("root") is a model with `updated_at = DateTimeField(auto_now=True)`;
cached pages put a root's `updated_at` in their key. Every other model names
the root(s) its rows belong to, once, as forward FK paths:

    class SessionEntry(models.Model):
        touches = ("session__athlete",)
        objects = SessionEntryQuerySet.as_manager()  # a TouchingQuerySet

A model with such a path that no cached page shows says so instead, with
the reason: `touches_nothing = "no cached page shows a programme"`
(tests/site/test_touch.py checks that every model does one or the other).

From then on any ORM write of a row moves its roots' `updated_at` on, in the
write's transaction: save() and delete() (cascades included) through the
receivers connect() puts on every declaring model, queryset update(),
bulk_create() and bulk_update() (which send no signals) through
TouchingQuerySet, one UPDATE per call and path, the ids by subquery. A root's
own queryset update() and bulk_update() set its `updated_at` too. A row
saved or updated onto another root moves both on. Raw SQL,
and the SET_NULL updates of a deletion's Collector, are not covered.

Lock order: a touch UPDATEs the root row, so it locks it. A writing service
must hold that lock already (the athlete row first, coaching/services/), or
two services touching in different orders can deadlock.

Domain-free: this module knows models only through `apps`."""

import contextvars
import functools
import operator

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_save, pre_delete, pre_save
from django.utils import timezone

VERSION = "updated_at"
# Models whose rows a queryset delete() has touched already, in one UPDATE:
# the Collector's per-row receiver skips them (cascaded rows still touch).
_TOUCHED: contextvars.ContextVar[frozenset] = contextvars.ContextVar("touched", default=frozenset())


def is_root(model) -> bool:
    field = next((f for f in model._meta.concrete_fields if f.name == VERSION), None)
    return isinstance(field, models.DateTimeField) and field.auto_now


@functools.cache
def resolve(model, path: str):
    """The root model at the end of `path`, a chain of forward FK/O2O names."""
    target = model
    for name in path.split("__"):
        field = target._meta.get_field(name)
        if not (field.many_to_one or field.one_to_one) or field.auto_created:
            raise ImproperlyConfigured(f"{model.__name__}.touches: {path!r} is not a forward FK")
        target = field.related_model
    if not is_root(target):
        raise ImproperlyConfigured(f"{model.__name__}.touches: {target.__name__} has no version")
    return target


def _touch(root, *id_sets) -> None:
    """One UPDATE: each of `id_sets` is a subquery or a collection of root pks."""
    where = functools.reduce(operator.or_, (Q(pk__in=ids) for ids in id_sets))
    root._base_manager.filter(where).update(**{VERSION: timezone.now()})


def touch_rows(queryset) -> None:
    """Move on the roots of the rows `queryset` selects (a subquery per path)."""
    model = queryset.model
    for path in getattr(model, "touches", ()):
        _touch(resolve(model, path), queryset.order_by().values(path))


def _ids(model, path: str, objs, left=None):
    """The root pks of in-memory rows along `path`, by their first hop's ids
    (and those in `left`, by attname): a subquery past the first hop, no SELECT."""
    first, _, rest = path.partition("__")
    field = model._meta.get_field(first)
    ids = {getattr(obj, field.attname) for obj in objs}
    ids = (ids | {(left or {}).get(field.attname)}) - {None}
    if not ids:
        return None
    return field.related_model._base_manager.filter(pk__in=ids).values(rest) if rest else ids


def touch_objects(model, objs, left=None) -> None:
    for path in getattr(model, "touches", ()):
        if (ids := _ids(model, path, objs, left)) is not None:
            _touch(resolve(model, path), ids)


def _first_hops(model) -> set[str]:
    return {path.partition("__")[0] for path in getattr(model, "touches", ())}


class TouchingQuerySet(models.QuerySet):
    """The default manager's queryset of every declaring model and root: the
    bulk writes that send no signals touch the roots too."""

    def update(self, **kwargs):
        if is_root(self.model):
            kwargs.setdefault(VERSION, timezone.now())
        with transaction.atomic(using=self.db, savepoint=False):
            rows = self
            if _first_hops(self.model) & set(kwargs):
                # Rows moving to another root: both roots move on, and the
                # rows are found again by pk once they no longer match `self`.
                rows = self.model._base_manager.filter(
                    pk__in=list(self.values_list("pk", flat=True))
                )
            touch_rows(rows)
            count = super().update(**kwargs)
            if rows is not self:
                touch_rows(rows)
        return count

    def delete(self):
        """One touch for the rows, not one per row (the Collector sends a
        signal for each), then the delete; before it: the rows must exist."""
        with transaction.atomic(using=self.db, savepoint=False):
            touch_rows(self)
            token = _TOUCHED.set(_TOUCHED.get() | {self.model})
            try:
                return super().delete()
            finally:
                _TOUCHED.reset(token)

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            touch_objects(self.model, created)
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if is_root(self.model):
            now = timezone.now()
            for obj in objs:
                setattr(obj, VERSION, now)
            fields = {*fields, VERSION}
        with transaction.atomic(using=self.db, savepoint=False):
            rows = self.model._base_manager.filter(pk__in=[obj.pk for obj in objs])
            if _first_hops(self.model) & set(fields):
                touch_rows(rows)  # the roots they leave
            count = super().bulk_update(objs, fields, *args, **kwargs)
            touch_rows(rows)
        return count


def _saving(sender, instance, raw=False, update_fields=None, using=None, **kwargs):
    """A row that may move to another root (its first hop written): the root
    it leaves is touched with the one it joins. In a transaction, at once, in
    one UPDATE a path; outside one, read now and touched after the write (a
    touch committed before the write would let a reader cache the old rows
    under the new version)."""
    hops = {sender._meta.get_field(name).attname for name in _first_hops(sender)}
    if update_fields is not None:
        hops &= {sender._meta.get_field(name).attname for name in update_fields}
    if raw or instance.pk is None or not hops:
        return
    stored = sender._base_manager.filter(pk=instance.pk)
    if transaction.get_connection(using).in_atomic_block:
        for path in sender.touches:
            new = _ids(sender, path, [instance])
            _touch(resolve(sender, path), stored.values(path), *([] if new is None else [new]))
        instance._touch_left = None  # done
    else:
        instance._touch_left = stored.values(*hops).first() or {}


def _saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:  # loaddata: rows as they were, versions included
        return
    if update_fields is not None and is_root(sender) and VERSION not in update_fields:
        _touch(sender, [instance.pk])  # auto_now only writes listed fields
    left = instance.__dict__.pop("_touch_left", {})
    if left is not None:
        touch_objects(sender, [instance], left=left)


def _deleting(sender, instance, **kwargs):
    # Before, not after: a path's middle row may go in the same cascade.
    # The Collector sends this inside its transaction, for every row it deletes
    # (with receivers connected it does not fast-delete), cascades included.
    if sender not in _TOUCHED.get():
        touch_objects(sender, [instance])


def connect() -> None:
    """Called once from an AppConfig.ready(): every model declaring `touches`
    (its paths checked now) and every root get the receivers."""
    for model in apps.get_models():
        for path in getattr(model, "touches", ()):
            resolve(model, path)
        uid = f"touch.{model._meta.label}"
        if getattr(model, "touches", ()) or is_root(model):
            post_save.connect(_saved, sender=model, dispatch_uid=uid)
        if getattr(model, "touches", ()):
            pre_save.connect(_saving, sender=model, dispatch_uid=uid)
            pre_delete.connect(_deleting, sender=model, dispatch_uid=uid)
