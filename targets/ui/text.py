"""Text from config or data, made inert for Streamlit's markdown."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def plain(text: object) -> str:
    """No links, HTML or formatting: an analyst's `<b>` or `[x](y)` shows as typed."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))
