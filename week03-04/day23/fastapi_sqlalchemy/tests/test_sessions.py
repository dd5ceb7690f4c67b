"""get_db closes its session on every path, and the app reads DATABASE_URL only at startup."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.orm import Session, sessionmaker

from app.database import DatabaseNotConfigured
from app.dependencies import SessionDep
from app.main import create_app

pytestmark = pytest.mark.day(23)


class SpySession(Session):
    """A real Session that counts how often it was closed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.close_calls = 0

    def close(self) -> None:
        self.close_calls += 1
        super().close()


class SpyFactory:
    """A session factory that remembers every session it handed out."""

    def __init__(self, engine: Engine) -> None:
        self.make = sessionmaker(bind=engine, class_=SpySession)
        self.sessions: list[SpySession] = []

    def __call__(self) -> SpySession:
        session = self.make()
        self.sessions.append(session)
        return session


@pytest.fixture
def own_engine(database_url: str) -> Iterator[Engine]:
    """An engine of this test's own, so its pool shows exactly this test's connections."""
    engine = create_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def spy(own_engine: Engine) -> SpyFactory:
    return SpyFactory(own_engine)


@pytest.fixture
def spy_client(spy: SpyFactory) -> TestClient:
    """The app with the real get_db, fed by the spy factory, plus a route that fails."""
    app = create_app(spy)

    @app.get("/boom")
    def boom(db: SessionDep) -> None:
        db.execute(select(1))  # hold a real connection when the error strikes
        raise RuntimeError("boom")

    @app.get("/teapot")
    def teapot(db: SessionDep) -> None:
        db.execute(select(1))
        raise HTTPException(status_code=418, detail="short and stout")

    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("path", "expected_status"),
    [("/users", 200), ("/users/424242", 404), ("/teapot", 418), ("/boom", 500)],
)
def test_get_db_closes_the_session_and_returns_the_connection_on_every_path(
    spy_client: TestClient, spy: SpyFactory, own_engine: Engine, path: str, expected_status: int
) -> None:
    response = spy_client.get(path)
    closes = [session.close_calls for session in spy.sessions]
    checked_out = own_engine.pool.checkedout()  # type: ignore[attr-defined]
    assert response.status_code == expected_status, f"Called GET {path}. Got {response.status_code}"
    assert closes == [1], f"Called GET {path}. Got close calls {closes}, expected [1]"
    assert checked_out == 0, f"Called GET {path}. Got {checked_out} connections leaked, expected 0"


def test_app_reads_database_url_when_it_starts_and_not_before(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app()  # building the app must not need the variable yet
    with pytest.raises(DatabaseNotConfigured, match="DATABASE_URL is not set"), TestClient(app):
        pass  # starting it does
    monkeypatch.setenv("DATABASE_URL", database_url)
    with TestClient(app) as client:
        response = client.get("/users")
    assert response.status_code == 200, f"Called GET /users. Got {response.status_code}, 200"
