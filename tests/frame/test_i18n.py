"""i18n.yaml covers the code: every text id a `t(...)` call can ask for exists in Chinese and English.

The ids are read from the source (AST over targets/, pages/, app.py), so a new `t("…")` without its
entry fails here instead of raising KeyError on a page. An id built at run time (`t(f"kind_{k}")`,
`t(key)`) is followed to the values it can take: a literal or a constant tuple it loops over, a
branch of `a if c else b`, the strings a local function returns, the values written under a dict
key (`head["total_key"]`). A family whose values come from elsewhere is listed in RUNTIME_FAMILIES
with the code or config that says them; a new family that is neither fails and asks to be listed.
"""

from __future__ import annotations

import ast
import itertools
import string
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from targets.frame import i18n
from targets.analysis import changes, progress, quality, tables
from targets.frame.i18n import LANGS, t
from targets.schema import pages as registry
from targets.ui import urlstate
from tests.conftest import REPO

TEXTS = yaml.safe_load((REPO / "i18n.yaml").read_text(encoding="utf-8"))
SOURCES = sorted([*(REPO / "targets").rglob("*.py"), *(REPO / "pages").glob("*.py"), REPO / "app.py"])
HOLE = "{}"  # an unresolved part of an id: its values are in RUNTIME_FAMILIES

# Families the source alone cannot enumerate, with where their values really come from. A pattern's {} is a
# part built at run time; "<name>" is a whole id computed by `name` (a function, attribute or variable).
RUNTIME_FAMILIES: dict[str, object] = {
    "<title_key>": lambda: [tool.title_key for tool in registry.TOOLS.values()],        # a tool page's title
    "<i18n_key>": lambda: [key for key, _ in registry.DEFAULT_NAVIGATION if key],      # a default section's title
    "mode_{}": lambda: urlstate.MODES,                                                 # compare page modes
    "compare_scale_{}": lambda: urlstate.MODES,
    "quality_sp_{}": lambda: quality.SPECIAL_KINDS,                                    # a special cell's kind
    "quality_cat_{}": lambda: Resolver(module_path("targets.analysis.quality")).returns("category", 0),
    "planner_bad_{}": lambda: call_args("PlannerError", 2),                            # PlannerError(county, size, reason)
    "status_{}": lambda: progress.STATUSES,                                            # a progress status
    "changes_what_{}": lambda: changes.WHATS,                                          # a changed row: changed, added, removed
    "kind_{}": lambda: tables.KINDS,                                                   # a frame row's kind
}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# ---- reading the source --------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def parsed(path: Path) -> tuple[ast.Module, list[ast.AST]]:
    """The module and every node in it (walked once: each node learns its parent)."""
    mod = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    every = list(ast.walk(mod))
    for node in every:
        for child in ast.iter_child_nodes(node):
            child.parent = node  # type: ignore[attr-defined]
    return mod, every


def tree(path: Path) -> ast.Module:
    return parsed(path)[0]


def nodes(path: Path) -> list[ast.AST]:
    return parsed(path)[1]


def module_path(dotted: str) -> Path | None:
    base = REPO.joinpath(*dotted.split("."))
    return next((p for p in (base.with_suffix(".py"), base / "__init__.py") if p.is_file()), None)


@lru_cache(maxsize=None)
def imported_modules(path: Path) -> dict[str, Path]:
    """Local name -> source file, for `from targets.x import y` (y a module) and `import targets.x as y`."""
    out: dict[str, Path] = {}
    for node in nodes(path):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("targets"):
            for a in node.names:
                if p := module_path(f"{node.module}.{a.name}"):
                    out[a.asname or a.name] = p
                elif p := module_path(node.module):
                    out.setdefault(f"from:{a.asname or a.name}", p)  # a name defined in that module
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("targets") and (p := module_path(a.name)):
                    out[a.asname or a.name] = p
    return out


