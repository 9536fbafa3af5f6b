"""Placeholder pages, replaced by the real views."""

from canting.turnover.views._stub import Stub


class FiguresView(Stub):
    pass
