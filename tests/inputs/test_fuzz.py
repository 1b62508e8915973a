"""Loader fuzzing: whatever an editor does to the shipped YAML, load_project succeeds or raises ConfigError.

Hypothesis mutates one shipped file at a time (config.yaml or a data file) on
a tmp copy: lines deleted, duplicated, swapped or re-indented, characters
changed (bytes, so multi-byte characters get cut), YAML traps inserted
(anchors, aliases, python tags, `yes`, `010`, `1:20`, tabs, NUL, invalid
UTF-8, GBK bytes, document markers), values replaced, the file truncated.
Anything but a ConfigError with located problems is a bug in the loader.

The number of examples comes from the hypothesis profile (tests/conftest.py):
100 by default, 1000 under CI=true or HYPOTHESIS_PROFILE=ci (about 10 s on a
2-core machine: unmutated files are parsed once, see `parse_once`).

The last tests pin loader bugs this file found (a RecursionError from deep
nesting, a ValueError from a NUL in a path, unbounded problem lists), fixed
in targets/yamlsafe.py and targets/load.py.
"""

from __future__ import annotations

import shutil
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from targets.core.errors import ConfigError
from targets.inputs.load import load_project
from targets.inputs import yamlsafe
from targets.inputs.yamlsafe import MAX_BYTES, read_yaml

REPO = Path(__file__).resolve().parents[2]


def _shipped_files() -> list[str]:
    import yaml

    cfg = yaml.safe_load((REPO / "config.yaml").read_text(encoding="utf-8"))
    return ["config.yaml"] + [t["file"] for t in cfg["themes"]]


FILES = _shipped_files()

TOKENS = [
    b"&a ", b"*a", b"&a [*a, *a, *a]", b"<<: *a", b"!!python/object:os.system ", b"!!python/object/apply:os.system [id]",
    b"!!python/name:os.system", b"!!binary aGk=", b"!!set {a}", b"!!omap [a: 1]", b"!!float", b"!foo ",
    b"yes", b"no", b"on", b"off", b"Y", b"010", b"0o17", b"0x1F", b"1:20", b"-1:20:30", b"1e3", b"1_000", b".inf", b"-.inf",
    b".nan", b"~", b"null", b"true", b"2021-13-45", b"2021-02-30", b"-", b'"-"', b"'", b'"', b"`", b"@", b"%", b"|", b">",
    b"|\n", b">-\n", b"- ", b": ", b"? ", b"#", b" #", b"[", b"]", b"{", b"}", b",", b"---\n", b"...\n", b"%YAML 1.1\n",
    b"%TAG ! tag:x,2000:\n", b"\t", b"\x00", b"\x07", b"\x1b", b"\r", b"\r\n", b"\x85", b"\xff", b"\xfe\xff", b"\xc3",
    b"\xc3\x28", b"\xed\xa0\x80", b"\xef\xbb\xbf", "\u2028".encode(), "\u00a0".encode(), "\u200b".encode(),
    "中文".encode("gbk"), "中文".encode(), b'"\\0"', b'"\\x00"', b'"\\uD800"', b"-1", b"-0.5", b"1e309", b"99999999999999999999999",
    b"{at_least: }", b"{range: [2, 1]}", b"{about: -1}", b"[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]", b"[]", b"{}", b"''",
    b'""', b"data/../../../etc/hostname", b"/dev/null", b"data", b"0", b"-0", b"+1", b"1.", b".5",
]
CHARS = [bytes([c]) for c in b" :-{}[],#&*!|>'\"%@`\t\n\\?0123456789"] + [b"\x00", b"\xff", "县".encode(), "：".encode()]

_pos = st.integers(min_value=0, max_value=1 << 20)
_op = st.one_of(
    st.tuples(st.just("delete"), _pos),
    st.tuples(st.just("duplicate"), _pos),
    st.tuples(st.just("swap"), _pos, _pos),
    st.tuples(st.just("indent"), _pos, st.integers(min_value=-4, max_value=4)),
    st.tuples(st.just("char"), _pos, st.sampled_from(CHARS) | st.characters(codec="utf-8").map(str.encode)),
    st.tuples(st.just("insert"), _pos, st.sampled_from(TOKENS)),
    st.tuples(st.just("value"), _pos, st.sampled_from(TOKENS)),
    st.tuples(st.just("truncate"), _pos),
)


def mutate(raw: bytes, ops: list[tuple]) -> bytes:
    lines = raw.split(b"\n")
    for op in ops:
        kind, at = op[0], op[1]
        i = at % len(lines)
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = op[2] % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "indent":
            n = op[2]
            lines[i] = b" " * n + lines[i] if n >= 0 else lines[i][min(-n, len(lines[i]) - len(lines[i].lstrip(b" "))):]
        elif kind in ("char", "insert"):
            flat = b"\n".join(lines)
            k = at % (len(flat) + 1)
            while kind == "char" and 0 < k < len(flat) and flat[k] & 0xC0 == 0x80:
                k -= 1  # a changed character replaces a whole UTF-8 character; invalid bytes come from TOKENS
            width = 0 if kind == "insert" or k >= len(flat) else (1 if flat[k] < 0xC0 else 2 if flat[k] < 0xE0 else 3 if flat[k] < 0xF0 else 4)
            flat = flat[:k] + op[2] + flat[k + width:]
            lines = flat.split(b"\n")
        elif kind == "value":  # replace what follows the first ': ' on a line, keeping the key
            key, sep, _ = lines[i].partition(b": ")
            if sep:
                lines[i] = key + sep + op[2]
        elif kind == "truncate":
            flat = b"\n".join(lines)
            lines = flat[: at % (len(flat) + 1)].split(b"\n")
    return b"\n".join(lines)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    for name in FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "data" / "geo", root / "data" / "geo")  # the map's boundaries (not mutated here)
    load_project(root / "config.yaml")  # the unmutated copy must load, or every example below proves nothing
    return root


