"""`validate [PATH]`: check config.yaml and every data file it names; print the summary and the consistency report."""

from __future__ import annotations

from targets.analysis import checks, labels_check
from targets.cli.common import add_config, add_lang, load_or_report
from targets.core.messages import msg

NAME = "validate"
HELP = "cli_help_validate"


def add_arguments(parser, words) -> None:
    parser.add_argument("path", nargs="?", default=None, help=words("cli_opt_validate_path"))
    add_config(parser, words, default=None)
    add_lang(parser, words)
    parser.add_argument("--verbose", action="store_true", help=words("cli_opt_verbose"))


def run(args, lang: str) -> int:
    project = load_or_report(args.config or args.path or "config.yaml", lang)
    if project is None:
        return 1
    _report(project, lang, args.verbose)
    return 0


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
