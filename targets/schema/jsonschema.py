"""JSON Schemas of config.yaml and the data files, for editors (`python -m targets schema`).

An analyst's editor (VS Code with Red Hat's YAML extension) reads them through
the `# yaml-language-server: $schema=...` line at the top of each YAML file and
offers completion, hover text and underlines for unknown keys and wrong types.
They are generated from the pydantic models in targets/schema/, so the editor knows
the same keys as `targets validate`; validate stays the judge (cross-references,
calendar dates, low <= high are beyond a schema).

Written as draft-07, the newest draft the YAML extension validates: pydantic's
2020-12 `$defs` become `definitions`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from targets.schema.cells import CELL_JSON_SCHEMA
from targets.schema.config import Config
from targets.schema.data import DataFile
from targets.schema.progress import ReportFile
from targets.schema.types import hover_text

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
OUT_DIR = "schemas"

# file name -> (model, title, description of the whole file)
SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "config.schema.json": (Config, "吕梁目标看板 config.yaml / Lüliang targets dashboard config.yaml", hover_text(
        "看板配置：县、期间、单位、主题和指标。改完运行 python -m targets validate。",
        "Dashboard configuration: counties, periods, units, themes and indicators. "
        "Run python -m targets validate after an edit.")),
    "data.schema.json": (DataFile, "吕梁目标看板数据文件 / Lüliang targets data file", hover_text(
        "一个主题的数字，照录自公报：表格、正文数字、时限和检查。改完运行 python -m targets validate。",
        "One theme's numbers as the gazette states them: tables, figures, deadlines and checks. "
        "Run python -m targets validate after an edit.")),
    "report.schema.json": (ReportFile, "吕梁目标看板完成情况报送 / Lüliang targets completion report", hover_text(
        "一份完成情况报送（data/reports/ 下的一个文件）：截至日期、来源和各县完成数。改完运行 python -m targets validate。",
        "One completion report (a file under data/reports/): its as-of date, its source and what each county has done. "
        "Run python -m targets validate after an edit.")),
}


class _EditorSchema(GenerateJsonSchema):
    def field_title_should_be_set(self, schema: Any) -> bool:
        return False  # titles like "Doc Number" would head every hover text above the bilingual description


def build(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    """The draft-07 schema of `model`, its cells defined once as `definitions/Cell`."""
    raw = model.model_json_schema(ref_template="#/definitions/{model}", schema_generator=_EditorSchema)
    definitions = raw.pop("$defs", {})
    for d in definitions.values():
        d.pop("title", None)  # the class name (e.g. "StandardItem") says nothing to an analyst
        d.pop("description", None)  # the class docstring is for developers; each key's docstring is the hover text
    raw.pop("title", None)
    out = _cells_by_ref({"$schema": DRAFT_07, "title": title, "description": description, **raw,
                         "definitions": definitions})
    out["definitions"]["Cell"] = CELL_JSON_SCHEMA
    return out


def _cells_by_ref(node: Any) -> Any:
    """Replace each inlined cell schema by a reference to the one definition, keeping the field's own description."""
    if isinstance(node, list):
        return [_cells_by_ref(x) for x in node]
    if not isinstance(node, dict):
        return node
    if node.get("anyOf") == CELL_JSON_SCHEMA["anyOf"]:
        ref = {"$ref": "#/definitions/Cell"}
        if node.get("description", CELL_JSON_SCHEMA["description"]) != CELL_JSON_SCHEMA["description"]:
            ref["description"] = node["description"]  # e.g. a figure's value: "数值。/ The value."
        return ref
    return {k: _cells_by_ref(v) for k, v in node.items()}


def render() -> dict[str, str]:
    """File name -> the text to commit (keys in pydantic's stable order: fields as declared; Chinese kept readable)."""
    return {name: json.dumps(build(*spec), ensure_ascii=False, indent=2) + "\n"
            for name, spec in SCHEMAS.items()}


def write(out_dir: str | Path = OUT_DIR) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
