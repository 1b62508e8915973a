"""targets.cli.diff: `diff` lists the values an edit changes, against the last commit or another copy."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from targets.__main__ import main
from tests.conftest import REPO

SEWER_OLD, SEWER_NEW = "      兴县: [7.4, 5, 2.4]\n", "      兴县: [7.5, 5, 2.4]\n"


def _copy(to):
    to.mkdir(parents=True)
    shutil.copytree(REPO / "data", to / "data")
    shutil.copy(REPO / "config.yaml", to / "config.yaml")
    return to


def _edit(folder):
    path = folder / "data" / "sewer.yaml"
    text = path.read_text(encoding="utf-8")
    assert SEWER_OLD in text
    path.write_text(text.replace(SEWER_OLD, SEWER_NEW), encoding="utf-8")


def _git(folder, *args):
    subprocess.run(["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", *args], cwd=folder, check=True,
                   capture_output=True)


@pytest.fixture
def committed(tmp_path):
    """The shipped project in a git repository of its own (in a sub-folder, as a project inside a bigger repo)."""
    folder = _copy(tmp_path / "repo" / "project")
    _git(tmp_path / "repo", "init", "-q")
    _git(tmp_path / "repo", "add", "-A")
    _git(tmp_path / "repo", "commit", "-qm", "gazette")
    return folder


def test_an_edit_against_the_last_commit(committed, capsys):
    _edit(committed)
    assert main(["diff", "--config", str(committed)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "共 1 处变化，涉及 1 个数据文件。"
    assert out[1].split()[:7] == ["修改", "雨污分流", "雨污合流制管网改造", "兴县", "2021年", "7.4", "公里"]
    assert out[1].split()[7:9] == ["7.5", "公里"] and out[1].split()[9].endswith("data/sewer.yaml:23")


def test_no_edit_no_change(committed, capsys):
    assert main(["diff", "--config", str(committed), "--lang", "en"]) == 0
    assert capsys.readouterr().out == "0 change(s) in 0 data file(s).\n"


def test_against_another_copy_in_english_csv(tmp_path):
    new = _copy(tmp_path / "new")
    _edit(new)
    out = tmp_path / "d.csv"
    assert main(["diff", "--config", str(new), "--against", str(REPO), "--lang", "en", "--format", "csv", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Change,Theme,Indicator,County,Period,Before,After,Place (file:line),Kind"
    assert lines[1].startswith("Changed,Sewer separation,Combined sewer separated,Xing County,2021,7.4 km,7.5 km,")
    assert len(lines) == 2


def test_outside_git_says_how_to_compare(tmp_path, capsys):
    folder = _copy(tmp_path / "plain")
    assert main(["diff", "--config", str(folder), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"{folder}: cannot read the project as committed at HEAD (" in err
    assert err.rstrip().endswith("name another copy with --against")
