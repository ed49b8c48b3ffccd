"""Rows of a subquery as one column of the outer row: a list of dicts.

`JSONRows(queryset.values(json=JSONObject(...)))` is PostgreSQL's
`ARRAY(subquery)` (django.contrib.postgres' ArraySubquery: the order is the
subquery's), and on the embedded SQLite `json_group_array` over the ordered
subquery, decoded the same way. Values come as JSON gives them: dates and
times as ISO text (read them with `json_datetime`), decimals as numbers.
Domain-free."""

import datetime
import json

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime


class JSONRows(ArraySubquery):
    def as_sqlite(self, compiler, connection, **extra_context):
        template = '(SELECT json_group_array(json("json")) FROM (%(subquery)s))'
        return Subquery.as_sql(self, compiler, connection, template=template, **extra_context)

    def get_db_converters(self, connection):
        if connection.vendor == "sqlite":
            return [lambda value, *_: json.loads(value) if value else []]
        return super().get_db_converters(connection)


def json_datetime(text: str) -> datetime.datetime:
    """A JSON row's date and time, aware: PostgreSQL writes the offset,
    SQLite stores UTC without one."""
    moment = parse_datetime(text)
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=datetime.UTC)
