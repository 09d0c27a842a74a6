"""Find, with ``ast``, every call in builder/ that names a message code, which codes it
can name and which parameters it passes (tests/test_messages.py checks them).

Entry points: ``problem(code, file, line, field, **params)``, ``ConfigError(code,
file=, line=, **params)``, ``messages.render(code, {...})``, and any function that
passes its own ``code`` argument on to one of them (found to a fixed point). A code is
followed through literals, f-strings over a literal loop, conditional expressions, local
assignments, ``if x.kind in ("a", "b")`` tests, loops over tables written out in the
module, and the codes a called function of the module returns.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from conftest import REPO

from builder.messages import MESSAGES, parameters

BUILDER = REPO / "builder"

# Entry points that take a message code first, and what each supplies by itself:
# problem(code, file, line, field, **params) and ConfigError(code, file=, line=, **params).
PROBLEM_POSITIONAL = ("file", "line", "field")
ENTRY_POINTS = {"problem", "ConfigError", "render"}


@dataclass
class Supplied:
    """What a call passes: named parameters, and whether ``**something`` adds unknown ones.

    Attributes:
        names: the parameters the call certainly passes.
        open: a ``**mapping`` (or a mapping not written out) passes more, unknown here.
        forwarded: the name of the ``**mapping`` when ``open``.
    """

    names: set[str]
    open: bool = False
    forwarded: str | None = None


@dataclass
class Wrapper:
    """A function that passes its own code argument on to an entry point.

    Attributes:
        code_index: the code's position among the arguments callers pass.
        supplied: what the wrapper's own call passes.
        forwards: whether callers' keyword arguments reach the message.
        opaque: the wrapper builds the parameters in a way this test does not follow
            (its callers are then guarded by the renderer alone).
    """

    code_index: int
    supplied: set[str]
    forwards: bool
    opaque: bool = False


@dataclass
class Site:
    """One call naming a message: where, which codes it may name, what it passes."""

    file: str
    line: int
    codes: set[str] | None
    supplied: Supplied


def _callee(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        if func.attr == "render":  # messages.render, not a Jinja template's
            is_messages = isinstance(func.value, ast.Name) and func.value.id == "messages"
            return "render" if is_messages else None
        return func.attr
    return None


def _supplied(name: str, call: ast.Call, wrappers: dict[str, Wrapper]) -> Supplied:
    """What ``call`` to the entry point or wrapper ``name`` passes (code excluded)."""
    supplied = Supplied(set())
    keywords = [k for k in call.keywords if k.arg not in (None, "severity")]
    stars = [k for k in call.keywords if k.arg is None]
    if name in wrappers and name not in ENTRY_POINTS:
        wrapper = wrappers[name]
        supplied.names |= wrapper.supplied
        supplied.open = wrapper.opaque
        if wrapper.forwards:
            supplied.names |= {k.arg for k in keywords if k.arg}
            if stars:
                supplied.open = True
        return supplied
    if name == "render":
        if len(call.args) < 2:
            return supplied
        mapping = call.args[1]
        if isinstance(mapping, ast.Dict):
            for key in mapping.keys:
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    supplied.names.add(key.value)
                else:
                    supplied.open = True
        else:
            supplied.open = True
            if isinstance(mapping, ast.Name):
                supplied.forwarded = mapping.id
        return supplied
    supplied.names |= {k.arg for k in keywords if k.arg}
    if name == "problem":
        for position, arg in enumerate(call.args[1:]):
            if isinstance(arg, ast.Starred):  # problem(code, *where): file, line, field
                supplied.names |= set(PROBLEM_POSITIONAL[position:])
                break
            if position < len(PROBLEM_POSITIONAL) and not (
                isinstance(arg, ast.Constant) and arg.value is None
            ):
                supplied.names.add(PROBLEM_POSITIONAL[position])
    if stars:
        supplied.open = True
        if isinstance(stars[0].value, ast.Name):
            supplied.forwarded = stars[0].value.id
    return supplied


class Module:
    """One module's tree with what the resolver needs: parents and top-level values."""

    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.tree = ast.parse(source, path)
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.top: dict[str, ast.AST] = {}
        for node in self.tree.body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        self.top[target.id] = node.value
            if isinstance(node, ast.FunctionDef):
                self.top[node.name] = node

    def function_of(self, node: ast.AST) -> ast.FunctionDef | ast.Lambda | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                return node  # type: ignore[return-value]
        return None

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        while node in self.parents:
            node = self.parents[node]
            yield node


def _codes_in(node: ast.AST) -> set[str]:
    return {
        n.value
        for n in ast.walk(node)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in MESSAGES
    }


