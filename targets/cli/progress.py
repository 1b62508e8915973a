"""`progress`: every target's status at a date, with the inputs that decide it."""

from __future__ import annotations

import sys

from targets.analysis import export, tracking
from targets.cli.common import add_output, iso_date, load_or_report, write_out
from targets.core.messages import msg, near
from targets.core.quote import show

NAME = "progress"
HELP = "cli_help_progress"


def add_arguments(parser, words) -> None:
    parser.add_argument("--as-of", type=iso_date(words), help=words("cli_opt_as_of"))
    parser.add_argument("--theme", help=words("cli_opt_theme"))
    add_output(parser, words, export.FORMATS, "cli_opt_progress_format")


def run(args, lang: str) -> int:
    project = load_or_report(args.config, lang)
    if project is None:
        return 1
    themes = [t.id for t in project.config.themes]
    if args.theme is not None and args.theme not in themes:
        print(msg("unknown_theme", theme=show(args.theme), options=sorted(themes), near=near(args.theme, themes)).text(lang),
              file=sys.stderr)
        return 2
    as_of = args.as_of or tracking.default_as_of(project)
    table = tracking.export_table(project, as_of, args.theme)
    if args.format == "xlsx":
        data = export.to_xlsx(table, sheet="progress", sources_sheet=tracking.report_sources(project, args.theme))
    else:
        data = export.render(table, args.format)
    write_out(data, args.output)
    return 0
