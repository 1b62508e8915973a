"""targets.cli.progress: `progress` writes every status with its inputs."""

from __future__ import annotations

import contextlib
import json

import openpyxl
import pytest

from tests.conftest import REPO
from targets.__main__ import main


PROGRESS_HEAD = ["theme", "indicator", "period", "county", "target", "actual", "expected", "ratio", "status",
                 "target_original", "revision", "report", "as_of_report", "due"]


def test_progress_writes_the_contract_columns_first(tmp_path):
    out = tmp_path / "p.csv"
    assert main(["progress", "--config", str(REPO / "config.yaml"), "--as-of", "2021-09-30", "--theme", "sewer",
                 "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(",")[:len(PROGRESS_HEAD)] == PROGRESS_HEAD
    rows = [dict(zip(lines[0].split(","), line.split(","))) for line in lines[1:]]
    assert {r["theme"] for r in rows} == {"sewer"} and {r["as_of"] for r in rows} == {"2021-09-30"}
    # The gazette's 2020 completion (107.142 km) is a report of work done, not a target it set: no status row.
    assert not [r for r in rows if r["period"] == "2020"]


@pytest.mark.slow
def test_progress_defaults_to_the_latest_report_and_writes_json_and_xlsx(tmp_path):
    out = tmp_path / "p.json"
    assert main(["progress", "--config", str(REPO / "config.yaml"), "--format", "json", "-o", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert {r["as_of"] for r in rows} == {"2021-04-05"}  # 吕政办发〔2021〕17号's date: the only report shipped
    assert all(r["status"] in ("done", "overdue", "not_reported", "stale", "unassessable", "on_track", "at_risk", "behind")
               for r in rows)
    xlsx = tmp_path / "p.xlsx"
    assert main(["progress", "--config", str(REPO / "config.yaml"), "--format", "xlsx", "-o", str(xlsx)]) == 0
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["progress", "sources"]
    sources = [[c.value for c in row] for row in book["sources"].iter_rows()]
    assert any("吕政办发〔2021〕17号" in (row[2] or "") for row in sources[1:])


@pytest.mark.parametrize("args, says", [
    (["--theme", "sewr"], "did you mean 'sewer'?"),
    (["--as-of", "2021-9-30"], "'2021-9-30': write the date as YYYY-MM-DD, e.g. 2021-09-30"),
])
def test_progress_refuses_a_bad_argument_in_words(capsys, args, says):
    with pytest.raises(SystemExit) if "--as-of" in args else contextlib.nullcontext():  # argparse exits for a bad date
        code = main(["progress", "--config", str(REPO / "config.yaml"), "--lang", "en", *args])
        assert code == 2
    assert says in capsys.readouterr().err


def test_a_bad_date_is_refused_in_the_teams_language(capsys):
    with pytest.raises(SystemExit):
        main(["progress", "--config", str(REPO / "config.yaml"), "--as-of", "2021-13-01"])
    assert "'2021-13-01'：日期请写作 YYYY-MM-DD，例如 2021-09-30" in capsys.readouterr().err
