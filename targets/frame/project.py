"""The validated project: config, data files and the tidy frame, as every later stage receives it.

Here, not in the loader, so charts, analysis and pages can name a Project without importing the validator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from targets.schema.config import Config
from targets.schema.data import DataFile

# The reports frame's columns (targets/inputs/reports.py builds it): here, so a Project can be made without the loader.
REPORT_FRAME_COLUMNS = ["theme", "indicator", "period", "county", "as_of", "value", "report", "completed", "sample",
                        "file", "title", "title_en", "reporter", "received", "doc_number", "source_kind"]


@dataclass(frozen=True)
class Project:
    """One immutable snapshot of the validated inputs and the tidy frame built from them.

    The tables' cells are in `frame` only (`data[theme].tables` is emptied once the frame is built), so a
    national project does not hold its 850k cells twice.
    """

    config_path: Path
    config: Config
    data: dict[str, DataFile]
    frame: pd.DataFrame = field(repr=False)
    files: dict[str, str] = field(default_factory=dict)  # shown path -> sha256 of its bytes (or of why it was refused)
    # Completion reports: a row per reported value with its report's provenance (targets/inputs/reports.py).
    reports: pd.DataFrame = field(default=None, repr=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.reports is None:  # a project without a reports folder: an empty frame of the same columns
            object.__setattr__(self, "reports", pd.DataFrame({c: pd.Series(dtype=object) for c in REPORT_FRAME_COLUMNS}))
