"""bench/gen_national.py --reports: the generated progress project validates, says it is sample data, and holds
what its facts say (the bench's numbers are only as good as its input)."""

from __future__ import annotations

import pytest

from tests.conftest import script


def _generator():
    return script("gen_national", "bench")


@pytest.mark.slow
def test_small_progress_project_loads_and_is_marked_sample(tmp_path):
    from targets.analysis import tracking
    from targets.inputs.load import load_project

    facts = _generator().generate(tmp_path, n_counties=20, n_years=2, n_indicators=8, n_reports=3)
    assert facts["report_files"] == 3 * 4  # months × the shipped themes
    text = (tmp_path / "data" / "reports" / "sewer-2025-02.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 示例数据（非真实）") and "\nsample: true\n" in text

    project = load_project(tmp_path / "config.yaml")  # raises with every problem if anything is refused
    rep = project.reports
    assert len(rep) == facts["report_values"] > 0
    assert rep["sample"].all()
    assert set(rep["as_of"].astype(str)) == {"2025-01-31", "2025-02-28", "2025-03-31"}
    assert tracking.is_sample(tracking.status_table(project, tracking.default_as_of(project)))


def test_without_reports_nothing_is_tracked_or_reported(tmp_path):
    import yaml

    facts = _generator().generate(tmp_path, n_counties=15, n_years=2, n_indicators=4)
    assert facts["report_files"] == 0 and not (tmp_path / "data" / "reports").exists()
    cfg = yaml.safe_load((tmp_path / "config.yaml").read_text(encoding="utf-8"))
    added = [i for t in cfg["themes"] for i in t["indicators"] if i["id"].startswith(t["id"] + "_n")]
    assert len(added) == 4 and not any("progress" in i for i in added)
