"""targets.cli.validate: `validate` exits 0/1 with one line per problem, in the team's language unless told."""

from __future__ import annotations

import pytest

from tests.conftest import REPO
from targets.analysis import checks, quality, tables
from targets.__main__ import main


def shipped_counts(shipped) -> dict:
    """What `validate` reports for the shipped data, counted from the project (the numbers: tests/test_gazette.py)."""
    f, n = shipped.frame, quality.counts(checks.report(shipped))
    return {"files": len(shipped.data), "rows": len(f), **{k: int((f["kind"] == k).sum()) for k in tables.KINDS},
            "total": n["total"], "ok": n["ok"], "bad": n["mismatch"]}


def test_validate_verbose_prints_every_check_of_the_shipped_data(capsys, shipped):
    n = shipped_counts(shipped)
    assert main(["validate", str(REPO / "config.yaml"), "--lang", "en", "--verbose"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"OK: {n['files']} data files, {n['rows']} rows ({n['county']} county cells, {n['stated_total']} "
                      f"stated totals, {n['text']} text figures, {n['standard']} standard items).")
    assert out[1] == "Consistency report (warnings only):"
    assert len(out) == 2 + n["total"] + 1
    assert sum(line.startswith("  ✓ ") for line in out) == n["ok"]
    mismatches = [line for line in out if line.startswith("  ✗ ")]
    assert len(mismatches) == n["bad"] >= 1
    assert any("385 公里" in line and "447.042" in line for line in mismatches)
    assert out[-1] == f"{n['total']} checks, {n['ok']} consistent, {n['bad']} to review."


SUMMARY = {
    "zh": ["通过：{files} 个数据文件，{rows} 行（{county} 个分县数值，{stated_total} 个所述合计，{text} 个正文数字，{standard} 个标准条目）。",
           "一致性报告（仅为提示）：{total} 项检查，{ok} 项一致，{bad} 项待核对；加 --verbose 可逐项列出。"],
    "en": ["OK: {files} data files, {rows} rows ({county} county cells, {stated_total} stated totals, {text} text figures, "
           "{standard} standard items).",
           "Consistency report (warnings only): {total} checks, {ok} consistent, {bad} to review; add --verbose to list each check."],
}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_validate_prints_a_summary_line_of_the_consistency_report(capsys, shipped, lang):
    assert main(["validate", str(REPO / "config.yaml"), "--lang", lang]) == 0
    n = shipped_counts(shipped)
    assert capsys.readouterr().out.splitlines() == [line.format(**n) for line in SUMMARY[lang]]


def test_validate_speaks_the_configs_default_language_unless_told(mini, capsys):
    mini.chdir()
    assert main(["validate"]) == 0  # the mini project says display.default_language: zh
    assert capsys.readouterr().out.startswith("通过：2 个数据文件")
    mini.edit("config.yaml", "  default_language: zh", "  default_language: en")
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("OK: 2 data files")
    assert main(["validate", "--lang", "zh"]) == 0
    assert capsys.readouterr().out.startswith("通过：")


def test_validate_of_a_config_it_cannot_read_speaks_chinese(mini, capsys):
    mini.chdir()
    mini.write("config.yaml", "title: [\n")
    assert main(["validate"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "config.yaml:1:8: 这里以 '[' 开始的列表没有结束：请在末尾写 ']'（数值之间用逗号分隔）\n"
    assert captured.err == "发现 1 个问题；请改正后重新检查。\n"


@pytest.mark.slow
def test_validate_accepts_the_folder(capsys):
    assert main(["validate", str(REPO), "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("OK: 4 data files")


def test_validate_bad_project_exits_1_one_line_per_problem(mini, capsys):
    mini.chdir()
    mini.edit("data/grain.yaml", "      离石: [20.07, 21]", "      太原: [20.07, 21]")
    mini.edit("data/sewer.yaml", "[8.4, 6]", "[8.4]")
    assert main(["validate", "--lang", "en"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "data/grain.yaml:14:11: tables[0].rows.太原: unknown county '太原'; "
        "add it under counties: in config.yaml (or as an alias)",
        "data/sewer.yaml:15:11: tables[0].rows.交城: row has 1 values but the table has 2 columns; "
        "add null for blank cells",
    ]
    assert captured.err == "2 problem(s) found; fix them and run again.\n"
    assert main(["validate"]) == 1  # the same in Chinese, the mini project's default language
    assert capsys.readouterr().out.splitlines() == [
        "data/grain.yaml:14:11: tables[0].rows.太原: 未知的县 '太原'；请在 config.yaml 的 counties: 下添加它（或作为别名）",
        "data/sewer.yaml:15:11: tables[0].rows.交城: 这一行有 1 个数值，但表格有 2 列；空白处请写 null",
    ]


@pytest.mark.slow  # a fresh interpreter per run
def test_validate_into_a_closed_pipe_ends_without_a_traceback():
    # As `python -m targets validate | head -1` once head has exited: the reading end is gone before we write.
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "targets", "validate", str(REPO / "config.yaml")], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1
    assert err == ""  # no BrokenPipeError traceback, no "Exception ignored" at exit
