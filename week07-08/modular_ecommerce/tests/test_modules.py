"""Day 56: a module is wired as a whole or not at all: left out of create_app, its routes
are gone and the other modules still work."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from tests.helpers import Person, Shop

pytestmark = [
    pytest.mark.day(56),
    pytest.mark.asyncio,
    pytest.mark.hint("create_app(settings, modules=...) includes only the named modules' routers."),
]

# One request per module that works whenever the module is in: (method, path, who, status)
SMOKE = {
    "auth": ("POST", "/auth/logout", None, 204),
    "users": ("GET", "/users/me", "customer", 200),
    "products": ("GET", "/products", None, 200),
    "orders": ("GET", "/cart", "customer", 200),
    "admin": ("GET", "/health/live", None, 200),
}


async def client_for(
    settings: Settings, session: AsyncSession, modules: tuple[str, ...]
) -> AsyncIterator[httpx.AsyncClient]:
    from app.database import get_session
    from app.main import create_app

    app = create_app(settings, modules=modules)

    async def same_session() -> AsyncIterator[AsyncSession]:
        yield session

    app.dependency_overrides[get_session] = same_session
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def smoke(client: httpx.AsyncClient, module: str, customer: Person) -> int:
    method, path, who, _ = SMOKE[module]
    headers = customer.headers if who else {}
    body = {"refresh_token": "x"} if path == "/auth/logout" else None
    return (await client.request(method, path, headers=headers, json=body)).status_code


async def test_each_module_can_be_left_out_without_breaking_the_others(
    settings: Settings, async_db_session: AsyncSession, shop: Shop
) -> None:
    from app.main import ALL_MODULES

    customer = await shop.user()
    for left_out in ALL_MODULES:
        kept = tuple(m for m in ALL_MODULES if m != left_out)
        async for client in client_for(settings, async_db_session, kept):
            paths = (await client.get("/openapi.json")).json()["paths"]
            tags = {op["tags"][0] for item in paths.values() for op in item.values()}
            assert left_out not in tags and tags == set(kept), (
                f"Called create_app without {left_out}. Got the tags {sorted(tags)}, "
                f"expected {sorted(kept)}"
            )
            gone = await smoke(client, left_out, customer)
            alive = {m: await smoke(client, m, customer) for m in kept}
            expected = {m: SMOKE[m][3] for m in kept}
            assert gone in (404, 405) and alive == expected, (
                f"Called each module's smoke request without {left_out}. Got {gone} for "
                f"{left_out} and {alive} for the others, expected 404 and {expected}"
            )
