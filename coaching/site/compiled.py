"""Querysets turned into SQL once per database connection, then run with
each call's values.

On the busiest paths the ORM took longer to compile a queryset than the
database took to run it: the signed-in user with their permissions, on
every request, 2.3 ms of which 0.4 ms in PostgreSQL; the dashboard's roster
versions 7.1 ms of which 1.1 ms (docs/performance.md, round 4).

`run(key, build, **values)` calls `build` once per connection with marker
values in place of `values`, keeps the SQL and where each marker landed in
its parameters, and from then on runs that SQL with this call's values
through the queryset's own iterable: model instances (with select_related
and annotations) or values_list rows, exactly what the queryset would give.

What `build` may do: use its arguments only where they reach the SQL as
parameters, unchanged (a pk or other value compared for equality: an int
beyond 64 bits matches nothing) or, for a string, inside a LIKE
pattern (`icontains`), where the call's value is escaped as Django escapes
it. Anything else that shapes the SQL (None instead of a value, today's
date, a setting) belongs in `key`. A marker the SQL lost is an error at the
first call, not a wrong result. Domain-free: it knows querysets, no model."""

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

_INT_MARKER = -1_987_000_000  # far from any pk or count the app stores


def _markers(values: dict) -> dict:
    markers = {}
    for index, (name, value) in enumerate(values.items()):
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise TypeError(f"{name}: only int and str values can be markers")
        markers[name] = _INT_MARKER - index if isinstance(value, int) else f"flamingomark{index}q"
    return markers


class _Compiled:
    def __init__(self, queryset: QuerySet, markers: dict, connection):
        if queryset._prefetch_related_lookups:
            raise ValueError("prefetch_related runs more queries: not compiled here")
        self.connection = connection
        self.queryset = queryset
        compiler = queryset.query.get_compiler(connection=connection)
        self.sql, params = compiler.as_sql()  # also fills select, klass_info, annotations
        self.params = tuple(params)
        self.slots = []  # (position in params, name, marker, the LIKE pattern or None)
        for position, param in enumerate(params):
            for name, marker in markers.items():
                if param == marker:
                    self.slots.append((position, name, marker, None))
                elif isinstance(marker, str) and isinstance(param, str) and marker in param:
                    self.slots.append((position, name, marker, param))
        lost = set(markers) - {name for _, name, _, _ in self.slots}
        if lost:
            raise ValueError(f"not parameters of the SQL: {sorted(lost)}")
        # The queryset's iterable asks its query for a compiler: give it this
        # one, already set up, whose SQL is the kept one with this call's values.
        compiler.as_sql = lambda *args, **kwargs: (self.sql, self.params)
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        # Each row's converters depend only on the selected expressions, the
        # same objects at every call: worked out once, not on every run (a
        # check-off's 170 columns took longer to list than to convert).
        converters = {}
        find_converters = compiler.get_converters

        def get_converters(expressions):
            key = tuple(map(id, expressions))
            if key not in converters:
                # The expressions are kept too, so their ids cannot be reused.
                converters[key] = (find_converters(expressions), expressions)
            return converters[key][0]

        compiler.get_converters = get_converters

    def rows(self, values: dict) -> list:
        params = list(self.params)
        for position, name, marker, pattern in self.slots:
            value = values[name]
            if isinstance(value, bool) or not isinstance(value, type(marker)):
                raise TypeError(f"{name}: {type(marker).__name__} expected, not {value!r}")
            if isinstance(value, int) and not -(2**63) <= value < 2**63:
                return []  # no column holds it (a URL's id can be any length): nothing matches
            if pattern is not None:
                value = pattern.replace(marker, self.connection.ops.prep_for_like_query(value))
            params[position] = value
        self.params = tuple(params)
        return list(self.queryset._iterable_class(self.queryset))


def run(key: str, build: Callable[..., QuerySet], /, **values) -> list:
    """The rows of `build(**values)`, compiled once per connection under `key`."""
    connection = connections[DEFAULT_DB_ALIAS]
    kept = connection.__dict__.setdefault("_flamingo_compiled", {})
    compiled = kept.get(key)
    if compiled is None:
        markers = _markers(values)
        compiled = kept[key] = _Compiled(build(**markers), markers, connection)
    return compiled.rows(values)
