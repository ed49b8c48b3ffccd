"""Planning sessions from active assignments, and checking them off."""
