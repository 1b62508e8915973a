"""targets.cli.schema: `schema` writes the editors' JSON Schemas."""

from __future__ import annotations

from targets.schema import jsonschema
from targets.__main__ import main


def test_schema_writes_the_editor_schemas(tmp_path, capsys):
    out = tmp_path / "schemas"
    assert main(["schema", "--out", str(out)]) == 0  # the team's language: the shipped config says zh
    assert capsys.readouterr().out.splitlines() == [f"已写入 {out / name}" for name in jsonschema.render()]
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == jsonschema.render()


def test_schema_into_an_unwritable_place_says_so(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["schema", "--out", str(blocker / "schemas"), "--lang", "en"]) == 1
    assert capsys.readouterr().err == f"{blocker / 'schemas'}: cannot write the schemas (Not a directory); choose another folder with --out\n"


def test_schema_speaks_english_when_asked(tmp_path, capsys):
    out = tmp_path / "schemas"
    assert main(["schema", "--out", str(out), "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines() == [f"wrote {out / name}" for name in jsonschema.render()]
