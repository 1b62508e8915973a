"""`export`: write the tidy table as csv, xlsx or json."""

from __future__ import annotations

from targets.analysis import export
from targets.cli.common import add_config, add_lang, load_or_report, write_out

NAME = "export"
HELP = "cli_help_export"


def add_arguments(parser, words) -> None:
    parser.add_argument("--format", choices=export.FORMATS, default="csv", help=words("cli_opt_format", csv="csv", xlsx="xlsx", json="json"))
    parser.add_argument("-o", "--output", help=words("cli_opt_output"))
    add_config(parser, words)
    add_lang(parser, words)


def run(args, lang: str) -> int:
    project = load_or_report(args.config, lang)
    if project is None:
        return 1
    write_out(export.render(project.frame, args.format), args.output)
    return 0
