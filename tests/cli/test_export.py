"""targets.cli.export: `export` writes the tidy table as csv, xlsx or json."""

from __future__ import annotations

import json

import openpyxl
import pytest

from tests.conftest import REPO
from targets.__main__ import main


@pytest.mark.slow
def test_export_writes_the_file(tmp_path, capsys, shipped):
    out = tmp_path / "targets.json"
    assert main(["export", "--format", "json", "-o", str(out), "--config", str(REPO / "config.yaml")]) == 0
    assert capsys.readouterr().out == ""
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == len(shipped.frame)  # every row (the count: tests/test_gazette.py)


@pytest.mark.slow
def test_export_xlsx_to_file(tmp_path):
    out = tmp_path / "targets.xlsx"
    assert main(["export", "--format", "xlsx", "-o", str(out), "--config", str(REPO)]) == 0
    assert openpyxl.load_workbook(out, read_only=True).sheetnames == ["targets", "sources"]


def test_export_csv_to_stdout_by_default(mini, capsysbinary):
    mini.chdir()
    assert main(["export"]) == 0
    data = capsysbinary.readouterr().out
    assert data.startswith(b"\xef\xbb\xbftheme,indicator,county,period,value,unit,source,")
    assert len(data.decode("utf-8-sig").splitlines()) == 1 + len(mini.load().frame)


def test_export_of_a_bad_project_writes_nothing(mini, tmp_path, capsys):
    mini.edit("data/grain.yaml", "theme: grain", "theme: grian")
    out = tmp_path / "never.csv"
    assert main(["export", "-o", str(out), "--config", str(mini.config)]) == 1
    assert not out.exists()
    assert "请改成一致" in capsys.readouterr().out


def test_unknown_format_is_refused_by_argparse(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--format", "parquet"])
    assert exit_.value.code == 2
    assert "invalid choice: 'parquet'" in capsys.readouterr().err
