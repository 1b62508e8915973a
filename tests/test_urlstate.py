"""Link parameters: valid ones become state, bad ones fall back with a notice, state round-trips."""

from __future__ import annotations

import pytest

from targets.urlstate import Notice, parse, to_params


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
