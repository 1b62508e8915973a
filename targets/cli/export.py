"""`export`: write the tidy table as csv, xlsx or json."""

from __future__ import annotations

from targets.analysis import export
from targets.cli.common import add_output, load_or_report, write_out

NAME = "export"
HELP = "cli_help_export"


def add_arguments(parser, words) -> None:
    add_output(parser, words, export.FORMATS, "cli_opt_format")


def run(args, lang: str) -> int:
    project = load_or_report(args.config, lang)
    if project is None:
        return 1
    write_out(export.render(project.frame, args.format), args.output)
    return 0