def _resolve(expr: ast.AST, module: Module, depth: int = 0) -> set[str] | None:
    """The codes ``expr`` can be, or None when this test cannot tell."""
    if depth > 4:
        return None
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.JoinedStr):
        pattern = "".join(_pattern(part, module) for part in expr.values)
        return {code for code in MESSAGES if re.fullmatch(pattern, code)}
    if isinstance(expr, ast.IfExp):
        body, orelse = _resolve(expr.body, module, depth + 1), _resolve(expr.orelse, module, depth)
        return None if body is None or orelse is None else body | orelse
    if isinstance(expr, ast.Name):
        return _resolve_name(expr, module, depth)
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name):
        # code = amount_fault(value): the codes that function returns.
        function = module.top.get(expr.func.id)
        if isinstance(function, ast.FunctionDef):
            return _codes_in(function) or None
    return _compared(expr, module)


def _pattern(part: ast.AST, module: Module) -> str:
    """A regular expression for one part of an f-string code."""
    if isinstance(part, ast.Constant):
        return re.escape(str(part.value))
    # f"normalize-change-{category}" inside `for category in ("date", ...)`: those words.
    if isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.Name):
        for node in module.ancestors(part):
            if (
                isinstance(node, ast.For)
                and isinstance(node.target, ast.Name)
                and node.target.id == part.value.id
                and isinstance(node.iter, ast.Tuple | ast.List)
                and all(isinstance(e, ast.Constant) for e in node.iter.elts)
            ):
                return "(?:" + "|".join(re.escape(str(e.value)) for e in node.iter.elts) + ")"  # type: ignore[attr-defined]
    return ".+"


def _compared(expr: ast.AST, module: Module) -> set[str] | None:
    """``if error.kind in ("a", "b"): problem(error.kind, ...)`` names a or b."""
    shape = ast.dump(expr)
    for node in module.ancestors(expr):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare):
            test = node.test
            if ast.dump(test.left) == shape and isinstance(test.ops[0], ast.Eq | ast.In):
                codes = _codes_in(test.comparators[0])
                if codes:
                    return codes
    return None


def _resolve_name(name: ast.Name, module: Module, depth: int) -> set[str] | None:
    scope = module.function_of(name) or module.tree
    found: set[str] = set()
    seen = False
    for node in ast.walk(scope):
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign) and node.value is not None
            else []
        )
        if any(isinstance(t, ast.Name) and t.id == name.id for t in targets):
            codes = _resolve(node.value, module, depth + 1)  # type: ignore[attr-defined]
            if codes is None:
                return None
            found |= codes
            seen = True
        loops = (
            [(node.target, node.iter)]
            if isinstance(node, ast.For)
            else [(g.target, g.iter) for g in node.generators]
            if isinstance(node, ast.ListComp | ast.GeneratorExp | ast.SetComp)
            else []
        )
        for target, source in loops:
            position = _position(target, name.id)
            if position is None:
                continue
            codes = _from_iterable(source, position, module)
            if codes is None:
                return None
            found |= codes
            seen = True
    if not seen:
        return _compared(name, module)
    return found


def _position(target: ast.AST, name: str) -> int | bool | None:
    if isinstance(target, ast.Name):
        return -1 if target.id == name else None
    if isinstance(target, ast.Tuple):
        for i, element in enumerate(target.elts):
            if isinstance(element, ast.Name) and element.id == name:
                return i
    return None


def _from_iterable(source: ast.AST, position: int, module: Module) -> set[str] | None:
    """The codes a loop over ``source`` binds at ``position`` of each item."""
    if isinstance(source, ast.Name) and isinstance(module.top.get(source.id), ast.Tuple | ast.List):
        table = module.top[source.id]
        codes: set[str] = set()
        for row in table.elts:  # type: ignore[attr-defined]
            item = row.elts[position] if isinstance(row, ast.Tuple) and position >= 0 else row
            found = _resolve(item, module, 4)
            if found is None:
                return None
            codes |= found
        return codes
    if isinstance(source, ast.Call) and isinstance(source.func, ast.Name):
        function = module.top.get(source.func.id)
        if isinstance(function, ast.FunctionDef):
            return _codes_in(function) or None
    return None


