"""The county boundary file (GeoJSON) the maps draw: read once per file version, bounded in size.

Features are keyed by `properties.adcode`, the administrative-division code
that config.yaml gives each on-map county: labels may change, codes do not.
"""

from __future__ import annotations

import json
import os
import stat
from functools import lru_cache
from pathlib import Path
from typing import Any

from targets.core.messages import Msg, msg

MAX_BYTES = 8 * 1024 * 1024  # a county map is tens of KB; anything this large is not one


class BoundaryError(ValueError):
    """The boundary file cannot be used; the message says why and what to do."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.msg = message


def load(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The FeatureCollection at `path` (shared, read-only), re-read when the file changes."""
    p = Path(path).resolve()  # one cache entry per file, however the path is written
    try:
        st = os.stat(p)
    except (OSError, ValueError):
        raise BoundaryError(msg("boundary_missing", path=str(p))) from None
    if not stat.S_ISREG(st.st_mode):
        raise BoundaryError(msg("boundary_not_a_file", path=str(p)))
    if st.st_size > MAX_BYTES:
        raise BoundaryError(msg("boundary_too_big", path=str(p), size=st.st_size, limit=MAX_BYTES))
    return _read(str(p), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=4)
def _read(path: str, size: int, mtime_ns: int) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
        geo = json.loads(raw)
    except (OSError, ValueError):
        raise BoundaryError(msg("boundary_not_geojson", path=path)) from None
    features = geo.get("features") if isinstance(geo, dict) else None
    if not isinstance(features, list) or not all(
            isinstance(f, dict) and isinstance(f.get("properties"), dict) and isinstance(f["properties"].get("adcode"), str)
            for f in features):
        raise BoundaryError(msg("boundary_no_adcodes", path=path))
    return geo


def adcodes(geo: dict[str, Any]) -> dict[str, str]:
    """adcode -> the boundary file's own name for the feature."""
    return {f["properties"]["adcode"]: str(f["properties"].get("name", "")) for f in geo["features"]}
