from django.contrib import admin

from .models import AssessmentTest, Athlete, StrengthAssessment


@admin.register(AssessmentTest)
class AssessmentTestAdmin(admin.ModelAdmin):
    """Editors keep the test catalogue; tests with history are retired
    (untick "active"), not deleted (PROTECT)."""

    list_display = ["name", "unit", "higher_is_better", "lsi_threshold", "plausible_max", "active"]
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
    list_display = ["athlete", "test", "date", "left_value", "right_value"]
    list_filter = ["test"]
    date_hierarchy = "date"
    raw_id_fields = ["athlete", "recorded_by"]

    # The athlete's cached pages show assessments (coaching/page_cache.py).
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        Athlete.objects.filter(pk=obj.athlete_id).mark_changed()
        if change and "athlete" in form.changed_data:
            Athlete.objects.filter(pk=form.initial["athlete"]).mark_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        Athlete.objects.filter(pk=obj.athlete_id).mark_changed()

    def delete_queryset(self, request, queryset):
        athletes = list(queryset.values_list("athlete_id", flat=True))
        super().delete_queryset(request, queryset)
        Athlete.objects.filter(pk__in=athletes).mark_changed()
