"""`schema`: write the JSON Schemas editors use; from the models alone, so it needs no project, valid or not."""

from __future__ import annotations

import sys

from targets.cli.common import add_config, add_lang
from targets.core.messages import msg
from targets.schema import jsonschema

NAME = "schema"
HELP = "cli_help_schema"


def add_arguments(parser, words) -> None:
    parser.add_argument("--out", default=jsonschema.OUT_DIR, help=words("cli_opt_schema_out", folder=jsonschema.OUT_DIR))
    add_config(parser, words)  # accepted like every command's (only the help's language reads it)
    add_lang(parser, words)


def run(args, lang: str) -> int:
    try:
        written = jsonschema.write(args.out)
    except OSError as exc:
        print(msg("cli_schema_unwritable", folder=args.out, reason=exc.strerror, flag="--out").text(lang), file=sys.stderr)
        return 1
    for path in written:
        print(msg("cli_wrote", path=path).text(lang))
    return 0
