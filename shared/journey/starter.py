"""Starters: each built day's starting point, derived from its reference solution.

A day lists what it teaches in ``curriculum.toml`` (``starter = [...]``), with paths
relative to the day's first project folder:

- ``"bank_system.py"``: every function and method body in the file;
- ``"models.py::Task"`` / ``"manager.py::TaskManager.add"``: the methods of that class,
  or that one function;
- ``"models.py::Task:fields"``: the class's fields as well (its table name, primary key
  and config stay, so the module still imports);
- any other file (``"README.md"``, ``"practice.sql"``): its whole content.

A stubbed function keeps its decorators, signature and docstring (the contract) and
raises ``NotImplementedError``. Nothing is kept by hand: the starter is computed from the
reference every time, so the two cannot drift apart.
"""

from __future__ import annotations

import ast
import copy
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

FIELD_DECORATORS = frozenset(
    {
        "field_validator",
        "model_validator",
        "field_serializer",
        "model_serializer",
        "computed_field",
        "validator",
        "root_validator",
        "validates",
    }
)
"""Methods bound to fields: they go with the fields (pydantic refuses orphans)."""

KEPT_FIELDS = frozenset({"__tablename__", "__abstract__", "model_config"})

_PLACEHOLDERS = {
    ".md": "# TODO (day {day})\n\nWrite this file: the day's README says what it holds.\n",
    ".sql": "-- TODO (day {day}): write these statements; the day's README says which.\n",
    ".json": "{{}}\n",
    ".txt": "TODO (day {day})\n",
}


class StarterError(ValueError):
    """A starter entry that does not match the reference (a typo, a renamed function)."""


@dataclass(frozen=True)
class Entry:
    """One thing a day teaches: a file, or a name inside a Python file."""

    path: str
    name: str | None = None
    fields: bool = False

    @classmethod
    def parse(cls, text: str) -> Entry:
        """Read ``path``, ``path::Name`` or ``path::Class:fields``."""
        path, _, name = text.partition("::")
        fields = name.endswith(":fields")
        name = name.removesuffix(":fields")
        if not path or PurePosixPath(path).is_absolute() or ".." in PurePosixPath(path).parts:
            raise StarterError(f"starter entry {text!r}: give a path inside the project")
        if (name or fields) and not path.endswith(".py"):
            raise StarterError(f"starter entry {text!r}: names are for Python files only")
        return cls(path=path, name=name or None, fields=fields)

    def __str__(self) -> str:
        suffix = f"::{self.name}" if self.name else ""
        return self.path + suffix + (":fields" if self.fields else "")


@dataclass(frozen=True)
class _Cut:
    """Replace lines ``first``..``last`` (1-based, inclusive) with ``lines``."""

    first: int
    last: int
    lines: tuple[str, ...]


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def find(tree: ast.Module, name: str) -> ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef:
    scope: list[ast.stmt] = tree.body
    found: ast.stmt | None = None
    for part in name.split("."):
        found = next(
            (
                node
                for node in scope
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                and node.name == part
            ),
            None,
        )
        if found is None:
            raise StarterError(f"'{name}' is not defined in the reference")
        scope = found.body if isinstance(found, ast.ClassDef) else []
    assert isinstance(found, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    return found


def _functions(nodes: Iterable[ast.stmt], prefix: str = "") -> Iterable[tuple[str, ast.stmt]]:
    """Every function and method under ``nodes`` (not functions nested in functions)."""
    for node in nodes:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield prefix + node.name, node
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node.body, f"{prefix}{node.name}.")


def _start_with_comments(lines: list[str], first: int, floor: int) -> int:
    """Move ``first`` up over the comment lines right above it (they explain the code)."""
    while first - 1 > floor and lines[first - 2].strip().startswith("#"):
        first -= 1
    return first


def _stub_function(
    lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef, qualname: str, day: int
) -> _Cut | None:
    body = node.body[1:] if _is_docstring(node.body[0]) else node.body
    if not body or body[0].lineno == node.lineno:
        return None  # only a docstring, or a one-line body such as `...`
    if len(body) == 1 and isinstance(body[0], ast.Raise | ast.Pass):
        return None  # nothing to teach: an abstract method or a deliberate no-op
    only = body[0]
    if len(body) == 1 and isinstance(only, ast.Expr) and isinstance(only.value, ast.Constant):
        return None  # `...`
    floor = node.body[0].end_lineno if body is not node.body else node.lineno
    assert floor is not None
    # A decorated statement (a nested function, a class) starts at its first decorator.
    decorators: list[ast.expr] = getattr(body[0], "decorator_list", [])
    start = decorators[0].lineno if decorators else body[0].lineno
    first = _start_with_comments(lines, start, floor)
    indent = " " * body[0].col_offset
    stub = f'{indent}raise NotImplementedError("day {day}: write {qualname}")'
    if node.name in ("__repr__", "__str__"):
        # A raising repr would break every print, debugger and test report: the default
        # one stands in until the learner writes theirs.
        stub = f"{indent}return object.{node.name}(self)  # TODO (day {day}): write {qualname}"
    assert node.end_lineno is not None
    return _Cut(first, node.end_lineno, (stub,))


def _decorator_names(node: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    names = set()
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute):
            names.add(target.attr)
        elif isinstance(target, ast.Name):
            names.add(target.id)
    return names


