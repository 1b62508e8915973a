"""The house rules that keep the app's structure in config.yaml: checked on the source, not by review.

- Streamlit is imported only by the thin UI layer (targets/ui/, app.py, pages/).
- Pages lay out widgets: no pandas in pages/.
- No Python names a theme, county or city: they live in config.yaml only.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CODE = sorted((ROOT / "targets").rglob("*.py")) + sorted((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return out | {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}


def _strings(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
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
