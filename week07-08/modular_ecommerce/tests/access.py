"""The role x route matrix (tests/access_matrix.csv): what each role gets from each route.

Each row sends a request that, once access is granted, reaches the route's own code: an
id that does not exist (404), a body the service refuses (422), or one it accepts. So a
401 or 403 in the table can only come from the access rule, and any other status proves
the rule let the caller through.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

MATRIX = Path(__file__).with_name("access_matrix.csv")
ROLES = ("anonymous", "customer", "staff", "admin")


@dataclass(frozen=True)
class Row:
    """One request and the status each role gets."""

    day: int
    method: str
    path: str
    body: str
    expected: tuple[int, ...]

    @property
    def operation(self) -> str:
        """The OpenAPI operation it calls, ids as {placeholders}: "GET /users/{user_id}"."""
        return f"{self.method} {self.path}"


def rows() -> list[Row]:
    """The matrix, in file order."""
    with MATRIX.open(newline="") as file:
        return [
            Row(
                int(r["day"]),
                r["method"],
                r["path"],
                r["body"],
                tuple(int(r[role]) for role in ROLES),
            )
            for r in csv.DictReader(file)
        ]


def matches(template: str, path: str) -> bool:
    """Whether a concrete path fits an OpenAPI path template."""
    pattern = re.sub(
        r"\{[^}]+\}", "[^/]+", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")
    )
    return re.fullmatch(pattern, path) is not None
