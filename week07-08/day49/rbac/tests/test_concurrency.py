"""Two admins demoting each other at the same moment: one must stay an admin.

Real commits on a database of the test's own (committed_database_url): the race is between
two transactions, which the rolled-back test session cannot show.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from app import service
from app.models import Role, User

pytestmark = pytest.mark.day(49)


@pytest.fixture
def committed_engine(committed_database_url: str) -> Iterator[Engine]:
    engine = create_engine(committed_database_url, poolclass=NullPool)
    yield engine
    engine.dispose()


@pytest.mark.hint("Lock the admins' rows (SELECT ... FOR UPDATE) before counting them.")
def test_two_admins_demoting_each_other_at_once_leave_one_admin(
    committed_engine: Engine,
) -> None:
    with Session(committed_engine) as db:
        ada, grace = (
            User(email=f"{n}@example.com", hashed_password="h", role=Role.ADMIN) for n in "ag"
        )
        db.add_all([ada, grace])
        db.commit()
        ada_id, grace_id = ada.id, grace.id

    first_is_committing = threading.Event()
    outcomes: dict[str, str] = {}

    def hold_commit(session: Session) -> None:
        # The first change waits at its commit, so the second one runs meanwhile: without
        # a lock it sees two admins too, and both succeed.
        first_is_committing.set()
        time.sleep(0.5)

    def demote(name: str, target: int, by: int, hold: bool) -> None:
        with Session(committed_engine, expire_on_commit=False) as db:
            if hold:
                event.listen(db, "before_commit", hold_commit)
            try:
                service.change_role(db, target, Role.USER, changed_by=by)
                outcomes[name] = "demoted"
            except service.LastAdmin:
                outcomes[name] = "LastAdmin"

    first = threading.Thread(target=demote, args=("Ada demotes Grace", grace_id, ada_id, True))
    second = threading.Thread(target=demote, args=("Grace demotes Ada", ada_id, grace_id, False))
    first.start()
    assert first_is_committing.wait(5), "The first change_role never reached its commit"
    second.start()
    first.join(10)
    second.join(10)

    with committed_engine.connect() as connection:
        admins = connection.execute(text("SELECT count(*) FROM users WHERE role = 'admin'"))
        count = admins.scalar_one()
    assert count == 1 and sorted(outcomes.values()) == ["LastAdmin", "demoted"], (
        f"Ran two change_role calls at once, each demoting the other admin. Got {outcomes} and "
        f"{count} admin(s) left, expected one demoted, one LastAdmin, and 1 admin"
    )
