"""The coach's pages: dashboard, assigning, training history, level changes."""
