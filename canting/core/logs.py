"""Logging pieces the settings name."""

from __future__ import annotations

import logging


class QuietForbidden(logging.Filter):
    """A refused page (403) is an everyday answer, not a fault: its log line stays, its traceback goes, so the log
    keeps room for the errors that need someone."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
