"""Two requests racing for one email: PostgreSQL's unique constraint decides, the API says 409."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from app.database import make_engine
from app.main import create_app

pytestmark = pytest.mark.day(23)


class RendezvousSession(Session):
    """Waits at commit until both racers are there, so both pass any check made before it."""

    barrier: ClassVar[threading.Barrier] = threading.Barrier(2, timeout=10)

    def commit(self) -> None:
        self.barrier.wait()
        super().commit()


@pytest.fixture
def committed_engine(committed_database_url: str) -> Iterator[Engine]:
    engine = make_engine(committed_database_url)
    yield engine
    engine.dispose()


def test_two_simultaneous_posts_with_one_email_give_one_201_and_one_409(
    committed_engine: Engine,
) -> None:
    RendezvousSession.barrier.reset()
    app = create_app(sessionmaker(bind=committed_engine, class_=RendezvousSession))
    body = {"email": "race@example.com", "name": "Racer"}

    def post(_: int) -> Any:
        return TestClient(app).post("/users", json=body).status_code

    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = sorted(pool.map(post, range(2)))
    with committed_engine.connect() as connection:
        rows = connection.execute(text("SELECT count(*) FROM users")).scalar_one()
    assert statuses == [201, 409], f"Called POST /users twice at once. Got {statuses}, [201, 409]"
    assert rows == 1, f"Called POST /users twice at once. Got {rows} rows, expected 1"
