"""Day 53: repeated login failures for one account, and floods from one client, answer
429 with Retry-After before any password is checked; the limits are settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from app.modules.auth.throttle import LoginThrottle, SlidingWindow
from app.shared.exceptions import TooManyRequests
from conftest import make_settings
from tests.helpers import PASSWORD, Shop

pytestmark = [
    pytest.mark.day(53),
    pytest.mark.hint(
        "LoginThrottle.check(account, client, now) runs before the password is checked; "
        "failed() counts a failure per account, succeeded() clears it."
    ),
]


async def login(api: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    form = {"grant_type": "password", "username": email, "password": password}
    return await api.post("/token", data=form)


async def statuses(api: httpx.AsyncClient, email: str, passwords: list[str]) -> list[int]:
    return [(await login(api, email, p)).status_code for p in passwords]


@pytest_asyncio.fixture
async def strict(
    async_database_url: str, async_db_session: AsyncSession
) -> AsyncIterator[tuple[httpx.AsyncClient, FastAPI]]:
    """An app whose limits are 2 failures per account and 4 attempts per client."""
    from app.database import get_session
    from app.main import create_app

    settings = make_settings(
        async_database_url, login_max_failures=2, login_max_attempts_per_client=4
    )
    app = create_app(settings)

    async def session() -> AsyncIterator[AsyncSession]:
        yield async_db_session

    app.dependency_overrides[get_session] = session
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client, app


@pytest.mark.asyncio
async def test_five_failures_lock_the_account_even_for_the_right_password(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    person = await shop.user()
    got = await statuses(api, person.email, ["wrong"] * 5 + [PASSWORD])
    assert got == [400] * 5 + [429], f"Called POST /token 5 times wrong, then right. Got {got}"
    response = await login(api, person.email)
    retry = response.headers.get("retry-after", "")
    assert (
        retry.isdigit()
        and 1 <= int(retry) <= 900
        and response.json()["error"] == ("too_many_requests")
    ), f"Got Retry-After {retry!r} and {response.json()}, expected 1-900 s, too_many_requests"


@pytest.mark.asyncio
async def test_an_unknown_email_is_throttled_exactly_like_a_known_one(
    api: httpx.AsyncClient,
) -> None:
    got = await statuses(api, "ghost@example.com", ["wrong"] * 6)
    assert got == [400] * 5 + [429], f"Called POST /token 6 times for an unknown email. Got {got}"


@pytest.mark.asyncio
async def test_the_lock_is_per_account_and_ends_with_its_window(
    api: httpx.AsyncClient, journey_app: FastAPI, shop: Shop
) -> None:
    clock = journey_app.state.runtime.clock
    clock.freeze()
    locked, other = await shop.user(), await shop.user()
    await statuses(api, locked.email, ["wrong"] * 5)
    got = [
        (await login(api, other.email)).status_code,
        (await login(api, locked.email)).status_code,
    ]
    clock.advance(timedelta(seconds=901))
    got.append((await login(api, locked.email)).status_code)
    assert got == [200, 429, 200], (
        f"Called POST /token for another account, the locked one, and the locked one after "
        f"15 minutes. Got {got}, expected [200, 429, 200]"
    )


@pytest.mark.asyncio
async def test_a_success_clears_the_failures(api: httpx.AsyncClient, shop: Shop) -> None:
    person = await shop.user()
    got = await statuses(api, person.email, ["wrong"] * 4 + [PASSWORD] + ["wrong"] * 4)
    assert got == [400] * 4 + [200] + [400] * 4, f"Called POST /token. Got {got}"


@pytest.mark.asyncio
async def test_the_limits_are_settings(
    strict: tuple[httpx.AsyncClient, FastAPI], shop: Shop
) -> None:
    client, _ = strict
    person = await shop.user()
    got = await statuses(client, person.email, ["wrong", "wrong", PASSWORD])
    assert got == [400, 400, 429], f"Called POST /token with LOGIN_MAX_FAILURES=2. Got {got}"


@pytest.mark.asyncio
async def test_a_flood_from_one_client_is_throttled_across_accounts(
    strict: tuple[httpx.AsyncClient, FastAPI], shop: Shop
) -> None:
    client, app = strict
    people = [await shop.user() for _ in range(5)]
    got = [(await login(client, p.email)).status_code for p in people]
    assert got == [200, 200, 200, 200, 429], (
        f"Called POST /token for 5 accounts from one client with "
        f"LOGIN_MAX_ATTEMPTS_PER_CLIENT=4. Got {got}"
    )
    app.state.auth.throttle.reset()
    assert (await login(client, people[4].email)).status_code == 200, "Expected reset() to unlock"


@pytest.mark.asyncio
async def test_registration_and_refresh_are_not_login_attempts(
    strict: tuple[httpx.AsyncClient, FastAPI], shop: Shop
) -> None:
    client, _ = strict
    person = await shop.user()
    pair: dict[str, Any] = (await login(client, person.email)).json()
    for _ in range(4):
        form = {"grant_type": "refresh_token", "refresh_token": pair["refresh_token"]}
        pair = (await client.post("/token", data=form)).json()
    assert "refresh_token" in pair, f"Called four refreshes under a 4-attempt limit. Got {pair}"


# Unit tests: the throttle alone, no app and no database; times are plain seconds.

T0 = datetime(2030, 1, 1, tzinfo=UTC)


def test_a_hit_leaves_the_window_exactly_window_s_seconds_later() -> None:
    window = SlidingWindow(limit=2, window_s=10)
    window.hit("k", 100.0)
    window.hit("k", 101.0)
    got = [window.retry_after("k", t) for t in (101.0, 105.0, 109.5, 110.0)]
    assert got == [9, 5, 1, None], (
        f"Called retry_after at 101, 105, 109.5 and 110 s after hits at 100 and 101 s "
        f"(limit 2, window 10 s). Got {got}, expected [9, 5, 1, None]"
    )


def test_below_the_limit_nothing_waits() -> None:
    window = SlidingWindow(limit=3, window_s=60)
    window.hit("k", 0.0)
    window.hit("k", 1.0)
    got = [window.retry_after("k", 2.0), window.retry_after("other", 2.0)]
    assert got == [None, None], f"Called retry_after after 2 of 3 hits. Got {got}"


def test_the_least_recently_used_key_goes_when_the_window_is_full() -> None:
    window = SlidingWindow(limit=1, window_s=60, max_keys=2)
    for key in ("a", "b", "a", "c"):
        window.hit(key, 0.0)
    got = {key: window.retry_after(key, 1.0) for key in ("a", "b", "c")}
    assert got == {"a": 59, "b": None, "c": 59}, (
        f"Called hit a, b, a, c with max_keys=2. Got {got}, expected b forgotten"
    )


def test_retry_after_is_the_longer_wait_of_account_and_client() -> None:
    throttle = LoginThrottle(
        make_settings(
            "postgresql://unused/unused",
            login_max_failures=2,
            login_failure_window_s=900,
            login_max_attempts_per_client=2,
            login_client_window_s=60,
        )
    )
    for second in (0, 1):
        throttle.check("ada@example.com", "10.0.0.1", T0 + timedelta(seconds=second))
        throttle.failed("ada@example.com", T0 + timedelta(seconds=second))
    waits = []
    for second, client in ((2, "10.0.0.2"), (3, "10.0.0.1")):
        with pytest.raises(TooManyRequests) as refused:
            throttle.check("ada@example.com", client, T0 + timedelta(seconds=second))
        waits.append(refused.value.retry_after)
    throttle.succeeded("ada@example.com")
    with pytest.raises(TooManyRequests) as flooded:
        throttle.check("grace@example.com", "10.0.0.1", T0 + timedelta(seconds=4))
    waits.append(flooded.value.retry_after)
    throttle.check("grace@example.com", "10.0.0.3", T0 + timedelta(seconds=4))
    assert waits == [898, 897, 56], (
        f"Called check after 2 failures (limit 2 in 900 s) at 2 s, then at 3 s from a client "
        f"with 2 attempts (limit 2 in 60 s), then for another account. Got Retry-After "
        f"{waits}, expected [898, 897, 56]"
    )
