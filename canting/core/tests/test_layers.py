"""Which app may use which: the contract, read from every module's imports (tests and migrations aside).

Apps stand in layers. An app may import an app of a lower layer, never one of its own layer or above, so there is no
cycle; ``core`` is the ground floor and imports no app. An app imports another for that app's domain (its models,
services, selectors, querysets, choosers), never for its pages: views, forms, template tags, filter sets,
serializers and API modules are each app's own, and what several apps' pages share lives in ``core``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]  # canting/

# Lowest first. Apps of one layer do not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("registry",),
    ("catalogue",),
    ("training",),
    ("certification",),
    ("turnover",),
    ("facilities", "exhibitions"),
    ("trade",),
    ("dashboard",),
    ("demo",),  # loads every app's demo data; nothing imports it
)
LAYER_OF = {app: level for level, apps in enumerate(LAYERS) for app in apps}
PAGE_MODULES = frozenset({"views", "forms", "templatetags", "filtersets", "serializers", "api", "urls", "exports"})


def apps() -> list[str]:
    return sorted(p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists())


def imports(app: str) -> list[tuple[str, str]]:
    """(module file, imported module) for every ``canting.<other app>`` import in ``app``'s own code."""
    found = []
    for path in sorted((PACKAGE / app).rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            for name in names:
                bits = name.split(".")
                if bits[0] == "canting" and len(bits) > 1 and bits[1] in LAYER_OF and bits[1] != app:
                    found.append((str(path.relative_to(PACKAGE.parent)), name))
    return found


def test_every_app_has_a_layer() -> None:
    assert sorted(LAYER_OF) == apps()


@pytest.mark.parametrize("app", sorted(LAYER_OF))
def test_an_app_imports_only_apps_of_lower_layers(app: str) -> None:
    wrong = sorted(
        {f"{where} imports {name}" for where, name in imports(app) if LAYER_OF[name.split(".")[1]] >= LAYER_OF[app]}
    )
    assert not wrong, f"{app} (layer {LAYER_OF[app]}) may only import lower layers:\n" + "\n".join(wrong)


@pytest.mark.parametrize("app", sorted(LAYER_OF))
def test_an_app_uses_no_other_apps_pages(app: str) -> None:
    wrong = sorted(
        {
            f"{where} imports {name}"
            for where, name in imports(app)
            if name.split(".")[1] != "core" and len(name.split(".")) > 2 and name.split(".")[2] in PAGE_MODULES
        }
    )
    assert not wrong, "move what pages share to canting.core:\n" + "\n".join(wrong)


def test_the_contract_catches_a_wrong_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader above finds an upward import and a page import where they are written, even inside a function."""
    fake = tmp_path / "canting"
    (fake / "registry").mkdir(parents=True)
    (fake / "registry" / "apps.py").write_text("")
    (fake / "registry" / "services.py").write_text(
        "def f():\n    from canting.turnover.models import TurnoverReport\n    from canting.catalogue.views import x\n"
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["PACKAGE"]), "PACKAGE", fake)
    found = {name for _where, name in imports("registry")}
    assert {"canting.turnover.models", "canting.catalogue.views"} <= found
