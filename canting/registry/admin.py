from __future__ import annotations

from django.contrib import admin

from canting.core.admin import ReadOnlyAdmin
from canting.registry.models import Application, Centre, Enterprise, Facilitation, ImportBatch, Membership, Person


@admin.register(Centre)
class CentreAdmin(ReadOnlyAdmin):
    list_display = ("name", "village", "managing_office")


@admin.register(Enterprise)
class EnterpriseAdmin(ReadOnlyAdmin):
    list_display = ("name", "nib", "village", "status")
    list_filter = ("status",)
    search_fields = ("name", "brand", "nib")


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "masked_nik", "gender")
    search_fields = ("full_name",)


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("person", "enterprise", "role")


@admin.register(Facilitation)
class FacilitationAdmin(ReadOnlyAdmin):
    list_display = ("enterprise", "kind", "status", "granted_on", "expires_on")
    list_filter = ("kind", "status")


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("enterprise", "email", "status", "created_at")
    list_filter = ("status",)


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ("filename", "created_by", "status", "created_at")
