"""pages/quality.py through AppTest: the change list of the last updates the running app has seen (issue 17)."""

from __future__ import annotations

import shutil

import pytest

from targets.analysis import change_list
from targets.ops.store import Store
from tests.conftest import REPO, until
from tests.pagetest import app


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """The shipped project in tmp_path, served by a fresh store that takes a save at once."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copy(REPO / "config.yaml", tmp_path / "config.yaml")
    monkeypatch.setenv("TARGETS_CONFIG", str(tmp_path / "config.yaml"))
    monkeypatch.setenv("TARGETS_SETTLE_SECONDS", "0")
    return tmp_path


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def table(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _published(root, before: int) -> None:
    """Wait until the app's store has published a snapshot after `before` (its version), nothing left settling:
    two quick saves must be two updates, even when a busy machine is still loading the first as the second lands."""
    store = Store.shared(root / "config.yaml")  # the app's own (one per process and config)

    def published() -> bool:
        store.refresh()  # look at the files now rather than at the watcher's next tick
        version, settling = store.pulse()
        return version > before and not settling

    until(published, timeout=120)


def two_edits(at, root):
    """Edit 1: 兴县's 2021 sewer km 7.4 → 7.5 (sewer.yaml line 23). Edit 2: 孝义市's 2021 grain 27 → 28 and 汾阳市's
    row deleted (grain.yaml line 28)."""
    store = Store.shared(root / "config.yaml")
    version = store.pulse()[0]
    edit(root / "data" / "sewer.yaml", "      兴县: [7.4, 5, 2.4]\n", "      兴县: [7.5, 5, 2.4]\n")
    _published(root, version)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    version = store.pulse()[0]
    edit(root / "data" / "grain.yaml", "      孝义市: [27, 0.53]\n      汾阳市: [60.44, 1.78]\n", "      孝义市: [28, 0.53]\n")
    _published(root, version)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_two_edits_are_listed_newest_first_with_old_new_and_line(copy):
    at = app("quality")
    assert "本次运行的第一份数据" in " ".join(c.value for c in at.caption)
    two_edits(at, copy)
    captions = " ".join(c.value for c in at.caption)
    assert "最近 2 次更新" in captions and "最多保留 10 次" in captions
    assert "最近一次更新删除了数据行" in at.warning[0].value
    listed = table(at, "原值")
    assert list(listed.columns) == ["载入时间", "变化", "专题", "指标", "县（市、区）", "年度", "原值", "新值", "位置（文件:行）", "类别"]
    rows = listed[["变化", "县（市、区）", "年度", "原值", "新值"]].values.tolist()
    # Newest first: the grain save (changed, then removed rows), then the sewer save.
    assert rows[0] == ["修改", "孝义市", "2021年", "27 万亩", "28 万亩"]
    assert [r[:2] for r in rows[1:3]] == [["删除", "汾阳市"], ["删除", "汾阳市"]] and rows[1][4] == "—"
    assert rows[-1] == ["修改", "兴县", "2021年", "7.4 公里", "7.5 公里"]
    places = listed["位置（文件:行）"].tolist()
    assert places[0].endswith("data/grain.yaml:28") and places[-1].endswith("data/sewer.yaml:23")
    assert places[1].endswith("data/grain.yaml")  # a removed row is no longer in the file
    assert "共 4 处变化。" in captions and all(b.proto.label != "下载全部变化（CSV）" for b in at.get("download_button"))
    summary = table(at, "删除行")
    assert summary[["新增行", "删除行", "数值变化"]].values.tolist() == [[0, 2, 1], [0, 0, 1]]
    assert "汾阳市" in summary.iloc[0]["删除的行（前5行）"]


def test_the_change_list_in_english(copy):
    at = app("quality")
    next(r for r in at.sidebar.radio if "English" in r.options).set_value("en").run()
    two_edits(at, copy)
    listed = table(at, "Before")
    assert listed.iloc[0][["Change", "County", "Period", "Before", "After"]].tolist() == \
        ["Changed", "Xiaoyi City", "2021", "27 × 10,000 mu", "28 × 10,000 mu"]
    assert listed.iloc[-1][["Change", "County", "Before", "After", "Kind"]].tolist() == ["Changed", "Xing County", "7.4 km", "7.5 km", "County"]
    text = " ".join(c.value for c in at.caption if "update" in c.value or "changes" in c.value)
    assert "this run's last 2 updates" in text and "4 changes." in text
    text += " ".join(str(v) for v in listed.drop(columns=["Place (file:line)"]).values.ravel())
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text), text

def test_many_changes_show_a_bounded_table_with_the_count_and_the_rest_as_a_download(copy):
    at = app("quality")
    grain = copy / "data" / "grain.yaml"
    text = grain.read_text(encoding="utf-8")
    start, end = text.index("    rows:\n"), text.index("    stated_total:")
    grain.write_text(text[:start] + text[start:end].replace("[", "[1").replace(", ", ", 1") + text[end:], encoding="utf-8")  # 27 → 127, 0.53 → 10.53 …
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    listed = table(at, "原值")
    assert len(listed) == change_list.SHOWN
    caption = next(c.value for c in at.caption if "处变化" in c.value)
    total = int(caption.split("共 ")[1].split(" ")[0])
    assert total > change_list.SHOWN and f"表中是最新的 {change_list.SHOWN} 处" in caption
    assert any(b.proto.label == "下载全部变化（CSV）" for b in at.get("download_button"))
