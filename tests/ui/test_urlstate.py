"""Link parameters: valid ones become state, bad ones fall back with a notice, state round-trips."""

from __future__ import annotations

import pytest

from targets.ui.urlstate import Notice, parse, to_params


def test_valid_parameters(shipped):
    state, notices = parse({"lang": "en", "hl": "兴县", "ind": "sewer_km", "period": "2022",
                            "counties": "临县,兴县", "mode": "rank", "present": "1", "slide": "3"}, shipped.config)
    assert notices == []
    assert state == {"lang": "en", "hl": "兴县", "ind": "sewer_km", "period": "2022", "counties": ["临县", "兴县"],
                     "mode": "rank", "present": True, "slide": 3}


@pytest.mark.parametrize("key,value", [
    ("lang", "fr"), ("hl", "兴"), ("hl", "<script>alert(1)</script>"), ("ind", "nope"), ("period", "2030"),
    ("counties", "临县,临县"), ("counties", "临县,火星"), ("counties", ",".join(["临县"] * 7)), ("mode", "pie"),
    ("present", "yes"), ("slide", "0"), ("slide", "99"), ("slide", "-1"), ("county", "全市"), ("unknown", "1"),
])
def test_bad_parameters_fall_back_with_a_notice(shipped, key, value):
    state, notices = parse({key: value}, shipped.config)
    assert state == {}
    assert notices == [Notice(key, value)]


def test_repeated_parameter_takes_the_last(shipped):
    state, _ = parse({"lang": ["zh", "en"]}, shipped.config)
    assert state == {"lang": "en"}


def test_round_trip(shipped):
    state = {"lang": "en", "hl": "孝义市", "counties": ["临县", "兴县"], "present": True, "slide": 2, "mode": "share"}
    again, notices = parse(to_params(state), shipped.config)
    assert notices == [] and again == state


def test_none_values_are_left_out():
    assert to_params({"hl": None, "lang": "zh", "other": "x"}) == {"lang": "zh"}


BOUND_APP = '''
import streamlit as st
hl = st.selectbox("hl", ["", "孝义市", "汾阳市"], key="hl", bind="query-params", format_func=lambda x: x or "（不突出）")
period = st.selectbox("period", ["2021", "2022"], key="period:sewer", bind="query-params", format_func=lambda x: x + "年")
st.write(repr((hl, period, dict(st.query_params))))
'''


@pytest.mark.parametrize("link, shown", [
    ({"hl": "孝义市"}, ("孝义市", "2021", {"hl": "孝义市"})),
    ({"hl": "Nowhere"}, ("", "2021", {})),                                   # dropped, no word to the user
    ({"period": "2022"}, ("", "2021", {"period": "2022"})),                  # today's link: not the bound name
    ({"period:sewer": "2022"}, ("", "2021", {})),                            # the option itself: refused
    ({"period:sewer": "2022年"}, ("", "2022", {"period:sewer": "2022年"})),  # the displayed label: taken
])
def test_streamlit_bind_query_params_does_not_keep_todays_links(tmp_path, link, shown):
    """Why URL state is ours (README): pins what Streamlit 1.67's bind="query-params" does with such links."""
    from streamlit.testing.v1 import AppTest

    script = tmp_path / "bound.py"
    script.write_text(BOUND_APP, encoding="utf-8")
    at = AppTest.from_file(str(script))
    for k, v in link.items():
        at.query_params[k] = v
    at.run()
    assert at.markdown[0].value == repr(shown)