class Resolver:
    """The strings an expression in `path` can evaluate to; None where the source does not say."""

    def __init__(self, path: Path) -> None:
        self.path, self.mod = path, tree(path)

    def values(self, node: ast.AST, depth: int = 0) -> set[str] | None:
        if depth > 8:
            return None
        d = depth + 1
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.IfExp):
            a, b = self.values(node.body, d), self.values(node.orelse, d)
            return None if a is None or b is None else a | b
        if isinstance(node, ast.JoinedStr):
            parts = []
            for v in node.values:
                if isinstance(v, ast.Constant):
                    parts.append({str(v.value)})
                else:
                    parts.append(self.values(v.value, d) or {HOLE})
            return {"".join(p) for p in itertools.product(*parts)}
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):  # "status_" + s
            left, right = self.values(node.left, d) or {HOLE}, self.values(node.right, d) or {HOLE}
            return {a + b for a in left for b in right}
        if isinstance(node, ast.Name):
            return self.name(node, d)
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            return dict_key_values(node.slice.value)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return self.returns(node.func.id, d)
        return None

    def items(self, node: ast.AST, depth: int) -> list[ast.AST] | None:
        """The elements of a collection expression: a literal, a constant, or list()/tuple() of one."""
        if depth > 8:
            return None
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return list(node.elts)
        if isinstance(node, ast.Dict):
            return [k for k in node.keys if k is not None]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("list", "tuple") and node.args:
            return self.items(node.args[0], depth + 1)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args
                and node.func.attr in ("items", "keys", "values")):  # for k, v in CONSTANT.items()
            base = node.func.value
            if isinstance(base, ast.Name) and isinstance(value := self.assigned(base.id, base), ast.Dict):
                pairs = [(k, v) for k, v in zip(value.keys, value.values) if k is not None]
                return [ast.Tuple(elts=[k, v]) if node.func.attr == "items" else k if node.func.attr == "keys" else v
                        for k, v in pairs]
            return None
        if isinstance(node, ast.Name):
            value = self.assigned(node.id, node)
            if value is not None:
                return self.items(value, depth + 1)
            src = imported_modules(self.path).get(f"from:{node.id}")
            return Resolver(src).items(ast.Name(node.id), depth + 1) if src else None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            src = imported_modules(self.path).get(node.value.id)
            return Resolver(src).items(ast.Name(node.attr), depth + 1) if src else None
        return None

    def scopes(self, node: ast.AST):
        """The function bodies around `node`, innermost first, then the module."""
        n = node
        while (n := getattr(n, "parent", None)) is not None:
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                yield n
        yield self.mod

    def assigned(self, name: str, at: ast.AST) -> ast.AST | None:
        for scope in self.scopes(at):
            for n in ast.walk(scope):
                if isinstance(n, ast.Assign) and any(isinstance(x, ast.Name) and x.id == name for x in n.targets):
                    return n.value
                if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name) and n.target.id == name and n.value:
                    return n.value
        return None

    def name(self, node: ast.Name, depth: int) -> set[str] | None:
        # A guard around the call, `... if x in <collection> else ...`, says the values; else a loop variable:
        # for x in <collection>, in a statement or a comprehension around the call.
        n = node
        while (n := getattr(n, "parent", None)) is not None:
            test = n.test if isinstance(n, ast.IfExp) else None
            if (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == node.id
                    and len(test.ops) == 1 and isinstance(test.ops[0], ast.In)):
                elts = self.items(test.comparators[0], depth)
                if elts is not None and all(isinstance(e, ast.Constant) for e in elts):
                    return {e.value for e in elts}
            loops = n.generators if isinstance(n, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)) else (
                [n] if isinstance(n, ast.For) else [])
            for loop in loops:
                pos = position(loop.target, node.id)
                if pos is None:
                    continue
                elts = self.items(loop.iter, depth)
                if elts is None:
                    return None
                out: set[str] = set()
                for e in elts:
                    if pos != ():
                        e = e.elts[pos[0]] if isinstance(e, ast.Tuple) else None
                    got = self.values(e, depth) if e is not None else None
                    if got is None:
                        return None
                    out |= got
                return out
            if isinstance(n, ast.Lambda) and node.id in {a.arg for a in n.args.args}:
                # format_func=lambda x: ... of a widget: x takes the widget's options, (label, options, ...)
                call, kw = getattr(n, "parent", None), getattr(getattr(n, "parent", None), "parent", None)
                if (isinstance(call, ast.keyword) and call.arg == "format_func" and isinstance(kw, ast.Call)
                        and len(kw.args) > 1 and (elts := self.items(kw.args[1], depth)) is not None):
                    out = set()
                    for e in elts:
                        if (got := self.values(e, depth)) is None:
                            return None
                        out |= got
                    return out
                return None
            if isinstance(n, ast.FunctionDef) and node.id in {a.arg for a in n.args.args}:
                return None  # a parameter: its values come from the callers
        value = self.assigned(node.id, node)
        return self.values(value, depth) if value is not None else None

    def returns(self, func: str, depth: int) -> set[str] | None:
        for n in self.mod.body:
            if isinstance(n, ast.FunctionDef) and n.name == func:
                out: set[str] = set()
                for r in ast.walk(n):
                    if isinstance(r, ast.Return):
                        got = self.values(r.value, depth) if r.value is not None else None
                        if got is None:
                            return None
                        out |= got
                return out or None
        return None


