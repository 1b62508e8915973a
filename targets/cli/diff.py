"""`diff`: which values an edit changes, row by row, against the last commit (or another copy of the project).

The same comparison the running app makes between two snapshots (targets/analysis/changes.py), listed as the
quality page lists it: what changed, where (file:line), before and after.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from targets.analysis import change_list, changes, export
from targets.analysis.catalog import text_table
from targets.cli.common import add_output, load_or_report, write_out
from targets.core.messages import msg
from targets.frame.i18n import Labels, t
from targets.inputs.load import resolve_config

NAME = "diff"
HELP = "cli_help_diff"
FORMATS = ("text", "csv", "json")


@dataclass(eq=False)
class _Compared:
    """What change_list reads: a history of one update (this edit)."""

    history: tuple


def add_arguments(parser, words) -> None:
    parser.add_argument("--against", help=words("cli_opt_diff_against"))
    parser.add_argument("--rev", default="HEAD", help=words("cli_opt_diff_rev", rev="HEAD"))
    add_output(parser, words, FORMATS, "cli_opt_list_format")


def _from_git(config: Path, rev: str, into: Path, lang: str) -> Path | None:
    """The project folder as committed at `rev`, extracted under `into`; its config.yaml path (None: said why)."""
    folder = config.parent
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True,
                             check=True).stdout.strip()
        prefix = folder.resolve().relative_to(Path(top).resolve()).as_posix()
        archive = subprocess.run(["git", "archive", "--format=tar", rev, "--", prefix if prefix != "." else "."],
                                 cwd=top, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError, ValueError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        detail = detail.decode("utf-8", "replace").strip() if isinstance(detail, bytes) else str(detail).strip()
        print(msg("cli_diff_no_git", folder=str(folder), rev=rev, detail=detail or str(exc), flag="--against").text(lang), file=sys.stderr)
        return None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    old = into / (prefix if prefix != "." else "") / config.name
    if not old.exists():
        print(msg("cli_diff_no_git", folder=str(folder), rev=rev, detail=f"{config.name} ∉ {rev}", flag="--against").text(lang), file=sys.stderr)
        return None
    return old


def run(args, lang: str) -> int:
    new = load_or_report(args.config, lang)
    if new is None:
        return 1
    with tempfile.TemporaryDirectory(prefix="targets-diff-") as tmp:
        old_config = resolve_config(args.against) if args.against else _from_git(new.config_path, args.rev, Path(tmp), lang)
        if old_config is None:
            return 2
        print(msg("cli_diff_old", what=args.against or args.rev).text(lang), file=sys.stderr)
        old = load_or_report(old_config, lang)
        if old is None:
            return 1
        found = changes.diff(old, new)
    now = datetime.now()
    lab = Labels(new.config, lang)
    table = change_list.change_list(_Compared((changes.Update(now, now, found),)), lab)
    table = table.drop(columns=[t("changes_at", lang)])
    n = change_list.count((changes.Update(now, now, found),))
    if args.format == "text":
        text = (text_table(table) if len(table) else "") + msg("cli_diff_summary", n=n, files=len(found)).text(lang) + "\n"
        if args.output:
            write_out(text.encode("utf-8"), args.output)
        else:
            sys.stdout.write(text)
    else:
        write_out(export.render(table, args.format), args.output)
    return 0
