"""CHEATSHEET.md: every `alembic ...` line in its code blocks is a command alembic accepts."""

import argparse
import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.config import CommandLine

pytestmark = pytest.mark.day(29)

CHEATSHEET = Path(__file__).parents[1] / "CHEATSHEET.md"

Check = Callable[[str, argparse.Namespace], bool]

# The workflow's commands, each with what its parsed command line must hold.
REQUIRED: dict[str, Check] = {
    "alembic init <dir>": lambda cmd, ns: cmd == "init",
    "alembic revision --autogenerate -m <message>": lambda cmd, ns: (
        cmd == "revision" and ns.autogenerate and bool(ns.message)
    ),
    "alembic upgrade head": lambda cmd, ns: cmd == "upgrade" and ns.revision == "head",
    "alembic downgrade -1": lambda cmd, ns: cmd == "downgrade" and ns.revision == "-1",
    "alembic downgrade base": lambda cmd, ns: cmd == "downgrade" and ns.revision == "base",
    "alembic current": lambda cmd, ns: cmd == "current",
    "alembic history": lambda cmd, ns: cmd == "history",
    "alembic check": lambda cmd, ns: cmd == "check",
    "alembic upgrade head --sql": lambda cmd, ns: (
        cmd == "upgrade" and ns.revision == "head" and ns.sql
    ),
}


def command_lines(text: str) -> list[str]:
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)
    lines = (line.strip().removeprefix("$ ") for block in blocks for line in block.splitlines())
    return [line for line in lines if line.startswith("alembic ")]


@pytest.mark.hint("Put each command on its own line inside ``` blocks; comments after #.")
def test_the_cheat_sheet_holds_the_workflow_commands_as_alembic_accepts_them() -> None:
    parser = CommandLine(prog="alembic").parser
    parsed: list[tuple[str, argparse.Namespace]] = []
    for line in command_lines(CHEATSHEET.read_text()):
        try:
            namespace = parser.parse_args(shlex.split(line, comments=True)[1:])
        except SystemExit:
            pytest.fail(f"Parsed {line!r} from CHEATSHEET.md. Got an argument error from alembic")
        parsed.append((namespace.cmd[0].__name__, namespace))
    missing = [name for name, check in REQUIRED.items() if not any(check(*p) for p in parsed)]
    assert not missing, (
        f"Read the alembic commands in CHEATSHEET.md. Got {len(parsed)} commands, "
        f"expected also: {missing}"
    )
