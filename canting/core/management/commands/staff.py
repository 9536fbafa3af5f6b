from __future__ import annotations

import getpass
import sys
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from canting.core import audit
from canting.core.models import Area, Role, User
from canting.core.scope import within

RIGHTS = {"manage-centres": ("registry", "change_centre")}


class Command(BaseCommand):
    help = (
        "Create an office staff login with its working area: the first-day step after `canting createsuperuser`. "
        "The password is asked for twice, or read from standard input with --password-stdin."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--area", help="Kemendagri code of the region the officer serves, e.g. 35.76; none: all.")
        parser.add_argument(
            "--centre", type=int, help="Id of the one centre the officer serves (see /registry/centres/); none: every."
        )
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--manage-centres", action="store_true", help="Give the right to register centres.")
        parser.add_argument("--password-stdin", action="store_true", help="Read the password from standard input.")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"The login {username!r} already exists; change it in /admin/.")
        area = None
        if options["area"]:
            area = Area.objects.filter(code=options["area"]).first()
            if area is None:
                raise CommandError(f"Unknown area code {options['area']!r}: load the areas with `canting loadareas`.")
        centre = None
        if options["centre"] is not None:
            # By label: the ground floor imports no app.
            centre = apps.get_model("registry", "Centre").objects.filter(pk=options["centre"]).first()
            if centre is None:
                raise CommandError(f"Unknown centre {options['centre']}: see the centres at /registry/centres/.")
            if area is not None and not within(area.code, centre.village_id):
                raise CommandError(f"The centre {centre} lies outside the area {area.code}.")
        user = User(
            username=username,
            email=options["email"],
            first_name=options["first_name"],
            last_name=options["last_name"],
            role=Role.STAFF,
            area=area,
            centre=centre,
        )
        password = self.read_password(options["password_stdin"])
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user.set_password(password)
        with transaction.atomic():
            user.save()
            rights = []
            for flag, (app_label, codename) in RIGHTS.items():
                if options[flag.replace("-", "_")]:
                    user.user_permissions.add(
                        Permission.objects.get(content_type__app_label=app_label, codename=codename)
                    )
                    rights.append(flag)
            audit.record(
                actor=None,
                action="core.user.created",
                instance=user,
                changes={
                    "role": [None, Role.STAFF.value],
                    "area": [None, area.code if area else None],
                    "centre": [None, centre.pk if centre else None],
                },
                note=("rights: " + ", ".join(rights)) if rights else "command",
            )
        where = f"area {area.code} ({area.name})" if area else "every area"
        if centre is not None:
            where += f", centre {centre}"
        self.stdout.write(self.style.SUCCESS(f"Staff login {username} created for {where}."))

    def read_password(self, from_stdin: bool) -> str:
        if from_stdin:
            return sys.stdin.readline().rstrip("\n")
        if not sys.stdin.isatty():
            raise CommandError("No terminal to ask for the password: pass it on standard input with --password-stdin.")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return first
