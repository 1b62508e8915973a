"""The house rules that keep the app's structure in config.yaml: checked on the source, not by review.

- Streamlit is imported only by the thin UI layer (targets/ui/, app.py, pages/).
- Pages lay out widgets: no pandas in pages/.
- No Python names a theme, county or city: they live in config.yaml only.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CODE = sorted((ROOT / "targets").rglob("*.py")) + sorted((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]


@lru_cache(maxsize=None)
def _tree(path: Path) -> ast.Module:
    """Each module parsed once per run: several rules read the same file."""
    return ast.parse(path.read_text(encoding="utf-8"))


def _imports(path: Path) -> set[str]:
    tree = _tree(path)
    out = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return out | {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}


def _strings(path: Path) -> set[str]:
    tree = _tree(path)
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


@pytest.mark.parametrize("path", [p for p in CODE if "targets" in p.parts and "ui" not in p.parts], ids=lambda p: p.name)
def test_only_the_ui_layer_imports_streamlit(path):
    assert "streamlit" not in _imports(path)


@pytest.mark.parametrize("path", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_hold_no_pandas(path):
    assert {"pandas", "numpy"}.isdisjoint(_imports(path))


def test_no_python_names_a_theme_county_or_city():
    cfg = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    names = {t["id"] for t in cfg["themes"]}
    names |= {c["name"] for c in cfg["counties"]} | {a for c in cfg["counties"] for a in c.get("aliases", [])}
    found = {(p.relative_to(ROOT).as_posix(), s) for p in CODE for s in _strings(p) if s in names}
    assert not found, f"move these to config.yaml: {sorted(found)}"


# ---- the layers: targets/ reads in pipeline order, and no package imports one above it ----------------
# Read bottom-up: core (problems, messages) → schema (the models) → frame (the tidy frame, its words and
# numbers) → inputs (YAML files → a validated Project) → analysis → charts → ops (the shared store, the
# server's checks) → ui (the only Streamlit) → cli (the command line: no Streamlit). A module may import its own
# package and any package below.
LAYERS = ["core", "schema", "frame", "inputs", "analysis", "charts", "ops", "ui", "cli"]


def _targets_imports(path: Path) -> set[str]:
    """The targets.* modules a module imports, at any depth (lazy imports inside functions count too)."""
    tree = _tree(path)
    out: set[str] = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.ImportFrom) and n.module and n.module.startswith("targets"):
            assert n.level == 0, f"{path}: relative import (the house uses absolute targets.* imports)"
            out |= {f"{n.module}.{a.name}" for a in n.names} | {n.module}
        elif isinstance(n, ast.Import):
            out |= {a.name for a in n.names if a.name.startswith("targets")}
    return out


def _package(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


PACKAGE_CODE = [p for p in sorted((ROOT / "targets").rglob("*.py")) if len(p.relative_to(ROOT / "targets").parts) == 2]


def test_every_module_lives_in_a_layer():
    loose = sorted(p.name for p in (ROOT / "targets").glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert not loose, f"put these in one of {LAYERS}: {loose}"
    assert sorted(p.name for p in (ROOT / "targets").iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(LAYERS)


@pytest.mark.parametrize("path", PACKAGE_CODE, ids=lambda p: p.relative_to(ROOT / "targets").as_posix())
def test_no_package_imports_one_above_it(path):
    mine = LAYERS.index(path.parent.name)
    above = sorted({m for m in _targets_imports(path) if (pkg := _package(m)) and LAYERS.index(pkg) > mine})
    assert not above, f"{path.parent.name} sits below these: {above}"


def _module_of(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    return ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)


def test_no_import_circles():
    modules = {_module_of(p): p for p in (ROOT / "targets").rglob("*.py")}
    graph = {m: {i for i in _targets_imports(p) if i in modules and i != m} for m, p in modules.items()}
    done: set[str] = set()

    def visit(m: str, stack: list[str]) -> None:
        if m in stack:
            pytest.fail("import circle: " + " → ".join(stack[stack.index(m):] + [m]))
        if m in done:
            return
        for n in sorted(graph[m]):
            visit(n, stack + [m])
        done.add(m)

    for m in sorted(graph):
        visit(m, [])