def modules() -> list[Module]:
    return [
        Module(path.relative_to(REPO).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(BUILDER.rglob("*.py"))
    ]


def _wrappers(modules: list[Module]) -> dict[str, Wrapper]:
    """Functions that pass their own ``code`` argument to an entry point (to a fixed point)."""
    wrappers: dict[str, Wrapper] = {}
    changed = True
    while changed:
        changed = False
        for module in modules:
            for function in ast.walk(module.tree):
                if not isinstance(function, ast.FunctionDef) or function.name in wrappers:
                    continue
                if function.name.startswith("__"):
                    continue  # ConfigError.__init__: ConfigError is an entry point itself
                arguments = [a.arg for a in function.args.args if a.arg not in ("self", "cls")]
                kwarg = function.args.kwarg.arg if function.args.kwarg else None
                for call in ast.walk(function):
                    name = _callee(call) if isinstance(call, ast.Call) else None
                    if name not in ENTRY_POINTS | wrappers.keys() or not call.args:  # type: ignore[union-attr]
                        continue
                    code = call.args[0]  # type: ignore[union-attr]
                    if not (isinstance(code, ast.Name) and code.id in arguments):
                        continue
                    supplied = _supplied(name, call, wrappers)  # type: ignore[arg-type]
                    forwards = supplied.forwarded == kwarg and kwarg is not None
                    wrappers[function.name] = Wrapper(
                        arguments.index(code.id),
                        supplied.names,
                        forwards=forwards,
                        opaque=supplied.open and not forwards,
                    )
                    changed = True
                    break
    return wrappers


def message_sites(modules: list[Module]) -> list[Site]:
    """Every call in ``modules`` that names a message code."""
    wrappers = _wrappers(modules)
    sites = []
    for module in modules:
        if module.path.startswith("builder/messages/"):
            continue
        for call in ast.walk(module.tree):
            if not isinstance(call, ast.Call):
                continue
            name = _callee(call)
            if name not in ENTRY_POINTS and name not in wrappers:
                continue
            index = wrappers[name].code_index if name in wrappers else 0
            if len(call.args) <= index:
                continue
            code = call.args[index]
            function = module.function_of(call)
            if function is not None and name in ENTRY_POINTS | wrappers.keys():
                params = [a.arg for a in function.args.args]
                if isinstance(code, ast.Name) and code.id in params:
                    continue  # a wrapper's own call: its callers are checked instead
            supplied = _supplied(name, call, wrappers)
            rows = _paired_rows(code, supplied, module, call)
            if rows is not None:
                for codes, keys in rows:
                    both = Supplied(supplied.names | keys)
                    sites.append(Site(module.path, call.lineno, codes, both))
                continue
            sites.append(Site(module.path, call.lineno, _resolve(code, module), supplied))
    return sites


def _paired_rows(
    code: ast.AST, supplied: Supplied, module: Module, call: ast.Call
) -> list[tuple[set[str] | None, set[str]]] | None:
    """``for code, ..., params in checks: problem(code, ..., **params)`` over a table
    written out in the code: each row's code with the keys of its own parameters."""
    if not (isinstance(code, ast.Name) and supplied.open and supplied.forwarded):
        return None
    for loop in module.ancestors(call):
        if not isinstance(loop, ast.For) or not isinstance(loop.iter, ast.Name):
            continue
        code_at = _position(loop.target, code.id)
        params_at = _position(loop.target, supplied.forwarded)
        if code_at is None or params_at is None or code_at < 0 or params_at < 0:
            continue
        table = _rows_of(loop.iter.id, module.function_of(loop) or module.tree)
        if table is None:
            return None
        rows = []
        for row in table:
            if not isinstance(row, ast.Tuple) or not isinstance(row.elts[params_at], ast.Dict):
                return None
            keys = row.elts[params_at].keys  # type: ignore[attr-defined]
            if not all(isinstance(k, ast.Constant) for k in keys):
                return None
            names = {k.value for k in keys}
            rows.append((_resolve(row.elts[code_at], module), names))
        return rows
    return None


def _rows_of(name: str, scope: ast.AST) -> list[ast.AST] | None:
    """The rows of a list written out in ``scope``, with any appended or inserted later."""
    rows: list[ast.AST] = []
    for node in ast.walk(scope):
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            value = node.value  # type: ignore[attr-defined]
            if not isinstance(value, ast.List | ast.Tuple):
                return None
            rows += value.elts
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
            and node.func.attr in ("append", "insert")
        ):
            rows.append(node.args[-1])
    return rows or None


def missing_parameters(site: Site) -> list[tuple[str, int, str, list[str]]]:
    found = []
    supplied = set(site.supplied.names)
    if "field" in supplied:
        supplied.add("title")
    for code in sorted(site.codes or ()):
        if code not in MESSAGES:
            continue
        missing = parameters(code) - supplied
        if missing and not site.supplied.open:
            found.append((site.file, site.line, code, sorted(missing)))
    return found
