"""The deadline-rush benchmark types figures as an artisan does and refuses sizes it cannot run."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from canting.turnover.forms.reports import ReportForm
from canting.turnover.management.commands.deadline_rush import figures, percentile


def test_the_figures_typed_the_indonesian_way_are_read_as_meant(enterprise: Any) -> None:
    rng = random.Random(3)
    for _ in range(20):
        typed = figures(rng)
        with translation.override("id"):
            form = ReportForm(data=typed, enterprise=enterprise)
            assert form.is_valid(), form.errors
        asked = [name for name in form.fields if name not in ("notes", "material_costs")]
        assert "domestic_sales" in asked
        for name in asked:
            assert form.cleaned_data[name] == int(typed[name].replace(".", "")), name


def test_percentile_picks_the_nearest_rank() -> None:
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.5) == 51.0
    assert percentile(values, 0.95) == 95.0
    assert percentile([7.0], 0.95) == 7.0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "argv", [["--artisans", "0"], ["--double-tap", "2"], ["--ramp", "900"], ["--pace", "leisurely"]]
)
def test_sizes_it_cannot_run_are_refused(argv: list[str]) -> None:
    with pytest.raises(CommandError):
        call_command("deadline_rush", *argv)


@pytest.mark.django_db
def test_it_says_when_too_few_enterprises_have_not_filed(enterprise: Any) -> None:
    with pytest.raises(CommandError, match="have not filed"):
        call_command("deadline_rush", "--artisans", "5")
