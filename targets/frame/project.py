"""The validated project: config, data files and the tidy frame, as every later stage receives it.

Here, not in the loader, so charts, analysis and pages can name a Project without importing the validator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from targets.schema.config import Config
from targets.schema.data import DataFile


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
