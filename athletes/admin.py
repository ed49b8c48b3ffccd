from django.contrib import admin
from django.utils.html import format_html_join

from .models import AssessmentTest, Athlete, StrengthAssessment


@admin.register(AssessmentTest)
class AssessmentTestAdmin(admin.ModelAdmin):
    """Editors keep the test catalogue; tests with history are retired
    (untick "active"), not deleted (PROTECT)."""

    list_display = [
        "name",
        "unit",
        "higher_is_better",
        "lsi_threshold",
        "detectable_difference",
        "plausible_max",
        "active",
    ]
    list_editable = ["active"]
    list_filter = ["unit", "active"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "name",
        "slug",
        "short_name",
        "unit",
        "higher_is_better",
        "instructions",
        "lsi_threshold",
        "detectable_difference",
        "detectable_in_lsi_points",
        "normalisation",
        "max_value",
        "order",
        "active",
    ]


@admin.register(Athlete)
class AthleteAdmin(admin.ModelAdmin):
    """For superusers looking into support questions; coaches use the app."""

    list_display = ["name", "coach", "user", "goal_event", "archived_at"]
    list_filter = ["archived_at"]
    search_fields = ["name"]
    raw_id_fields = ["user", "coach"]


@admin.register(StrengthAssessment)
class StrengthAssessmentAdmin(admin.ModelAdmin):
    list_display = ["athlete", "test", "date", "left_value", "right_value", "deleted_at"]
    readonly_fields = ["revision", "deleted_at", "corrections"]

    @admin.display(description="corrections and deletion")
    def corrections(self, obj):
        """The history coaches made in the app (read-only here)."""
        changes = obj.changes.select_related("changed_by") if obj.pk else []
        return (
            format_html_join(
                "\n",
                "<p>{} {} by {}: {} → {} (“{}”)</p>",
                (
                    (c.get_kind_display(), c.changed_at, c.changed_by, c.before, c.after, c.reason)
                    for c in changes
                ),
            )
            or "None"
        )

    list_filter = ["test"]
    date_hierarchy = "date"
    raw_id_fields = ["athlete", "recorded_by"]
