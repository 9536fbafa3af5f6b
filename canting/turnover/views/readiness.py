"""Placeholder pages, replaced by the real views."""

from canting.turnover.views._stub import Stub


class ReadinessListView(Stub):
    pass


class CriterionListView(Stub):
    pass


class CriterionUpdateView(Stub):
    pass


class EnterpriseReadinessView(Stub):
    pass


class GraduateView(Stub):
    pass


class GraduationListView(Stub):
    pass


class GraduationDetailView(Stub):
    pass
