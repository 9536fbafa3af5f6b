"""The ``canting`` command: ``canting serve``, ``canting demo`` and every Django management command."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "canting.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["canting", *sys.argv[1:]])


if __name__ == "__main__":
    main()
