"""Day 51: the data migration seeds the permissions and what each role starts with."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.helpers import SEEDED

pytestmark = pytest.mark.day(51)


def test_the_seed_creates_the_six_permissions_each_with_a_description(db_session: Session) -> None:
    rows = db_session.execute(text("SELECT name, description FROM permissions")).all()
    names = {name for name, _ in rows}
    assert names == SEEDED["admin"], (
        f"Read the permissions table after alembic upgrade head. Got {sorted(names)}, "
        f"expected {sorted(SEEDED['admin'])}"
    )
    undescribed = [name for name, description in rows if not description.strip()]
    assert not undescribed, f"Got permissions without a description: {undescribed}"


def test_each_role_starts_with_its_seeded_permissions(db_session: Session) -> None:
    rows = db_session.execute(
        text(
            "SELECT rp.role::text, p.name FROM role_permissions rp "
            "JOIN permissions p ON p.id = rp.permission_id"
        )
    ).all()
    got: dict[str, set[str]] = {role: set() for role in SEEDED}
    for role, name in rows:
        got[role].add(name)
    for role, expected in SEEDED.items():
        assert got[role] == expected, (
            f"Read role_permissions after alembic upgrade head. Got {role}: {sorted(got[role])}, "
            f"expected {sorted(expected)}"
        )
