"""`list counties|periods|units|indicators`: what the config declares, as a table (text, csv or json)."""

from __future__ import annotations

import sys

from targets.analysis import export
from targets.analysis.catalog import KINDS, catalog, text_table
from targets.cli.common import add_output, load_or_report, write_out

NAME = "list"
HELP = "cli_help_list"
FORMATS = ("text", "csv", "json")


def add_arguments(parser, words) -> None:
    parser.add_argument("what", choices=KINDS, help=words("cli_opt_list_what", kinds=", ".join(KINDS)))
    add_output(parser, words, FORMATS, "cli_opt_list_format")


def run(args, lang: str) -> int:
    project = load_or_report(args.config, lang)
    if project is None:
        return 1
    table = catalog(project.config, args.what)
    if args.format == "text":
        if args.output:
            write_out(text_table(table).encode("utf-8"), args.output)
        else:
            sys.stdout.write(text_table(table))
    else:
        write_out(export.render(table, args.format), args.output)
    return 0
