"""Day 53: the app factory wires modules and denies by default; the API's rules hold for
every module (one error shape, no echoed input, a body limit, a JSON 503)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import APIRouter, FastAPI

from app.config import Settings
from conftest import make_settings

pytestmark = [pytest.mark.day(53), pytest.mark.asyncio]

SECRET = "sk_live_" + "s" * 40


def build(settings: Settings, modules: tuple[str, ...] | None = None) -> FastAPI:
    from app.main import ALL_MODULES, create_app

    return create_app(settings, modules=modules or ALL_MODULES)


async def test_every_operation_declares_who_may_call_it(settings: Settings) -> None:
    from app.modules.auth.dependencies import access_rules

    rules = access_rules(build(settings).routes)
    undeclared = sorted(f"{m} {p}" for (m, p), rule in rules.items() if rule is None)
    assert rules and not undeclared, f"Walked the routes. Got undeclared {undeclared}"


@pytest.mark.hint("create_app calls declare_access(app): an operation without a rule is refused.")
async def test_an_operation_without_an_access_rule_stops_the_app(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import main
    from app.shared.modules import Module

    rogue = APIRouter()

    @rogue.get("/rogue")
    async def forgot_to_declare() -> dict[str, str]:
        return {}

    monkeypatch.setitem(main.REGISTRY, "rogue", Module("rogue", "no rules", router=rogue))
    with pytest.raises(RuntimeError, match="GET /rogue"):
        main.create_app(settings, modules=("auth", "rogue"))


async def test_the_document_states_each_operations_access_rule(settings: Settings) -> None:
    paths = build(settings).openapi()["paths"]
    got = {
        "POST /token": paths["/token"]["post"].get("x-access"),
        "POST /auth/register": paths["/auth/register"]["post"].get("x-access"),
    }
    assert got == {"POST /token": "public", "POST /auth/register": "public"}, f"Got {got}"


async def test_the_strictest_declaration_wins_and_the_document_says_so() -> None:
    from fastapi import Depends

    from app.modules.auth.dependencies import (
        Public,
        RequirePermission,
        declare_access,
        get_current_user,
        optional_user,
    )

    b_read = Depends(RequirePermission("b:read"))

    async def nested(user: object = b_read) -> None:
        """A dependency of the route that itself requires a permission."""

    app = FastAPI()

    @app.get("/open", dependencies=[Public])
    async def open_route() -> None:
        """Anyone."""

    @app.get("/maybe", dependencies=[Depends(optional_user)])
    async def maybe() -> None: ...

    @app.get("/mine", dependencies=[Depends(get_current_user)])
    async def mine() -> None: ...

    @app.get("/two", dependencies=[Depends(RequirePermission("a:write")), Depends(nested)])
    async def two() -> None: ...

    declare_access(app)
    got = {}
    for path, item in app.openapi()["paths"].items():
        operation, rule = item["get"], item["get"].get("x-access")
        documented = sorted(code for code in operation["responses"] if code in ("401", "403"))
        got[path] = (rule, documented, operation.get("description"))
    both = "permission a:write, permission b:read"
    expected = {
        "/open": ("public", [], "Anyone.\n\n**Access:** public."),
        "/maybe": ("public", [], "**Access:** public."),
        "/mine": ("authenticated", ["401"], "**Access:** authenticated."),
        "/two": (both, ["401", "403"], f"**Access:** {both}."),
    }
    assert got == expected, (
        f"Called declare_access on four routes. Got (x-access, 401/403 documented, "
        f"description) {got}, expected {expected}"
    )


async def test_an_unknown_module_is_refused(settings: Settings) -> None:
    from app.main import create_app

    with pytest.raises(ValueError, match="nope"):
        create_app(settings, modules=("auth", "nope"))


async def test_errors_have_one_shape_and_never_echo_the_input(api: httpx.AsyncClient) -> None:
    answers = [
        await api.get("/nowhere"),
        await api.delete("/token"),
        await api.post("/auth/register", json={"email": SECRET, "password": SECRET * 100}),
        await api.post(
            "/token", data={"grant_type": "password", "username": SECRET, "password": SECRET}
        ),
        await api.post(
            "/auth/register", content=b'{"email": ', headers={"Content-Type": "application/json"}
        ),
    ]
    got = [(a.status_code, a.json()["error"]) for a in answers]
    expected = [
        (404, "not_found"),
        (405, "method_not_allowed"),
        (422, "validation_error"),
        (400, "invalid_grant"),
        (400, "bad_request"),
    ]
    assert got == expected, f"Called five failing requests. Got {got}, expected {expected}"
    for answer in answers:
        assert set(answer.json()) == {"error", "detail", "errors"}, f"Got {answer.json()}"
        assert SECRET not in answer.text, f"Got the input echoed: {answer.text[:200]}"


async def test_a_body_over_the_limit_is_413_whether_or_not_it_says_its_length(
    api: httpx.AsyncClient,
) -> None:
    big = b'{"email": "a@example.com", "password": "' + b"p" * 70_000 + b'"}'

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: it arrives in pieces
        for start in range(0, len(big), 8_192):
            yield big[start : start + 8_192]

    declared = await api.post(
        "/auth/register", content=big, headers={"Content-Type": "application/json"}
    )
    streamed = await api.post(
        "/auth/register", content=chunks(), headers={"Content-Type": "application/json"}
    )
    got = [(r.status_code, r.json()["error"]) for r in (declared, streamed)]
    assert got == [(413, "body_too_large")] * 2, f"Called POST with 70 kB twice. Got {got}"


async def test_an_unreachable_database_is_a_json_503_with_retry_after() -> None:
    # Port 1 on this machine: nothing listens, the connection is refused at once.
    settings = make_settings("postgresql://nobody:dbsecret@127.0.0.1:1/none", db_pool_timeout=2)
    app = build(settings)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://test") as client,
    ):
        answers = [
            await client.post(
                "/auth/register", json={"email": "a@example.com", "password": SECRET}
            ),
            await client.post(
                "/token", data={"grant_type": "password", "username": "a@b.co", "password": "x"}
            ),
        ]
    got = [(a.status_code, a.headers.get("retry-after"), a.json()["error"]) for a in answers]
    assert got == [(503, "2", "database_unavailable")] * 2, (
        f"Called the API without a database. Got {got}"
    )
    assert not any("dbsecret" in a.text or SECRET in a.text for a in answers), "Got a secret echoed"
