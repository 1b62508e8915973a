"""Command line: `python -m targets validate [PATH]`, `python -m targets export --format csv|xlsx|json [-o FILE]`
and `python -m targets schema [--out DIR]` (the editors' JSON Schemas)."""

from __future__ import annotations

import argparse
import os
import sys

from . import checks, export, jsonschema
from .errors import ConfigError
from .load import load_project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m targets", description="吕梁目标看板 data tools")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check config.yaml and every data file it names")
    v.add_argument("path", nargs="?", default="config.yaml", help="config.yaml or the folder holding it")
    e = sub.add_parser("export", help="write the tidy table")
    e.add_argument("--format", choices=export.FORMATS, default="csv")
    e.add_argument("-o", "--output", help="file to write (default: standard output)")
    e.add_argument("--config", default="config.yaml", help="config.yaml or the folder holding it")
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

    try:
        project = load_project(args.path if args.command == "validate" else args.config)
    except ConfigError as err:
        for p in sorted(err.problems):
            print(p.render())
        print(f"{len(err.problems)} problem(s) found; fix them and run again.", file=sys.stderr)
        return 1

    if args.command == "validate":
        findings = checks.report(project)
        f = project.frame
        print(f"OK: {len(project.data)} data files, {len(f)} rows "
              f"({(f['kind'] == 'county').sum()} county cells, {(f['kind'] == 'stated_total').sum()} stated totals, "
              f"{(f['kind'] == 'text').sum()} text figures, {(f['kind'] == 'standard').sum()} standard items).")
        print("Consistency report (warnings only):")
        for x in findings:
            print("  " + x.render())
        bad = sum(x.status != checks.OK for x in findings)
        print(f"{len(findings)} checks, {len(findings) - bad} consistent, {bad} to review.")
        return 0

    data = export.render(project.frame, args.format)
    if args.output:
        with open(args.output, "wb") as fh:
            fh.write(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


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
