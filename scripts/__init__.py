"""Operator scripts (backup, restore, the cluster drills), importable so the
cluster smoke test can share the drills' process management."""
