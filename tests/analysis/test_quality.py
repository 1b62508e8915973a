"""targets.quality: the consistency report and the special cells, counted, ordered and laid out for officials."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from targets.analysis import checks, quality, views
from targets.analysis.checks import MISMATCH, OK, Finding
from targets.frame.i18n import Labels

THEMES = ["grain", "sewer", "pigs", "forest_fire"]


def finding(theme: str, check: str, status: str, left: float = 1.0, right: float = 1.0, unit: str = "公里") -> Finding:
    return Finding(theme=theme, check=check, title_zh=f"{theme}·{check}", title_en=f"{theme}/{check}", left=left,
                   left_label=f"{left:g}", left_cites=f"文一 {check}", right=right, right_label=f"{right:g}",
                   right_cites=f"文二 {check}", status=status, relation_zh="一致" if status == OK else "不一致",
                   relation_en="equal" if status == OK else "differs", unit=unit)


@pytest.fixture(scope="module")
def report(shipped):
    return checks.report(shipped)


@pytest.fixture(scope="module")
def zh(shipped):
    return Labels(shipped.config, "zh")


@pytest.fixture(scope="module")
def en(shipped):
    return Labels(shipped.config, "en")


def sewer_goal(findings: list[Finding]) -> Finding:
    return next(x for x in findings if x.check == "goal_vs_done_plus_plan")


# ---- counting and ordering --------------------------------------------------------------------------------------


def test_counts():
    fs = [finding("grain", "total_vs_sum", OK), finding("sewer", "a", MISMATCH), finding("pigs", "b", OK)]
    assert quality.counts(fs) == {"total": 3, "ok": 2, "mismatch": 1}
    assert quality.counts([]) == {"total": 0, "ok": 0, "mismatch": 0}


def test_shipped_counts_add_up_and_include_the_sewer_mismatch(report):
    n = quality.counts(report)
    assert n["total"] == len(report) and n["ok"] + n["mismatch"] == n["total"]
    assert n["mismatch"] >= 1
    assert sewer_goal(report).status == MISMATCH


def test_ordered_puts_mismatches_first_then_text_checks_then_theme_order():
    fs = [finding("pigs", "total_vs_sum", OK), finding("grain", "total_vs_sum", OK), finding("grain", "text1", OK),
          finding("pigs", "text2", MISMATCH), finding("sewer", "total_vs_sum", MISMATCH), finding("sewer", "text3", MISMATCH)]
    out = quality.ordered(fs, THEMES)
    assert [(x.theme, x.check) for x in out] == [
        ("sewer", "text3"), ("pigs", "text2"), ("sewer", "total_vs_sum"),  # to review: text first, then totals
        ("grain", "text1"), ("grain", "total_vs_sum"), ("pigs", "total_vs_sum")]


def test_shipped_report_ordered_starts_with_every_mismatch(report):
    out = quality.ordered(report, THEMES)
    n = quality.counts(report)["mismatch"]
    assert all(x.status == MISMATCH for x in out[:n]) and all(x.status == OK for x in out[n:])
    assert sorted(map(id, out)) == sorted(map(id, report))  # nothing lost or added


def test_only_theme(report):
    assert {x.theme for x in quality.only_theme(report, "sewer")} == {"sewer"}
    assert quality.only_theme(report, None) == list(report) == quality.only_theme(report, "")


# ---- one finding, readable, citing both places --------------------------------------------------------------------


def test_sewer_card_cites_both_places_and_signs_the_difference(report, zh, en):
    c = quality.card(sewer_goal(report), zh)
    assert c["theme"] == "雨污分流"
    assert c["stated"] == "385 公里"
    assert c["compared"] == "107.142 + 205.1 + 96.7 + 38.1 = 447.042 公里"
    assert c["difference"] == "+62.042 公里"
    assert c["stated_cites"].startswith("吕政办发〔2021〕17号 一、工作目标「2020-2023 年")
    assert "附件 全市城镇排水管网雨污分流改造任务表 · 2021年（公里） · 合计" in c["compared_cites"]
    e = quality.card(sewer_goal(report), en)
    assert e["stated"] == "385 km" and e["result"] == "differs" and e["theme"] == "Sewer separation"


def test_percent_and_consistent(zh):
    c = quality.card(finding("grain", "x", OK, 95, 95, "%"), zh)
    assert c["stated"] == "95%" and c["difference"] == ""
    assert quality.signed(-2.5) == "-2.5" and quality.signed(0) == "0" and quality.signed(3) == "+3"


def test_findings_table_columns_marks_and_order(report, zh, en):
    ordered = quality.ordered(report, THEMES)
    table = quality.findings_table(ordered, zh)
    assert list(table.columns) == ["结论", "专题", "核对项", "所述", "对照", "差额（对照 − 所述）", "出处一（所述）",
                                   "出处二（对照）", "核对类别"]
    n = quality.counts(report)["mismatch"]
    assert table["结论"].iloc[:n].str.startswith("✗ ").all() and table["结论"].iloc[n:].str.startswith("✓ ").all()
    row = table[table["核对项"] == sewer_goal(report).title_zh].iloc[0]
    assert row["结论"] == "✗ 不一致" and row["核对类别"] == "正文数字与附件表格"
    assert row["差额（对照 − 所述）"] == "+62.042 公里"
    assert (table["出处一（所述）"] != "").all() and (table["出处二（对照）"] != "").all()
    assert set(table["结论"]) >= {"✓ 一致", "✓ 满足（≥）", "✓ 约等"}
    totals = table[table["核对类别"] == "表内合计与各行之和"]
    assert len(totals) == sum(1 for x in report if x.check == "total_vs_sum")
    assert "粮食播种面积（2021年）合计与各县之和" in set(totals["核对项"])   # period ids made readable
    assert not totals["核对项"].str.contains("overall").any()
    e = quality.findings_table(ordered, en)
    assert e.columns[0] == "Result" and e["Result"].iloc[0] == "✗ differs"
    assert not e["Check"].str.contains(r"\(overall\)").any()


def test_by_category_keeps_order_and_skips_empty_groups():
    fs = [finding("sewer", "a", MISMATCH), finding("grain", "total_vs_sum", OK), finding("grain", "b", OK)]
    groups = quality.by_category(fs)
    assert [(c, [x.check for x in g]) for c, g in groups] == [("text", ["a", "b"]), ("total", ["total_vs_sum"])]
    assert quality.by_category([finding("grain", "total_vs_sum", OK)])[0][0] == "total"
    assert quality.by_category([]) == []


def test_mismatch_rows_are_marked(report, zh):
    ordered = quality.ordered(report, THEMES)
    table = quality.findings_table(ordered, zh)
    css = quality.mismatch_styles(ordered, table)
    marked = css.iloc[:, 0] == quality.MISMATCH_BG
    assert list(marked) == [x.status == MISMATCH for x in ordered]
    assert (css.eq(css.iloc[:, 0], axis=0)).all().all()  # whole rows
    quality.styled(ordered, table).to_html()  # renders


def test_empty_selection_gives_an_empty_table(zh):
    table = quality.findings_table([], zh)
    assert table.empty and table.columns[0] == "结论"


# ---- special cells --------------------------------------------------------------------------------------------------


def test_specials_cover_every_special_cell_with_a_kind(shipped, zh):
    rows = quality.specials(shipped.frame, None, THEMES)
    assert len(rows) == len(views.special_cells(shipped.frame))
    assert set(rows["special"]) <= set(quality.SPECIAL_KINDS)
    ranks = [quality.SPECIAL_KINDS.index(k) for k in rows["special"]]
    assert ranks == sorted(ranks)
    kinds = dict(zip(zip(rows["theme"].astype(str), rows["indicator"].astype(str), rows["county"].astype(str),
                         rows["period"].astype(str)), rows["special"]))
    assert kinds[("sewer", "sewer_km", "市级", "2022")] == "no_task"
    assert kinds[("pigs", "parks_100k", "方山县", "overall")] == "blank"
    assert kinds[("forest_fire", "std.professional.other", "全市", "overall")] == "as_needed"
    assert kinds[("forest_fire", "pro_team_size", "临县", "2021")] == "ge"
    assert kinds[("forest_fire", "township_guides", "全市", "2021")] == "range"
    assert kinds[("sewer", "sewer_km", "全市", "2021")] == "approx"
    assert kinds[("forest_fire", "pro_assembly_minutes", "全市", "2021")] == "le"
    counts = quality.special_counts(rows, zh)
    assert counts["个数"].sum() == len(rows)
    assert list(counts["单元格类型"])[:2] == ["“-” 当年无任务", "空白（公报未填）"]


def test_special_table_reads_as_written_with_its_place(shipped, zh, en):
    rows = quality.specials(shipped.frame, "sewer", THEMES)
    assert set(rows["theme"].astype(str)) == {"sewer"}
    table = quality.special_table(rows, zh)
    first = table.iloc[0]
    assert first["单元格类型"] == "“-” 当年无任务" and first["公报所写"] == "-" and first["单位"] == "公里"
    assert first["出处"].startswith("吕政办发〔2021〕17号 附件 全市城镇排水管网雨污分流改造任务表")
    approx = table[table["单元格类型"] == "约数"]
    assert list(approx["公报所写"]) == ["约205", "约97", "约38"] and approx["原文"].str.contains("约").all()
    pigs = quality.special_table(quality.specials(shipped.frame, "pigs", THEMES), zh)
    assert (pigs[pigs["单元格类型"] == "空白（公报未填）"]["公报所写"] == "空白").all()
    e = quality.special_table(rows, en)
    assert e.iloc[0]["Cell type"] == "'-' no task that year" and e.iloc[0]["Unit"] == "km"


# ---- the report as files -----------------------------------------------------------------------------------------------


def test_report_text_counts_then_one_line_each(report, zh):
    ordered = quality.ordered(report, THEMES)
    raw = quality.report_text(ordered, zh)
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    n = quality.counts(report)
    assert lines[0] == f"{n['total']} 项核对，{n['ok']} 项一致，{n['mismatch']} 项待核"
    assert lines[2].startswith("✗") and "385" in "".join(lines[2:2 + n["mismatch"]])
    assert len(lines) == 2 + n["total"]


def test_report_xlsx_has_both_sheets(shipped, report, zh):
    ordered = quality.ordered(report, THEMES)
    table = quality.findings_table(ordered, zh)
    cells = quality.special_table(quality.specials(shipped.frame), zh)
    raw = quality.report_xlsx(table, cells, checks_sheet="一致性核对", special_sheet="特殊单元格")
    book = pd.read_excel(io.BytesIO(raw), sheet_name=None)
    assert list(book) == ["一致性核对", "特殊单元格"]
    assert len(book["一致性核对"]) == len(report) and len(book["特殊单元格"]) == len(cells)
    assert book["一致性核对"].iloc[0]["结论"] == "✗ 不一致"


def test_sum_citations_name_the_places_in_the_gazette(report, zh):
    cluster = next(x for x in report if x.check == "clusters_vs_capacity")
    c = quality.card(cluster, zh)
    assert "cluster_capacity" not in c["stated_cites"] + c["compared_cites"]
    assert "二、（一）产业布局：生猪产业集群年出栏，6 项之和" in c["stated_cites"]