def assert_config_error_or_success(config: Path) -> None:
    try:
        load_project(config)
        event("loaded")
    except ConfigError as err:
        event(f"ConfigError: {min(err.problems).message.split(';')[0].split(':')[0][:40]}")
        assert err.problems, "ConfigError without a problem"
        for p in err.problems:
            assert p.file and p.line >= 1 and p.col >= 1 and p.message, p
        assert err.render()


@pytest.fixture
def parse_once(project, monkeypatch):
    """Parse each unmutated file once: an example then pays only for the file it mutated.

    `targets.load` parses every file through `read_yaml(path, shown_as, source)`, a pure function
    of the bytes read; answering it from a cache for the five shipped files' exact bytes changes no
    result and cuts the time per example by about four. Mutated bytes always go to the real one.
    """
    from targets.inputs import load

    real = load.read_yaml
    cache: dict[tuple[str, str, bytes], tuple] = {}
    pristine = {str(project / name): (project / name).read_bytes() for name in FILES}

    def read_yaml(path: Path, shown_as: str, source=None, inside=None, fits=None):
        raw = source.data if source is not None else None
        if raw is None or pristine.get(str(path)) != raw:
            return real(path, shown_as, source, inside, fits)
        key = (str(path), shown_as, raw)
        if key not in cache:
            cache[key] = real(path, shown_as, source, inside, fits)
        return cache[key]

    monkeypatch.setattr(load, "read_yaml", read_yaml)


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=st.sampled_from(FILES), ops=st.lists(_op, min_size=1, max_size=4))
def test_mutated_shipped_files_load_or_raise_config_error(project, parse_once, name, ops):
    path = project / name
    original = path.read_bytes()
    try:
        path.write_bytes(mutate(original, ops))
        assert_config_error_or_success(project / "config.yaml")
    finally:
        path.write_bytes(original)


# ---- crafted inputs -------------------------------------------------------------------------------------


def billion_laughs() -> str:
    levels = "abcdefghij"
    return ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
            + "".join(f"{k}: &{k} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, k in zip(levels, levels[1:])))


@pytest.mark.parametrize("name", ["config.yaml", "data/sewer.yaml"])
def test_billion_laughs_fails_fast_in_bounded_memory_with_a_located_message(project, name, monkeypatch):
    monkeypatch.chdir(project)
    path = project / name
    original = path.read_bytes()
    path.write_text(billion_laughs(), encoding="utf-8")
    try:
        parsed, problems = read_yaml(path, name)  # the bomb file alone
        tracemalloc.start()
        with pytest.raises(ConfigError) as info:
            load_project("config.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        path.write_bytes(original)
    # 9**10 strings if expanded; refused while scanning, so memory stays tiny (its time is bench/'s business).
    assert parsed is None and problems
    assert peak < 8 * 1024 * 1024, f"alias bomb peaked at {peak / 2**20:.1f} MiB"
    text = str(info.value)
    assert f"{name}:2:" in text and "alias '*a' is not allowed" in text, text


def test_oversized_file_is_refused_with_a_message(project, monkeypatch):
    monkeypatch.chdir(project)
    path = project / "data" / "sewer.yaml"
    original = path.read_bytes()
    path.write_bytes(original + b"\n#" + b"x" * (MAX_BYTES - len(original)))
    composed: list[int] = []  # the length of every text handed to the YAML composer
    real = yamlsafe._compose
    monkeypatch.setattr(yamlsafe, "_compose", lambda text, *a, **kw: composed.append(len(text)) or real(text, *a, **kw))
    try:
        with pytest.raises(ConfigError) as info:
            load_project("config.yaml")
    finally:
        path.write_bytes(original)
    assert f"data/sewer.yaml:1:1: file is {MAX_BYTES + 2:,} bytes; the limit is {MAX_BYTES:,}" in str(info.value)
    # Refused before parsing (what the old wall-clock bound stood for): the composer never saw a text that long.
    assert composed and max(composed) < MAX_BYTES


# ---- loader bugs found by this file, now fixed: kept as regression tests ----------------------------


@pytest.mark.parametrize("doc", ["a: " + "[" * 1000 + "]" * 1000 + "\n", "a: " + "{a: " * 1000 + "1" + "}" * 1000 + "\n"],
                         ids=["flow-sequences", "flow-mappings"])
@pytest.mark.slow
def test_deep_nesting_is_a_config_error(project, doc):
    path = project / "data" / "sewer.yaml"
    original = path.read_bytes()
    path.write_text(doc, encoding="utf-8")
    try:
        with pytest.raises(ConfigError):
            load_project(project / "config.yaml")
    finally:
        path.write_bytes(original)


def test_nul_in_a_data_file_path_is_a_config_error(project):
    path = project / "config.yaml"
    original = path.read_bytes()
    text = original.decode("utf-8")
    assert "file: data/grain.yaml" in text
    path.write_text(text.replace("file: data/grain.yaml", 'file: "data/grain.yaml\\0"', 1), encoding="utf-8")
    try:
        with pytest.raises(ConfigError):
            load_project(project / "config.yaml")
    finally:
        path.write_bytes(original)


def test_a_flood_of_problems_is_capped(project):
    path = project / "data" / "sewer.yaml"
    original = path.read_bytes()
    path.write_text("a: &a x\nb: [" + "*a, " * 20_000 + "*a]\n", encoding="utf-8")
    try:
        with pytest.raises(ConfigError) as info:
            load_project(project / "config.yaml")
    finally:
        path.write_bytes(original)
    assert len(info.value.problems) <= 1000, f"{len(info.value.problems):,} problems for one file"
