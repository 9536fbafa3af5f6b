"""People: artisans (perajin), owners and workers, and the roles they hold in enterprises."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from canting.core.masking import mask_nik, mask_phone
from canting.core.models import Area, TimeStamped
from canting.registry.querysets import MembershipQuerySet, PersonQuerySet
from canting.registry.validators import validate_nik, validate_phone


class Gender(models.TextChoices):
    MAN = "L", _("Man")
    WOMAN = "P", _("Woman")


class Person(TimeStamped):
    """A person known to the programme. NIK, phone and address are personal data (UU PDP)."""

    PERSONAL_FIELDS = ("nik", "phone", "address", "birth_date")

    full_name = models.CharField(_("full name"), max_length=150)
    nik = models.CharField(
        _("NIK"),
        max_length=16,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_nik],
        help_text=_("National identity number on the KTP: 16 digits."),
        error_messages={"unique": _("Another person is already registered with this NIK.")},
    )
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=16, blank=True, validators=[validate_phone])
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    village = models.ForeignKey(
        Area,
        verbose_name=_("village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": 4},
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "id"]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("registry:person-detail", args=[self.pk])

    @property
    def masked_nik(self) -> str:
        return mask_nik(self.nik)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MANAGER = "manager", _("Manager")
    WORKER = "worker", _("Worker")


class Membership(TimeStamped):
    """A person's role in an enterprise (owner, manager or worker)."""

    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("role in an enterprise")
        verbose_name_plural = _("roles in enterprises")
        ordering = ["enterprise", "role", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "person", "role"],
                name="registry_membership_unique",
                violation_error_message=_("This person already holds this role in this enterprise."),
            )
        ]

    def __str__(self) -> str:
        # The role's label straight from its choices: get_role_display() rebuilds the choices on every call, and
        # an import of a province names 60,000 memberships in its audit trail.
        try:
            role: object = MembershipRole(self.role).label
        except ValueError:
            role = self.role
        return f"{self.person} ({role}, {self.enterprise})"
