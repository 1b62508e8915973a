"""The shared plot style: offline plotly config and escaping."""

from __future__ import annotations

import json

from targets.charts.style import OFFLINE_TOPOJSON_URL, esc, plotly_config, text_px, wrap


def test_plotly_config_is_offline():
    config = plotly_config("吕梁地图")
    url = config["topojsonURL"]
    assert url == OFFLINE_TOPOJSON_URL
    assert not url.lower().startswith(("http:", "https:", "//"))
    assert config["displaylogo"] is False
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "吕梁地图", "scale": 2}


def test_offline_topojson_url_survives_plotly_appending_a_file_name():
    # plotly.js requests f"{topojsonURL}/world_110m.json"; what follows '#' is a fragment,
    # which a data: URL's payload excludes, so the payload stays a valid (empty) topology.
    requested = OFFLINE_TOPOJSON_URL + "/world_110m.json"
    assert requested.startswith("data:application/json,")
    payload = requested[len("data:application/json,") :].split("#", 1)[0]
    assert json.loads(payload) == {"type": "Topology", "objects": {}, "arcs": []}


def test_esc_makes_markup_inert():
    assert esc("<b>兴县</b> & co") == "&lt;b&gt;兴县&lt;/b&gt; &amp; co"


def test_chinese_modebar_speaks_chinese_offline():
    """plotly.js takes a locale's dictionary in its config: no script to fetch, every modebar word in Chinese."""
    zh = plotly_config("x", "zh")
    words = zh["locales"][zh["locale"]]["dictionary"]
    assert words["Download plot as a PNG"] == "下载图片（PNG）" and words["Zoom in"] == "放大"
    assert all(HAN.search(v) for v in words.values())
    assert "locale" not in plotly_config("x", "en")


HAN = __import__("re").compile(r"[\u3400-\u9fff]")


def test_wrap_breaks_latin_at_spaces_and_chinese_anywhere():
    assert wrap("County professional team size (people) · 2021 · counties ranked", 300, 14) == \
        ["County professional team size (people)", "· 2021 · counties ranked"]  # a separator starts a line
    text = "来源：吕政办发〔2021〕13号（2021-03-05）附件 全市2021年粮食播种面积和产量任务分解表"
    lines = wrap(text, 200, 12)
    assert len(lines) > 1 and all(text_px(x, 12) <= 200 for x in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
    assert wrap("", 100, 12) == [] and wrap("a\nb", 100, 12) == ["a", "b"]


def test_text_px_counts_chinese_as_full_width():
    assert text_px("吕梁", 10) == 20
    assert text_px("ab", 10) < text_px("吕梁", 10)
