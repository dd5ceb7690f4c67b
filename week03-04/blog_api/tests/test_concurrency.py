"""Day 26: many concurrent requests on a small pool all finish (no pool deadlock, fastapi#3205)."""

import asyncio

import httpx
import pytest
from sqlalchemy.orm import Session

from conftest import add_sample_rows

pytestmark = pytest.mark.day(26)


def test_sixty_concurrent_requests_on_a_two_connection_pool_all_succeed(
    committed_database_url: str,
) -> None:
    # Imported here: on day 25 the app does not import yet, and this file must still collect.
    from app.config import Settings
    from app.main import create_app

    settings = Settings(database_url=committed_database_url, bcrypt_rounds=4, db_pool_size=2)
    app = create_app(settings)
    with Session(app.state.engine) as session:
        ids = add_sample_rows(session)
        session.commit()

    async def burst() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            paths = [
                "/posts?limit=5",
                f"/posts/{ids['post']}",
                f"/users/{ids['user']}/posts",
                f"/posts/{ids['post']}/comments",
            ] * 15
            responses = await asyncio.wait_for(
                asyncio.gather(*(client.get(path) for path in paths)), timeout=20
            )
        # The asyncpg pool belongs to this event loop: close it before the loop ends.
        await app.state.read_engine.dispose()
        return [response.status_code for response in responses]

    try:
        statuses = asyncio.run(burst())
    finally:
        app.state.db_executor.shutdown()
        app.state.engine.dispose()
    assert statuses == [200] * 60, (
        f"Called 60 concurrent GETs with a 2-connection pool. Got {sorted(set(statuses))}, "
        "expected 60 x 200 within 20 s"
    )
