"""targets.cli.listing: `list` prints what the config declares, in text, csv or json; a broken config is refused
with its located problems."""

from __future__ import annotations

import json
import shutil

from targets.__main__ import main
from tests.conftest import REPO


def test_list_counties_as_text(capsys):
    assert main(["list", "counties", "--config", str(REPO / "config.yaml")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["name", "en", "kind", "order", "on_map", "adcode", "aliases"]
    assert lines[1].split()[:2] == ["离石区", "Lishi"]


def test_list_indicators_as_json_and_csv(tmp_path):
    out = tmp_path / "i.json"
    assert main(["list", "indicators", "--format", "json", "-o", str(out), "--config", str(REPO / "config.yaml")]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert {"id": "sewer_km", "theme": "sewer", "unit": "公里", "progress": "flow"}.items() <= \
        next(r for r in rows if r["id"] == "sewer_km").items()
    csv = tmp_path / "u.csv"
    assert main(["list", "units", "--format", "csv", "-o", str(csv), "--config", str(REPO / "config.yaml")]) == 0
    assert csv.read_text(encoding="utf-8-sig").splitlines()[0] == "id,en,summable,indicators"


def test_a_broken_config_is_refused_with_where(tmp_path, capsys):
    shutil.copytree(REPO / "data", tmp_path / "data")
    text = (REPO / "config.yaml").read_text(encoding="utf-8").replace("on_map: true", "on_map: maybe", 1)
    (tmp_path / "config.yaml").write_text(text, encoding="utf-8")
    assert main(["list", "counties", "--config", str(tmp_path / "config.yaml"), "--lang", "en"]) == 1
    captured = capsys.readouterr()
    assert "config.yaml:" in captured.out and "on_map" in captured.out
    assert "1 problem" in captured.err


def test_help_is_in_the_teams_language(capsys):
    try:
        main(["list", "--help", "--config", str(REPO / "config.yaml")])
    except SystemExit:
        pass
    assert "列出 config.yaml 声明的县（市、区）、期间、单位或指标" in capsys.readouterr().out