def position(target: ast.AST, name: str) -> tuple[int, ...] | None:
    if isinstance(target, ast.Name):
        return () if target.id == name else None
    if isinstance(target, ast.Tuple):
        for i, e in enumerate(target.elts):
            if isinstance(e, ast.Name) and e.id == name:
                return (i,)
    return None


@lru_cache(maxsize=None)
def dict_key_values(key: str) -> set[str] | None:
    """Every string written under `key` anywhere in the code: `{key: "…"}` literals and `x[key] = "…"`."""
    out: set[str] = set()
    for path in SOURCES:
        for n in nodes(path):
            if isinstance(n, ast.Dict):
                for k, v in zip(n.keys, n.values):
                    if isinstance(k, ast.Constant) and k.value == key and isinstance(v, ast.Constant) and isinstance(v.value, str):
                        out.add(v.value)
            elif isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str):
                for x in n.targets:
                    if isinstance(x, ast.Subscript) and isinstance(x.slice, ast.Constant) and x.slice.value == key:
                        out.add(n.value.value)
    return out or None


def call_args(func: str, index: int) -> set[str]:
    """The strings passed as argument `index` to every `func(...)` call in the code."""
    out: set[str] = set()
    for path in SOURCES:
        res = Resolver(path)
        for n in nodes(path):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == func and len(n.args) > index:
                got = res.values(n.args[index])
                assert got is not None, f"{path}:{n.lineno}: {ast.unparse(n.args[index])} is not a string the source says"
                out |= got
    return out


def params(node: ast.AST) -> set[str]:
    """The parameters of the function around `node` (none at module level)."""
    n = node
    while (n := getattr(n, "parent", None)) is not None:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return {a.arg for a in [*n.args.posonlyargs, *n.args.args, *n.args.kwonlyargs]}
    return set()


def is_plain_t(call: ast.Call) -> bool:
    f = call.func
    return (isinstance(f, ast.Name) and f.id == "t") or (isinstance(f, ast.Attribute) and f.attr == "t"
                                                          and isinstance(f.value, ast.Name) and f.value.id == "i18n")


def forwards(call: ast.Call) -> bool:
    """t(key, ...) inside a wrapper such as PageContext.text(self, key): the ids are its callers'."""
    return bool(call.args) and isinstance(call.args[0], ast.Name) and call.args[0].id in params(call)


