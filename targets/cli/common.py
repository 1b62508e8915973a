"""What several commands share: the team's language, --config/--lang options, loading a project or printing why not."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from targets.core.errors import ConfigError
from targets.core.messages import msg
from targets.core.quote import shown
from targets.frame.i18n import LANGS
from targets.inputs.load import load_project, read_input, resolve_config
from targets.inputs.yamlsafe import read_yaml

DEFAULT_CONFIG = "config.yaml"


def language_of(argv: list[str]) -> str:
    """--lang if given, else the team's language of the --config (or validate's path) named in argv, else zh."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang", choices=LANGS)
    pre.add_argument("--config")
    known, rest = pre.parse_known_args(argv)
    if known.lang:
        return known.lang
    config = known.config
    if config is None and rest[:1] == ["validate"] and len(rest) > 1 and not rest[1].startswith("-"):
        config = rest[1]  # validate's old positional path
    try:
        return team_language(config or DEFAULT_CONFIG)
    except OSError:
        return LANGS[0]


def team_language(config: str) -> str:
    """display.default_language of config.yaml when it can be read (even if the rest is invalid), else zh."""
    path = resolve_config(config)
    parsed, _ = read_yaml(path, shown(path), source=read_input(path, path))
    display = parsed.data.get("display") if parsed is not None and isinstance(parsed.data, dict) else None
    lang = display.get("default_language") if isinstance(display, dict) else None
    return lang if lang in LANGS else LANGS[0]


def add_config(parser: argparse.ArgumentParser, words, default: str | None = DEFAULT_CONFIG) -> None:
    parser.add_argument("--config", default=default, help=words("cli_opt_config"))


def add_lang(parser: argparse.ArgumentParser, words) -> None:
    parser.add_argument("--lang", choices=LANGS, help=words("cli_opt_lang"))


def add_output(parser: argparse.ArgumentParser, words, formats: tuple[str, ...], help_id: str) -> None:
    """What every command that writes a table takes: --format (the first of `formats` by default), -o, --config
    and --lang. `help_id`'s message names each format as a field of the same name."""
    parser.add_argument("--format", choices=formats, default=formats[0], help=words(help_id, **{f: f for f in formats}))
    parser.add_argument("-o", "--output", help=words("cli_opt_output"))
    add_config(parser, words)
    add_lang(parser, words)


def load_or_report(config: str, lang: str):
    """The project, or None after printing its problems (one a line) and their count."""
    try:
        return load_project(config)
    except ConfigError as err:
        for p in sorted(err.problems):
            print(p.render(lang))
        print(msg("cli_problems_found", n=len(err.problems)).text(lang), file=sys.stderr)
        return None


def iso_date(words):
    """An argparse type for a YYYY-MM-DD date whose refusal is in the help's language (`words`)."""
    def parse(text: str) -> date:
        try:
            if len(text) != 10:
                raise ValueError
            return date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(words("cli_bad_date", value=repr(text))) from None

    return parse


def write_out(data: bytes, output: str | None) -> None:
    if output:
        with open(output, "wb") as fh:
            fh.write(data)
    else:
        sys.stdout.buffer.write(data)
