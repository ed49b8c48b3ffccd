"""The library in the admin, for content editors (is_staff + the "Content
editors" group, whose permissions cover the exercise models only)."""

from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.db import models
from django.forms import Textarea, TextInput

from .models import CommonMistake, Exercise, ProgressionLevel, TechniqueStep

# Coaching text is a few sentences: show it whole, without scrolling inside the box.
WIDE_TEXT = {
    models.TextField: {"widget": Textarea(attrs={"rows": 4, "cols": 80})},
    models.CharField: {"widget": TextInput(attrs={"size": 60})},
}
SHORT_TEXT = {models.TextField: {"widget": Textarea(attrs={"rows": 3, "cols": 60})}}


class LabelledFileWidget(AdminFileWidget):
    """A picture upload named by a <label>: Django wraps a file input in a
    fieldset whose legend screen readers do not take as the input's name."""

    use_fieldset = False


PICTURE = {models.FileField: {"widget": LabelledFileWidget}}


class TechniqueStepInline(admin.StackedInline):
    # Stacked, not tabular: a tabular inline's inputs have no <label> (only the
    # column heading), so screen readers announce them unnamed.
    model = TechniqueStep
    fields = [("order", "title"), "instruction", ("image", "image_alt")]
    formfield_overrides = SHORT_TEXT | PICTURE
    extra = 0


class CommonMistakeInline(admin.StackedInline):
    model = CommonMistake
    fields = [("order", "title"), "what_happens", "how_to_fix", "sign_of_success"]
    formfield_overrides = WIDE_TEXT
    extra = 0


class ProgressionLevelInline(admin.StackedInline):
    model = ProgressionLevel
    formfield_overrides = WIDE_TEXT | PICTURE
    extra = 0
    # Related numbers share a row so a level fits on one screen.
    fieldsets = [
        (None, {"fields": [("order", "name"), "support", "description"]}),
        ("Picture", {"fields": ["image", "image_alt"]}),
        (
            "Default prescription",
            {
                "fields": [
                    ("default_sets", "default_reps_per_leg", "default_reps_max"),
                    ("default_load_kg", "load_note"),
                ]
            },
        ),
        (
            "Criteria to advance",
            {
                "fields": [
                    ("advance_reps_per_leg", "advance_load_kg", "advance_sessions_in_row"),
                    ("advance_max_pain", "advance_max_rpe", "load_step_kg"),
                ]
            },
        ),
    ]


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["name", "focus", "unilateral", "sessions_per_week_label", "published"]
    list_filter = ["focus", "published", "unilateral"]
    search_fields = ["name", "summary", "key_cue", "equipment"]
    prepopulated_fields = {"slug": ["name"]}
    save_on_top = True
    formfield_overrides = WIDE_TEXT
    inlines = [TechniqueStepInline, CommonMistakeInline, ProgressionLevelInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "published"]}),
        ("What the athlete reads", {"fields": ["summary", "key_points", "key_cue"]}),
        (
            "Details",
            {
                "fields": [
                    "focus",
                    "unilateral",
                    "equipment",
                    ("sessions_per_week_min", "sessions_per_week_max"),
                ]
            },
        ),
    ]

    @admin.display(description="Sessions per week")
    def sessions_per_week_label(self, exercise):
        return exercise.sessions_per_week_label

    @admin.action(description="Publish the selected exercises", permissions=["change"])
    def publish(self, request, queryset):
        count = queryset.update(published=True)  # moves updated_at on (coaching/site/touch.py)
        self.message_user(request, f"{count} exercise(s) published.", messages.SUCCESS)

    @admin.action(description="Make the selected exercises drafts", permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.update(published=False)
        self.message_user(request, f"{count} exercise(s) are drafts now.", messages.SUCCESS)
