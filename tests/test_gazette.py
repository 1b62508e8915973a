"""The golden test: the shipped data's counts, as transcribed from the gazette, pinned here and only here.

Every other test derives these numbers from the shipped project (or asserts relations between them), so a
corrected transcription changes this file alone. Counted by hand from the gazette
(../shared/seeds/000_f93f22a6a95a51af.txt) and the four data files: 13 counties' rows across the four
themes' annex tables, each table's stated total, the figures quoted in the text, and the forest-fire
equipment standard; the consistency report compares each stated total with its rows and each declared check.
"""

from __future__ import annotations

from targets.analysis import checks, quality

DATA_FILES = 4
ROWS = {"county": 193, "stated_total": 19, "text": 39, "standard": 34}
ALL_ROWS = 285
CHECKS = 33            # one per stated total (19) and one per check declared in the data files (14)
CONSISTENT = 31
TO_REVIEW = ["clusters_vs_capacity", "goal_vs_done_plus_plan"]  # pigs: clusters vs capacity; sewer: 385 km goal


def test_the_shipped_data_has_the_gazettes_rows(shipped):
    frame = shipped.frame
    assert len(shipped.data) == DATA_FILES
    assert len(frame) == ALL_ROWS == sum(ROWS.values())
    assert frame["kind"].value_counts().to_dict() == ROWS


def test_the_consistency_report_of_the_shipped_data(shipped):
    report = checks.report(shipped)
    n = quality.counts(report)
    assert (n["total"], n["ok"], n["mismatch"]) == (CHECKS, CONSISTENT, len(TO_REVIEW))
    assert sorted(x.check for x in report if x.status != checks.OK) == TO_REVIEW
    declared = sum(len(d.checks) for d in shipped.data.values())
    assert CHECKS == ROWS["stated_total"] + declared
