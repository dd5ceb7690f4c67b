"""SqlAlchemyUnitOfWork on PostgreSQL, where commits are real (committed_database_url).

Each test looks at the result from a second connection: what another request would see.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from app.database import make_engine, make_session_factory
from app.models import User
from app.services.errors import EmailTaken
from app.services.unit_of_work import SqlAlchemyUnitOfWork

pytestmark = pytest.mark.day(33)


@pytest.fixture
def committed_engine(committed_database_url: str) -> Iterator[Engine]:
    engine = make_engine(committed_database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(committed_engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(committed_engine)


def new_user(email: str) -> User:
    return User(email=email, username=email.partition("@")[0], full_name="Ada", age=36)


def stored_emails(engine: Engine) -> list[str]:
    """The emails in the users table, read on a connection of its own."""
    with engine.connect() as connection:
        return list(connection.scalars(text("SELECT email FROM users ORDER BY id")))


def test_commit_makes_the_work_visible_to_other_connections(
    committed_engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    with session_factory() as session, SqlAlchemyUnitOfWork(session) as uow:
        uow.users.add(new_user("ada@example.com"))
        uow.commit()
    got = stored_emails(committed_engine)
    assert got == ["ada@example.com"], f"Called uow.commit(). Got {got}, ['ada@example.com']"


def test_rolls_back_uncommitted_work_by_default(
    committed_engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    with session_factory() as session:
        with SqlAlchemyUnitOfWork(session) as uow:
            uow.users.add(new_user("ada@example.com"))  # flushed, never committed
        # The session is still open: only the unit of work's rollback can have undone it.
        left = session.scalar(text("SELECT count(*) FROM users"))
    assert left == 0, f"Left `with uow:` without commit. Got {left} rows in the session, 0"
    got = stored_emails(committed_engine)
    assert got == [], f"Left `with uow:` without commit. Got {got} stored, expected []"


def test_rolls_back_on_error(
    committed_engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    class Refused(Exception):
        pass

    with session_factory() as session:
        with pytest.raises(Refused), SqlAlchemyUnitOfWork(session) as uow:
            uow.users.add(new_user("ada@example.com"))
            raise Refused
        left = session.scalar(text("SELECT count(*) FROM users"))
    assert left == 0, f"Raised inside `with uow:`. Got {left} rows in the session, expected 0"
    assert stored_emails(committed_engine) == [], "Raised inside `with uow:`. Got rows stored"


@pytest.mark.hint("After a failed INSERT the unit of work must still roll back and be usable.")
def test_an_email_committed_elsewhere_meanwhile_is_email_taken_and_the_uow_recovers(
    committed_engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    with session_factory() as other:
        other.add(new_user("ada@example.com"))
        other.commit()
    with session_factory() as session:
        uow = SqlAlchemyUnitOfWork(session)
        with pytest.raises(EmailTaken), uow:
            uow.users.add(User(email="ada@example.com", username="ada2", full_name="A", age=20))
        with uow:
            uow.users.add(new_user("grace@example.com"))
            uow.commit()
    got = stored_emails(committed_engine)
    expected = ["ada@example.com", "grace@example.com"]
    assert got == expected, f"Called add() on a taken email, then another. Got {got}, {expected}"