@lru_cache(maxsize=1)
def wrappers() -> frozenset[str]:
    """Functions that hand their first argument to t() as the id (e.g. ctx.text)."""
    out = set()
    for path in SOURCES:
        for n in nodes(path):
            if isinstance(n, ast.Call) and is_plain_t(n) and forwards(n):
                f = n
                while not isinstance(f := f.parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    pass
                out.add(f.name)
    return frozenset(out)


def is_t(call: ast.Call) -> bool:
    if is_plain_t(call):
        return not forwards(call)
    f = call.func
    name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
    # a wrapper called with an id written in place (`ctx.text("nav_data")`, `ctx.text(f"progress_{k}")`); a
    # `.text(lang)` of another kind (a message's) takes a variable and is not one
    # `.text(lang)` of another kind (a message's, `msg.text("en")`) takes a language, never an id
    first = call.args[0] if call.args else None
    return (name in wrappers() and isinstance(first, (ast.Constant, ast.JoinedStr, ast.IfExp))
            and not (isinstance(first, ast.Constant) and first.value in LANGS))


def computed_by(node: ast.AST) -> str:
    """'<name>' for an id computed elsewhere: the function called, the attribute or the variable read."""
    if isinstance(node, ast.Call):
        node = node.func
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ast.unparse(node)
    return f"<{name}>"


@lru_cache(maxsize=1)
def uses() -> list[tuple[str, str, frozenset[str] | None]]:
    """(where, id or family pattern, the keyword fields passed or None when **fields) for every t(...) call."""
    out = []
    for path in SOURCES:
        res = Resolver(path)
        for n in nodes(path):
            if not (isinstance(n, ast.Call) and n.args and is_t(n)):
                continue
            where = f"{path.relative_to(REPO)}:{n.lineno}: {ast.unparse(n.func)}({ast.unparse(n.args[0])})"
            kw = None if any(k.arg is None for k in n.keywords) else frozenset(k.arg for k in n.keywords)
            ids = res.values(n.args[0]) or {computed_by(n.args[0])}
            for text_id in ids:
                out.append((where, text_id, kw))
    return out


def expand(pattern: str) -> set[str]:
    values = RUNTIME_FAMILIES[pattern]()
    if pattern.startswith("<"):
        return {str(v) for v in values}
    return {pattern.replace(HOLE, str(v)) for v in values}


# ---- the tests -----------------------------------------------------------------------------------------------


def test_the_source_scan_finds_the_calls():
    """Guards the scan itself: it sees literal ids, loops over constants, f-string families and branches."""
    found = {text_id for _, text_id, _ in uses()}
    assert len(uses()) > 150
    assert {"show_data", "kind_county", "modebar_png", "card_target", "card_done", "source_analyst_line"} <= found
    assert {"quality_cat_total", "quality_cat_text", "computed_total", "stated_total"} <= found
    assert {"source_kind_document", "source_kind_analyst", "col_quote"} <= found
    assert {"<title_key>", "<i18n_key>", "mode_{}", "kind_text", "view_progress"} <= found  # format_func options too
    assert "text" in wrappers()  # the page context's ctx.text


def test_every_text_has_both_languages_with_the_same_fields():
    bad = []
    for text_id, entry in TEXTS.items():
        if not isinstance(entry, dict) or set(entry) != set(LANGS):
            bad.append(f"{text_id}: has {sorted(entry) if isinstance(entry, dict) else entry!r}; expected {list(LANGS)}")
            continue
        if not all(isinstance(entry[lg], str) and entry[lg].strip() for lg in LANGS):
            bad.append(f"{text_id}: an empty text")
        elif fields(entry["zh"]) != fields(entry["en"]):
            bad.append(f"{text_id}: zh fields {sorted(fields(entry['zh']))} != en fields {sorted(fields(entry['en']))}")
    assert not bad, "\n".join(bad)


def test_every_id_the_code_uses_is_in_i18n_yaml():
    missing, unknown = [], []
    for where, text_id, _ in uses():
        if HOLE in text_id or text_id.startswith("<"):
            if text_id not in RUNTIME_FAMILIES:
                unknown.append(f"{where}: family {text_id!r}")
                continue
            ids = expand(text_id)
        else:
            ids = {text_id}
        missing += [f"{where}: {i}" for i in sorted(ids) if i not in TEXTS]
    assert not unknown, ("ids this test cannot enumerate from the source; add each family to RUNTIME_FAMILIES "
                         "with the code or config its values come from:\n" + "\n".join(unknown))
    assert not missing, "missing from i18n.yaml (add zh and en):\n" + "\n".join(missing)


def test_every_runtime_family_is_still_used():
    used = {text_id for _, text_id, _ in uses()}
    assert set(RUNTIME_FAMILIES) <= used, f"no longer used, remove: {sorted(set(RUNTIME_FAMILIES) - used)}"


def test_a_call_with_fields_passes_every_field_its_text_needs():
    bad = []
    for where, text_id, passed in uses():
        if HOLE in text_id or text_id.startswith("<") or passed is None or not passed or text_id not in TEXTS:
            continue  # no fields: t() returns the text unformatted
        for lg in LANGS:
            need = fields(TEXTS[text_id][lg])
            if not need <= passed:
                bad.append(f"{where} [{lg}]: needs {sorted(need - passed)}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("lang", LANGS)
def test_t_formats_in_each_language(lang):
    assert t("ranked_title", lang, indicator="I", unit="U", period="P").startswith("I")
    assert t("app_title", lang) == TEXTS["app_title"][lang]


def test_t_of_an_unknown_id_is_a_key_error():
    i18n._strings.cache_clear()
    with pytest.raises(KeyError):
        t("no_such_text_id", "zh")
