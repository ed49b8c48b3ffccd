"""Coaching data in the admin, read-only: for support questions.

Writes go through the services (planning, level changes, check-off), which keep
snapshots and level history true; an admin edit would bypass them. Every list
joins what it shows (list_select_related), so a page is a fixed few queries."""

from django.contrib import admin

from .models import Assignment, LevelChange, SessionEntry, TrainingSession


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    """Every field shown, none edited; nothing added or deleted."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False


class LevelChangeInline(ReadOnlyInline):
    model = LevelChange
    fields = ["created_at", "direction", "from_level", "to_level", "changed_by", "reason"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("from_level", "to_level", "changed_by")


class ActiveFilter(admin.SimpleListFilter):
    """Active = not ended (Assignment.active is derived from ended_at)."""

    title = "active"
    parameter_name = "active"

    def lookups(self, request, model_admin):
        return [("1", "Yes"), ("0", "No")]

    def queryset(self, request, queryset):
        if self.value() in ("0", "1"):
            return queryset.filter(ended_at__isnull=self.value() == "1")
        return queryset


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["athlete", "exercise", "level", "sets", "reps_per_leg", "load_kg", "active"]
    list_filter = [ActiveFilter, "exercise"]
    list_select_related = ["athlete", "exercise", "level__exercise"]
    search_fields = ["athlete__name", "exercise__name"]
    date_hierarchy = "start_date"
    inlines = [LevelChangeInline]

    @admin.display(boolean=True, ordering="ended_at")
    def active(self, obj):
        return obj.active


class SessionEntryInline(ReadOnlyInline):
    model = SessionEntry
    fields = [
        "assignment",
        "level",
        "sets",
        "reps_per_leg",
        "load_kg",
        "completed_at",
        "reps_left",
        "reps_right",
        "load_done_kg",
        "pain",
        "form_note",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("assignment__athlete", "assignment__exercise", "level__exercise")
        )


@admin.register(TrainingSession)
class TrainingSessionAdmin(ReadOnlyAdmin):
    list_display = ["date", "athlete", "completed_at", "rpe", "has_comment"]
    list_filter = ["date"]
    list_select_related = ["athlete"]
    search_fields = ["athlete__name"]
    date_hierarchy = "date"
    inlines = [SessionEntryInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_completion()

    @admin.display(ordering="completed_at")
    def completed_at(self, obj):
        return obj.completed_at

    @admin.display(boolean=True, description="coach comment")
    def has_comment(self, obj):
        return bool(obj.coach_comment)


@admin.register(LevelChange)
class LevelChangeAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "assignment", "direction", "from_level", "to_level", "changed_by"]
    list_filter = ["direction"]
    list_select_related = [
        "assignment__athlete",
        "assignment__exercise",
        "assignment__level",
        "from_level__exercise",
        "to_level__exercise",
        "changed_by",
    ]
    search_fields = ["assignment__athlete__name", "reason"]
    date_hierarchy = "created_at"