def _is_kept_field(node: ast.stmt) -> bool:
    targets: list[ast.expr] = []
    if isinstance(node, ast.AnnAssign):
        targets = [node.target]
    elif isinstance(node, ast.Assign):
        targets = node.targets
    names = {t.id for t in targets if isinstance(t, ast.Name)}
    primary_key = any(
        isinstance(found, ast.keyword)
        and found.arg == "primary_key"
        and isinstance(found.value, ast.Constant)
        and found.value.value is True
        for found in ast.walk(node)
    )
    return bool(names & KEPT_FIELDS) or primary_key


def _strip_fields(source: str, lines: list[str], node: ast.ClassDef, day: int) -> list[_Cut]:
    cuts = []
    first_removed: int | None = None
    floor = node.lineno
    for child in node.body:
        removable = isinstance(child, ast.Assign | ast.AnnAssign) and not _is_kept_field(child)
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            removable = bool(_decorator_names(child) & FIELD_DECORATORS)
        decorators: list[ast.expr] = getattr(child, "decorator_list", [])
        start = decorators[0].lineno if decorators else child.lineno
        if removable:
            assert child.end_lineno is not None
            first = _start_with_comments(lines, start, floor)
            if first_removed is None:
                first_removed = first
                indent = " " * child.col_offset
                todo = f"{indent}# TODO (day {day}): the fields of {node.name}"
                cuts.append(_Cut(first, child.end_lineno, (todo,)))
            else:
                cuts.append(_Cut(first, child.end_lineno, ()))
        floor = child.end_lineno or floor
    return cuts


def derive_python(source: str, entries: Iterable[Entry], day_of: Callable[[Entry], int]) -> str:
    """The starter of one Python file: ``entries`` (all of this file) stubbed."""
    tree = ast.parse(source)
    lines = source.splitlines()
    cuts: dict[int, _Cut] = {}
    # The most specific entry first: a method another day owns keeps that day's number.
    for entry in sorted(entries, key=lambda e: -len(e.name or "")):
        day = day_of(entry)
        targets: Iterable[tuple[str, ast.stmt]]
        if entry.name is None:
            targets = _functions(tree.body)
        else:
            node = find(tree, entry.name)
            if isinstance(node, ast.ClassDef):
                targets = _functions(node.body, f"{entry.name}.")
                if entry.fields:
                    for cut in _strip_fields(source, lines, node, day):
                        cuts[cut.first] = cut
            else:
                targets = [(entry.name, node)]
        for qualname, function in targets:
            assert isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
            stub = _stub_function(lines, function, qualname, day)
            if stub is not None and not any(c.first <= stub.first <= c.last for c in cuts.values()):
                cuts[stub.first] = stub
    for cut in sorted(cuts.values(), key=lambda c: -c.first):
        lines[cut.first - 1 : cut.last] = list(cut.lines)
    return "\n".join(lines) + "\n"


def _has_unused_imports(text: str) -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "F401", "-q", "-"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode == 1


def lint_clean(text: str) -> str:
    """The starter as written to disk: formatted as ruff formats the repository, and where
    the reference's imports are now unused, they stay (they hint at what to use) and ruff
    is told so in one line after the docstring."""
    if _has_unused_imports(text):
        # RUF100 too: a line-level "noqa: F401" of the reference is redundant under this one.
        directive = "# ruff: noqa: F401, RUF100  (starter: the reference's imports stay, as hints)"
        tree = ast.parse(text)
        insert_at = 0
        if tree.body and _is_docstring(tree.body[0]):
            insert_at = tree.body[0].end_lineno or 0
        lines = text.splitlines()
        lines.insert(insert_at, directive)
        text = "\n".join(lines) + "\n"
    formatted = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--isolated", "--line-length", "100", "-"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    return formatted.stdout if formatted.returncode == 0 else text


def placeholder(path: str, day: int) -> str:
    """The starter of a file that is not Python: one line saying what to write."""
    template = _PLACEHOLDERS.get(PurePosixPath(path).suffix, "TODO (day {day})\n")
    return template.format(day=day)


def derive(read: Callable[[str], str], entries: Iterable[tuple[int, Entry]]) -> dict[str, str]:
    """The starter text of every file that ``entries`` (day, entry) name.

    ``read(path)`` returns the reference content of a path relative to the project.
    """
    by_path: dict[str, list[tuple[int, Entry]]] = {}
    for day, entry in entries:
        by_path.setdefault(entry.path, []).append((day, entry))
    starters = {}
    for path, owned in by_path.items():
        source = read(path)
        if not path.endswith(".py"):
            starters[path] = placeholder(path, owned[0][0])
            continue
        days = {entry: day for day, entry in owned}
        try:
            starters[path] = derive_python(source, days, days.__getitem__)
        except SyntaxError as error:
            raise StarterError(f"{path}: the reference does not parse ({error})") from None
    return starters


def fingerprint(text: str, entry: Entry, others: frozenset[str] = frozenset()) -> str:
    """What ``entry`` looks like in ``text``, blind to formatting and comments.

    Two texts with equal fingerprints for every entry of a day hold the same work
    for that day: a learner's file equal to the starter's is still "to do".
    ``others`` are names inside the entry that other days own; they are left out.
    """
    if not entry.path.endswith(".py"):
        return re.sub(r"\s+", " ", text).strip()
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return "<does not parse>"
    if entry.name is None:
        return ast.dump(tree)
    try:
        node = find(tree, entry.name)
    except StarterError:
        return "<missing>"
    if isinstance(node, ast.ClassDef) and others:
        owned = {name.rsplit(".", 1)[-1] for name in others}
        kept = [
            child
            for child in node.body
            if not (
                isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) and child.name in owned
            )
        ]
        node = copy.copy(node)
        node.body = kept
    return ast.dump(node)
