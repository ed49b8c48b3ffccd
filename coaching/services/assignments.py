"""Assigning exercises, changing levels, commenting on sessions."""
