from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from canting.registry import services
from canting.registry.models import Centre

FIELDS = {"name": "name", "address": "address", "village": "village_id", "office": "managing_office"}


def describe(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    return " ".join(error.messages)


class Command(BaseCommand):
    help = (
        "Register, edit or list the centres (sentra): the first-day step after `canting loadareas`, for an install "
        "without an officer who holds the right to manage centres yet. Changes are audited as the system's."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="Register a centre.")
        edit = actions.add_parser("edit", help="Change a centre's details.")
        edit.add_argument("id", type=int, help="The centre's number, as `canting centre list` shows it.")
        for action, required in ((add, True), (edit, False)):
            action.add_argument("--name", required=required)
            action.add_argument("--address", required=required)
            action.add_argument("--village", required=required, help="Kemendagri village code, e.g. 35.76.02.1001")
            action.add_argument("--office", required=required, help="The office that manages the centre.")
        actions.add_parser("list", help="Every centre: number, name and village code, tab-separated.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for centre in Centre.objects.order_by("pk"):
                self.stdout.write(f"{centre.pk}\t{centre.name}\t{centre.village_id}")
            return
        data = {field: options[option] for option, field in FIELDS.items() if options.get(option) is not None}
        try:
            if options["action"] == "add":
                centre = services.create_centre(actor=None, data=data)
                self.stdout.write(self.style.SUCCESS(f"Centre {centre.pk} registered: {centre.name}"))
            else:
                found = Centre.objects.filter(pk=options["id"]).first()
                if found is None:
                    raise CommandError(f"There is no centre {options['id']}: `canting centre list` shows them.")
                centre = services.update_centre(found, actor=None, changes=data)
                self.stdout.write(self.style.SUCCESS(f"Centre {centre.pk} saved: {centre.name}"))
        except ValidationError as error:
            raise CommandError(describe(error)) from None
