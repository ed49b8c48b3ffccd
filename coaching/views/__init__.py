"""Coaching views: `week` (the athlete's phone pages) and `coach` (dashboard,
assigning, training history)."""
