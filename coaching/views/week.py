"""The athlete's week on the phone: sessions, cues, check-off."""
