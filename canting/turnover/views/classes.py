"""Placeholder pages, replaced by the real views."""

from canting.turnover.views._stub import Stub


class SchemeListView(Stub):
    pass


class SchemeDetailView(Stub):
    pass


class EnterpriseClassView(Stub):
    pass
