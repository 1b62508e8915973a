"""AppTest smoke tests: every page runs through app.py, its widgets exist by key,
and changing a filter changes the figure's data (read from the plotly spec)."""

from __future__ import annotations

from pathlib import Path

import pytest
from targets.charts.style import GREY
from tests.pagetest import APP, app, arr, county_color, page_ids, shipped_config, specs, trace

PAGES = page_ids()  # every page of the shipped app, from the registry


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_runs_in_both_languages(page, lang):
    at = app(page, lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error or page == "quality"  # the quality page shows its two mismatches as error cards
    assert at.radio(key="w:lang").value == lang
    assert at.selectbox(key="w:hl") is not None
    if page not in ("data", "quality"):
        assert at.get("plotly_chart"), "a chart is drawn"


def test_overview_opens_with_gazette_numbers():
    at = app()
    metrics = {m.label: m.value for m in at.metric}
    assert "500 万亩" in metrics.values()          # grain: the annex's stated total
    assert metrics["雨污合流制管网改造总任务 · 2020–2023年 · 目标"] == "385 公里"  # the goal, not the 2020 completion
    assert metrics["县级专业森林草原消防队伍人数 · 2021年 · 各县合计"] == "≥1,100 人"  # a sum of minimums is a minimum
    assert any(v.startswith("400 万头") for v in metrics.values())


def test_changing_the_period_changes_the_bars():
    at = app("sewer")
    bars = trace(at, "各县排序")
    assert "62" in " ".join(bars["text"])           # 新区 2021
    at.selectbox(key="w:period:sewer").set_value("2022").run()
    bars = trace(at, "各县排序")
    assert "30" in bars["text"][0]                  # 孝义市 leads 2022 with 30 km
    assert at.query_params["period"] == ["2022"] or at.query_params["period"] == "2022"


def test_minimums_are_shown_as_minimums():
    at = app("forest_fire")
    bars = trace(at, "各县排序")
    assert set(bars["text"]) == {"≥100", "≥50"}


def test_highlight_greys_the_other_counties():
    at = app("sewer", hl="孝义市")
    bars = trace(at, "各县排序")
    colors = dict(zip(bars["y"], bars["marker"]["color"]))
    assert colors["孝义市"] == county_color("孝义市")
    assert {c for n, c in colors.items() if n != "孝义市"} == {GREY}


def test_english_switches_labels():
    at = app("grain", lang="en")
    bars = trace(at, "counties ranked")
    assert "Lin County" in bars["y"]
    assert "Grain sown area" in specs(at)[0]["layout"]["title"]["text"]


def test_no_task_cells_are_not_drawn_as_zero():
    at = app("sewer")
    spec = next(s for s in specs(at) if "分年度" in s["layout"]["title"]["text"])
    marks = next(t for t in spec["data"] if t["type"] == "scatter")
    assert "新区" in marks["x"] and "中阳县" in marks["x"]     # '-' in 2022 and 2023


def test_compare_modes_change_the_data():
    at = app("compare", counties="临县,兴县", mode="share")
    first = specs(at)[0]["data"][0]
    assert first["type"] == "heatmap" and first["x"] == ["临县", "兴县"]
    assert first["text"][0] == ["23.5%", "11.4%"]          # sown area: 117.59 and 57.08 of 500
    at.radio(key="w:mode").set_value("rank").run()
    ranked = specs(at)[0]["data"][0]
    assert ranked["text"][0] == ["1/13", "3/13"]
    assert ranked["colorscale"] != first["colorscale"]


def test_profile_lists_rank_share_and_source():
    at = app("profile", county="临县")
    table = at.table[0].value
    row = table[table["指标"] == "粮食播种面积"].iloc[0]
    assert row["目标"] == "117.59 万亩"
    assert row["排名"] == "1 / 13"
    assert row["占全市比重"] == "23.5%"
    assert "吕政办发〔2021〕13号" in row["出处"]


def test_data_page_filters_and_report(shipped):
    from targets.analysis import checks

    at = app("data")
    all_rows = len(at.dataframe[0].value)
    at.multiselect(key="w:data:themes").set_value(["sewer"]).run()
    assert len(at.dataframe[0].value) < all_rows
    report = at.dataframe[-1].value
    assert (report["结论"] == "不一致").sum() == sum(x.status == checks.MISMATCH for x in checks.report(shipped)) >= 1


def test_bad_link_parameters_fall_back_with_a_notice():
    at = app(lang="fr", hl="<script>", mode="x", nonsense="1")
    assert not at.exception
    assert at.radio(key="w:lang").value == "zh"
    assert len(at.toast) == 1  # one notice, never a toast per parameter
    assert all(p in at.toast[0].value for p in ("lang=fr", "hl=", "mode=x", "nonsense=1"))


def test_share_link_round_trip():
    at = app("grain", lang="en", hl="兴县", ind="grain_output", period="2021")
    params = {k: at.query_params[k] for k in at.query_params}
    fresh = app("grain", **{k: (v[0] if isinstance(v, list) else v) for k, v in params.items()})
    assert fresh.selectbox(key="w:ind:grain").value == "grain_output"
    assert fresh.selectbox(key="w:hl").value == "兴县"
    assert fresh.radio(key="w:lang").value == "en"


def test_presentation_slides_walk_and_update_the_url():
    at = app(present="1", slide="3")
    assert at.query_params["slide"] in ("3", ["3"])
    assert any(f"3 / {len(shipped_config().presentation)}" in m.value for m in at.markdown)
    at.button(key="present:next").click().run()
    assert dict(at.query_params)["slide"] in ("4", ["4"])
    assert dict(at.query_params)["period"] in ("2022", ["2022"])
    assert trace(at, "各县排序")["marker"]["color"][0] == county_color("孝义市")  # highlighted and first in 2022
    at.button(key="present:exit").click().run()
    assert "present" not in dict(at.query_params)


def test_live_edit_shows_new_numbers_then_last_good_with_a_banner(tmp_path, monkeypatch):
    import shutil

    root = Path(APP).parent
    shutil.copytree(root / "data", tmp_path / "data")
    shutil.copy(root / "config.yaml", tmp_path / "config.yaml")
    monkeypatch.setenv("TARGETS_CONFIG", str(tmp_path / "config.yaml"))
    grain = tmp_path / "data" / "grain.yaml"

    at = app("grain")
    assert arr(trace(at, "各县排序")["x"])[0] == 117.59

    grain.write_text(grain.read_text(encoding="utf-8").replace("临县:   [117.59, 1.58]", "临县:   [118.5, 1.58]"), encoding="utf-8")
    at.run()
    assert arr(trace(at, "各县排序")["x"])[0] == 118.5
    assert not at.warning

    grain.write_text(grain.read_text(encoding="utf-8").replace("临县:   [118.5, 1.58]", "临县:   [-1, 1.58]"), encoding="utf-8")
    at.run()
    assert not at.exception
    assert "最后一份有效数据" in at.warning[0].value
    banner = " ".join(m.value for m in at.markdown).replace("\\", "")  # markdown-escaped list items
    assert "grain.yaml:21:14: tables[0].rows.临县[0]: 写的是负数 -1；目标不会是负数：请检查正负号" in banner
    assert arr(trace(at, "各县排序")["x"])[0] == 118.5  # still the last good numbers
    at.radio(key="w:lang").set_value("en").run()  # the banner speaks the session's language
    banner = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "grain.yaml:21:14: tables[0].rows.临县[0]: got the negative value -1; targets are never negative" in banner
    at.radio(key="w:lang").set_value("zh").run()

    grain.write_text(grain.read_text(encoding="utf-8").replace("临县:   [-1, 1.58]", "临县:   [117.59, 1.58]"), encoding="utf-8")
    at.run()
    assert not at.warning and arr(trace(at, "各县排序")["x"])[0] == 117.59


def test_every_theme_has_its_page_in_the_navigation():
    """One page registry: the navigation holds a page per theme (URL path = theme id) and the tool pages."""
    from targets.schema import pages as registry
    from targets.inputs.load import load_project

    cfg = load_project(Path(APP).parent / "config.yaml").config
    ids = registry.page_ids(cfg)
    theme_ids = [t.id for t in cfg.themes]
    # Every theme, in config order (the shipped navigation may put a tool page such as progress between).
    assert ids[0] == "overview" and [i for i in ids if i in theme_ids] == theme_ids
    assert set(ids) - set(theme_ids) <= set(registry.TOOLS)
    at = app("pigs")
    assert at.title[0].value == "生猪"


def test_show_data_is_drawn_once_opened_with_the_downloads_above_the_rows():
    at = app("sewer", period="2022")
    assert not at.dataframe and not at.get("download_button"), "closed: nothing drawn, nothing made"
    box = at.expander[0]
    assert box.label == "查看数据"
    at.session_state["data:sewer:open"] = True  # what a click on the expander sends
    at.run()
    opened = at.expander[0]
    kinds = [type(e).__name__ if e.type != "download_button" else "download_button" for e in opened]
    assert kinds.index("download_button") < kinds.index("Dataframe"), kinds
    rows = at.dataframe[0].value
    assert "孝义市" in set(rows["县（市、区）"]) and set(rows["年度"]) >= {"2022年"}, rows.head()
    assert [b.proto.label for b in at.get("download_button")] == ["下载 CSV", "下载 XLSX"]


def test_text_figures_are_a_static_table_that_wraps():
    at = app("forest_fire")
    table = at.table[0].value
    assert len(table) and not at.dataframe, "text figures: st.table (whole text, no canvas grid)"


def test_an_at_most_indicator_reads_as_caps_on_every_page(tmp_path, monkeypatch):
    """Issue 17 §3 through the app, on an analyst's copy with county caps (tests/analysis/capped.py, worked there)."""
    from tests.analysis.capped import capped_copy

    monkeypatch.setenv("TARGETS_CONFIG", str(capped_copy(tmp_path)))
    at = app("forest_fire", ind="semi_assembly_minutes")
    assert not at.exception, [e.value for e in at.exception]
    bars = trace(at, "各县排序")
    assert list(bars["y"]) == ["兴县", "中阳县", "文水县", "离石区", "交城县", "方山县"]  # ≤45 last, not 排名 1
    assert list(bars["text"]) == ["10–20", "≤20", "25", "≤30", "≤30", "≤45"]
    titles = [s["layout"]["title"]["text"].replace("<br>", "") for s in specs(at)]
    assert any("各县排序" in x and "上限 ≤：越小越严，最严者居首" in x for x in titles)
    assert any("上限 ≤：颜色越深越严" in x for x in titles)
    average = next(m for m in at.metric if m.label == "县均值")
    assert (average.value, average.proto.help) == ("—", "不计算县均值：单位不可相加（如分钟、%）。")  # was 26.7 分钟
    assert not any(s["layout"].get("shapes") and any(sh.get("name") == "reference" for sh in s["layout"]["shapes"])
                   for s in specs(at))  # no average line either

    at = app("profile", county="方山县")
    table = at.table[0].value
    row = table[table["指标"] == "半专业队伍集结时间"].iloc[0]
    assert (row["排名"], row["占全市比重"]) == ("6 / 6（上限，越小越靠前）", "—")
    assert any("半专业队伍集结时间、半专业队伍出勤率不计算占全市比重" in c.value for c in at.caption)

    at = app("compare", counties="交城县,方山县", mode="share", lang="en")
    heat = specs(at)[0]["data"][0]
    i = next(k for k, y in enumerate(heat["y"]) if y.startswith("Semi-professional assembly time"))
    assert heat["text"][i] == ["—", "—"] and heat["customdata"][i][0] == "<br>the unit does not add up (e.g. minutes, %)"
