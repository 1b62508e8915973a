"""The shared plot style: offline plotly config and escaping."""

from __future__ import annotations

import json

from targets.plotstyle import OFFLINE_TOPOJSON_URL, esc, plotly_config


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
