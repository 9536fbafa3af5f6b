"""The showcase benchmark's CPU timing: rounds, their median and the best one."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from canting.catalogue.management.commands.benchmark_showcase import ROUNDS, time_requests


@pytest.mark.django_db
def test_time_requests_gives_the_median_and_the_best_round(monkeypatch: pytest.MonkeyPatch) -> None:
    client = Client()
    asked: list[str] = []
    real_get = client.get
    monkeypatch.setattr(client, "get", lambda path: asked.append(path) or real_get(path))
    median, best, wall = time_requests(client, reverse("showcase:products"), ROUNDS * 2)
    assert len(asked) == 1 + ROUNDS * 2  # one unmeasured request, then two a round
    assert 0 < best <= median
    assert wall > 0
