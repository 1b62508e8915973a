"""targets.changes: what a new snapshot adds, removes and changes per data file, so a lossy save is visible."""

from __future__ import annotations

from targets.analysis.changes import FileChange, Row, diff

G, S, C = "data/grain.yaml", "data/sewer.yaml", "config.yaml"


def test_the_first_snapshot_has_no_changes(mini):
    assert diff(None, mini.load()) == ()


def test_same_files_no_changes(mini):
    assert diff(mini.load(), mini.load()) == ()


def test_a_prefix_save_shows_the_rows_it_lost(mini):
    mini.chdir()
    before = mini.load()
    text = mini.read(G)
    mini.write(G, text[: text.index("      兴县:")] + "figures: []\n")  # cut off after 交城县's row, as a half-written save
    after = mini.load()
    assert diff(before, after) == (FileChange(
        file=G, theme="grain",
        removed=(Row("county", "annex", "sown_area", "兴县", "2021"), Row("county", "annex", "sown_area", "兴县", "2022"),
                 Row("stated_total", "annex", "sown_area", "全市", "2021"),
                 Row("stated_total", "annex", "sown_area", "全市", "2022"),
                 Row("text", "area_goal", "sown_area", "全市", "2021"))),)
    assert diff(before, after)[0].lost_rows


def test_a_changed_value_and_an_added_row(mini):
    mini.chdir()
    before = mini.load()
    mini.edit(S, "[7.4, 0]", "[7.5, 0]")
    mini.edit(S, "      兴县: [7.5, 0]\n", "      兴县: [7.5, 0]\n      离石: [1, 2]\n")
    mini.edit(S, "values: [18.3, 6]", "values: [19.4, 8]")
    change, = diff(before, mini.load())
    assert change.file == S and change.theme == "sewer" and change.removed == ()
    assert change.added == (Row("county", "annex", "sewer_km", "离石区", "2021"), Row("county", "annex", "sewer_km", "离石区", "2022"))
    assert change.changed == (Row("county", "annex", "sewer_km", "兴县", "2021"),
                              Row("stated_total", "annex", "sewer_km", "全市", "2021"),
                              Row("stated_total", "annex", "sewer_km", "全市", "2022"))
    assert not change.lost_rows


def test_only_files_whose_bytes_changed_are_compared(mini, monkeypatch):
    from targets.analysis import changes

    before = mini.load()
    mini.edit(S, "[7.4, 0]", "[7.5, 0]")
    after = mini.load()
    compared = []
    real = changes._rows
    monkeypatch.setattr(changes, "_rows", lambda frame, theme: compared.append(theme) or real(frame, theme))
    assert [c.theme for c in diff(before, after)] == ["sewer"]
    assert set(compared) == {"sewer"}


def test_a_theme_dropped_from_config_loses_all_its_rows(mini):
    mini.chdir()
    before = mini.load()
    cfg = mini.read(C)
    start, end = cfg.index("  - id: sewer\n"), cfg.index("display:\n")
    mini.write(C, cfg[:start] + cfg[end:].replace(", sewer: sewer_km", ""))
    change, = diff(before, mini.load())
    assert (change.file, change.theme, change.added, change.changed) == (S, "sewer", (), ())
    assert len(change.removed) == 3 * 2 + 2 + 1  # 3 counties × 2 years, 2 stated totals, 1 figure


def test_each_change_keeps_its_values_and_the_line_it_is_written_on(mini):
    mini.chdir()
    before = mini.load()
    mini.edit(S, "[7.4, 0]", "[7.5, 0]")
    change, = diff(before, mini.load())
    d, = change.details
    line = next(i for i, ln in enumerate(mini.read(S).splitlines(), 1) if "[7.5, 0]" in ln)
    assert (d.row.county, d.row.period, d.what, d.line) == ("兴县", "2021", "changed", line)
    assert (d.old[0][2], d.new[0][2]) == (7.4, 7.5)
