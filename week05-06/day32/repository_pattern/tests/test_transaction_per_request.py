"""The real get_db: a request that succeeds is committed, one that fails leaves nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from app.database import make_engine, make_session_factory
from app.main import create_app

pytestmark = pytest.mark.day(32)


@pytest.fixture
def committed_engine(committed_database_url: str) -> Iterator[Engine]:
    engine = make_engine(committed_database_url)
    yield engine
    engine.dispose()


def stored_emails(engine: Engine) -> list[str]:
    """What another connection sees: only committed rows."""
    with engine.connect() as connection:
        return list(connection.execute(text("SELECT email FROM users ORDER BY id")).scalars())


def test_each_request_commits_its_work_once_it_succeeds(committed_engine: Engine) -> None:
    client = TestClient(create_app(make_session_factory(committed_engine)))
    created = client.post("/users", json={"email": "ada@example.com", "name": "Ada"})
    after_post = stored_emails(committed_engine)
    taken = client.post("/users", json={"email": "ada@example.com", "name": "Ada again"})
    client.post("/users", json={"email": "grace@example.com", "name": "Grace"})
    deleted = client.delete(f"/users/{created.json()['id']}")
    after_delete = stored_emails(committed_engine)
    statuses = [created.status_code, taken.status_code, deleted.status_code]
    assert statuses == [201, 409, 204], f"Called POST, POST (taken), POST, DELETE. Got {statuses}"
    assert after_post == ["ada@example.com"], f"Called POST /users. Committed rows {after_post}"
    assert after_delete == ["grace@example.com"], f"Called DELETE. Committed rows {after_delete}"
