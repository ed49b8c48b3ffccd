"""The note form, both ways (coaching/services/notes.py writes)."""

from django import forms

from coaching.services.notes import MAX_LENGTH


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Note",
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Write something first: the note is empty.",
            "max_length": f"Keep it under {MAX_LENGTH} characters (it has %(show_value)d).",
        },
    )
    # The athlete's: a session of the week ("" = the whole week) and the week's Monday.
    about = forms.CharField(required=False, widget=forms.HiddenInput)
    week = forms.DateField(required=False, widget=forms.HiddenInput)
