"""Writes that touch several rows: `sessions` (planning and check-off),
`assignments` (assigning, level changes, comments), `groups` (members) and
`programmes` (building one, assigning one to many athletes). Keyword-only, atomic.

Lock order, the one every writing service follows (athletes/services.py too):

1. the athlete row, first, with `Athlete.objects.lock_for_write(pk)`
   (SELECT ... FOR UPDATE; it refuses an archived athlete); a write for many
   athletes locks them all first, in pk order, in one statement
   (`lock_many_for_write(pks)`), so two of them cannot cross;
2. then the assignment the write is about;
3. then sessions;
4. then entries (and anything below them).

Every write of an athlete's data also updates the athlete row (its cache
version), so a service that locked anything before the athlete would wait for
the athlete while holding a lock another service wants: a deadlock. Taking the
athlete first serialises all writes of one athlete; the order below it keeps
writers that skip the athlete (none should) from crossing them.
tests/concurrency/ runs every pair of services at once to prove it."""
