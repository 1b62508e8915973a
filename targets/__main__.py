"""Command line: `python -m targets validate [PATH] [--lang zh|en] [--verbose]`,
`python -m targets export --format csv|xlsx|json [-o FILE]`, `python -m targets progress --as-of YYYY-MM-DD
[--theme T] --format csv|xlsx|json [-o FILE]` (every status with its inputs) and `python -m targets schema
[--out DIR]` (the editors' JSON Schemas).

Problems are printed in the language asked for with --lang; without it, in config.yaml's
display.default_language (the team's language, read without validating the rest), else Chinese.
"""

from __future__ import annotations

import argparse
import os
import sys

from datetime import date

from targets.analysis import checks, export, labels_check, tracking
from targets.schema import jsonschema
from targets.core.errors import ConfigError
from targets.frame.i18n import LANGS
from targets.inputs.load import load_project, read_input, resolve_config
from targets.core.quote import show, shown
from targets.core.messages import msg, near
from targets.inputs.yamlsafe import read_yaml


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m targets", description="吕梁目标看板 data tools")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check config.yaml and every data file it names")
    v.add_argument("path", nargs="?", default="config.yaml", help="config.yaml or the folder holding it")
    v.add_argument("--lang", choices=LANGS, help="language of the messages (default: display.default_language "
                                                 "in config.yaml, else zh)")
    v.add_argument("--verbose", action="store_true", help="list every consistency check, not only the summary")
    e = sub.add_parser("export", help="write the tidy table")
    e.add_argument("--format", choices=export.FORMATS, default="csv")
    e.add_argument("-o", "--output", help="file to write (default: standard output)")
    e.add_argument("--config", default="config.yaml", help="config.yaml or the folder holding it")
    g = sub.add_parser("progress", help="write every target's status at a date, with the inputs that decide it")
    g.add_argument("--as-of", type=_iso_date, help="the date to judge at, YYYY-MM-DD (default: the latest report's date)")
    g.add_argument("--theme", help="only this theme's targets (a theme id of config.yaml)")
    g.add_argument("--format", choices=export.FORMATS, default="csv", help="csv (UTF-8 with BOM), xlsx (with a sources "
                                                                            "sheet listing every report) or json")
    g.add_argument("-o", "--output", help="file to write (default: standard output)")
    g.add_argument("--config", default="config.yaml", help="config.yaml or the folder holding it")
    g.add_argument("--lang", choices=LANGS, help="language of the messages (default: display.default_language)")
    s = sub.add_parser("schema", help="write the JSON Schemas editors use for config.yaml and data files")
    s.add_argument("--out", default=jsonschema.OUT_DIR, help=f"folder to write them to (default: {jsonschema.OUT_DIR}/)")
    args = parser.parse_args(argv)

    if args.command == "schema":  # from the models alone: needs no project, valid or not
        try:
            written = jsonschema.write(args.out)
        except OSError as exc:
            print(f"{args.out}: cannot write the schemas ({exc.strerror}); choose another folder with --out", file=sys.stderr)
            return 1
        for path in written:
            print(f"wrote {path}")
        return 0

    config = args.path if args.command == "validate" else args.config
    lang = getattr(args, "lang", None) or team_language(config)
    try:
        project = load_project(config)
    except ConfigError as err:
        for p in sorted(err.problems):
            print(p.render(lang))
        print(msg("cli_problems_found", n=len(err.problems)).text(lang), file=sys.stderr)
        return 1

    if args.command == "validate":
        _report(project, lang, args.verbose)
        return 0

    if args.command == "progress":
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
    else:
        data = export.render(project.frame, args.format)
    if args.output:
        with open(args.output, "wb") as fh:
            fh.write(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def _iso_date(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: write the date as YYYY-MM-DD") from None


def team_language(config: str) -> str:
    """display.default_language of config.yaml when it can be read (even if the rest is invalid), else zh."""
    path = resolve_config(config)
    parsed, _ = read_yaml(path, shown(path), source=read_input(path, path))
    display = parsed.data.get("display") if parsed is not None and isinstance(parsed.data, dict) else None
    lang = display.get("default_language") if isinstance(display, dict) else None
    return lang if lang in LANGS else LANGS[0]


def _report(project, lang: str, verbose: bool) -> None:
    """The summary of what was loaded, and the consistency report: one line, or one line per check."""
    findings = checks.report(project)
    f = project.frame
    print(msg("cli_ok", files=len(project.data), rows=len(f), county=(f["kind"] == "county").sum(),
              totals=(f["kind"] == "stated_total").sum(), text=(f["kind"] == "text").sum(),
              standard=(f["kind"] == "standard").sum()).text(lang))
    for warning in labels_check.formula_labels(project.config_path):  # text a spreadsheet would run
        print(warning.render(lang))
    if len(project.reports):
        print(msg("cli_reports", files=project.reports["file"].nunique(), values=len(project.reports),
                  folder=project.config.tracking.reports).text(lang))
    bad = sum(x.status != checks.OK for x in findings)
    counts = {"checks": len(findings), "ok": len(findings) - bad, "bad": bad}
    if not verbose:
        print(msg("cli_report_short", **counts).text(lang))
        return
    print(msg("cli_report_title").text(lang))
    for x in findings:
        print("  " + x.render(lang))
    print(msg("cli_report_summary", **counts).text(lang))


def run() -> int:
    """main(), ending quietly when the reader of our output goes away (e.g. `validate | head -1`)."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would report the pipe again when flushing at exit: point stdout at /dev/null first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1  # the output was cut short, as Python's documentation recommends for SIGPIPE
    return code


if __name__ == "__main__":
    sys.exit(run())
