from django import forms

from .models import Focus


class LibrarySearchForm(forms.Form):
    """The library's search bar. Bad input is reported beside the field and
    ignored: the list still shows, never an error page."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Name or equipment", "autocomplete": "off"}
        ),
    )
    focus = forms.ChoiceField(
        label="Focus",
        required=False,
        choices=[("", "Any focus"), *Focus.choices],
        error_messages={"invalid_choice": "Choose a focus from the list."},
    )

    def filters(self) -> dict[str, str]:
        """The valid search terms, as keyword arguments for `for_library()`."""
        self.is_valid()
        data = self.cleaned_data
        return {"text": data.get("q", ""), "focus": data.get("focus", "")}

    def focus_label(self) -> str:
        focus = self.filters()["focus"]
        return Focus(focus).label if focus else ""
