"""Writes that touch several rows: `sessions` (planning and check-off) and
`assignments` (assigning, level changes, comments). Keyword-only, atomic."""
