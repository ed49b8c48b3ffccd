"""make cluster: HAProxy, gunicorn app servers and fault drills on loopback
(run.sh prepares, drills.py runs; docs/deploy.md has the figures)."""
