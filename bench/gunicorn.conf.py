"""Gunicorn for `make bench`: loopback only, settings from the environment.

Workers: sync, one per core. Measured here (docs/performance.md, "Workers"):
the app is CPU-bound and PostgreSQL and wrk share the same 2 cores, so more
processes (4 or 5 sync, or gthread) only add switching: 2 sync workers were
10-15 % faster on every page. With the database on another host, requests
wait on it and 2 x cores + 1 workers would pay off instead."""

import os

bind = os.environ.get("BENCH_BIND", "127.0.0.1:8123")
worker_class = os.environ.get("BENCH_WORKER_CLASS", "sync")
workers = int(os.environ.get("BENCH_WORKERS", os.cpu_count() or 2))
threads = int(os.environ.get("BENCH_THREADS", "1"))
backlog = 256
accesslog = None  # a log line per request would be part of what we measure
errorlog = "-"
loglevel = "warning"
timeout = 30
