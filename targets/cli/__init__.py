"""The command line workbench: `python -m targets <command> …`, one module per command.

A command module exposes NAME (the word typed after `python -m targets`), HELP (the id in messages.yaml of
its one-line help), `add_arguments(parser, words)` (words(id, **fields) -> str renders a message in the chosen
language, for help texts) and `run(args, lang) -> int` (the exit code). To add a command: write
targets/cli/<name>.py and add it to COMMANDS below: one line.
"""

from __future__ import annotations

import argparse
import os
import sys

from targets.cli import diff, export, listing, progress, schema, validate
from targets.cli.common import language_of
from targets.core.messages import msg

COMMANDS = (validate, listing, diff, export, progress, schema)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = language_of(argv)
    words = lambda code, **fields: msg(code, **fields).text(lang)  # noqa: E731 (help texts in the chosen language)
    parser = argparse.ArgumentParser(prog="python -m targets", description=words("cli_description"))
    sub = parser.add_subparsers(dest="command", required=True)
    by_name = {}
    for command in COMMANDS:
        p = sub.add_parser(command.NAME, help=words(command.HELP), description=words(command.HELP))
        command.add_arguments(p, words)
        by_name[command.NAME] = command
    args = parser.parse_args(argv)
    return by_name[args.command].run(args, getattr(args, "lang", None) or lang)


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
