"""Day 53: registration, the OAuth2 token endpoint (password and refresh grants with
rotation and reuse detection), logout, email verification; over HTTP, on PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import bcrypt
import httpx
import pytest
from fastapi import FastAPI
from jose import jwt

from tests.helpers import PASSWORD, Shop, claims, sign

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

pytestmark = [pytest.mark.day(53), pytest.mark.asyncio]


async def register(api: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    return await api.post("/auth/register", json={"email": email, "password": password})


async def login(api: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    form = {"grant_type": "password", "username": email, "password": password}
    return await api.post("/token", data=form)


async def refresh(api: httpx.AsyncClient, token: str) -> httpx.Response:
    return await api.post("/token", data={"grant_type": "refresh_token", "refresh_token": token})


def expect(response: httpx.Response, status: int, what: str) -> dict[str, Any]:
    assert response.status_code == status, (
        f"Called {what}. Got {response.status_code} {response.text[:200]}, expected {status}"
    )
    return response.json() if response.content else {}


@pytest.mark.hint(
    "service.register hashes with argon2id, stores the email lower-case, role customer."
)
async def test_registration_creates_an_unverified_customer(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    body = expect(await register(api, "Ada@Example.COM"), 201, "POST /auth/register")
    got = {k: body.get(k) for k in ("email", "email_verified", "role", "banned")}
    expected = {
        "email": "ada@example.com",
        "email_verified": False,
        "role": "customer",
        "banned": False,
    }
    assert got == expected and "password" not in str(body), f"Got {body}, expected {expected}"
    stored = await shop.scalar("SELECT password_hash FROM users WHERE id = :i", i=body["id"])
    assert stored.startswith("$argon2id$"), f"Read users.password_hash. Got {stored[:12]!r}"


async def test_an_email_registers_once_whatever_its_case(api: httpx.AsyncClient) -> None:
    expect(await register(api, "grace@example.com"), 201, "POST /auth/register")
    body = expect(await register(api, "GRACE@example.com"), 409, "POST /auth/register again")
    assert body["error"] == "email_taken", f"Got {body}, expected error email_taken"


@pytest.mark.parametrize(
    "payload",
    [
        {"email": "not-an-email", "password": PASSWORD},
        {"email": "brief@example.com", "password": "tiny"},
        {"email": "long@example.com", "password": "x" * 129},
        {"email": "extra@example.com", "password": PASSWORD, "role": "admin"},
        {"email": "none@example.com"},
    ],
    ids=["bad-email", "short-password", "long-password", "role-smuggled", "no-password"],
)
async def test_invalid_registrations_are_422_without_echoing_the_password(
    api: httpx.AsyncClient, payload: dict[str, str]
) -> None:
    response = await api.post("/auth/register", json=payload)
    body = expect(response, 422, f"POST /auth/register {list(payload)}")
    assert body["error"] == "validation_error" and payload.get("password", "§") not in response.text


async def test_registration_mails_a_verification_token_after_commit(
    api: httpx.AsyncClient, journey_app: FastAPI, shop: Shop
) -> None:
    sent = journey_app.state.runtime.mailer.sent
    user = expect(await register(api, "linus@example.com"), 201, "POST /auth/register")
    expect(await register(api, "linus@example.com"), 409, "POST /auth/register (taken)")
    assert [m.to for m in sent] == ["linus@example.com"], (
        f"Read the outbox after a registration and a refused one. Got {[m.to for m in sent]}, "
        "expected one mail: a rolled-back registration sends nothing"
    )
    token = sent[0].body.split('"token": "')[1].split('"')[0]
    expect(
        await api.post("/auth/verify-email", json={"token": token}), 204, "POST /auth/verify-email"
    )
    verified = await shop.scalar("SELECT email_verified FROM users WHERE id = :i", i=user["id"])
    assert verified is True, f"Read users.email_verified after verification. Got {verified}"


async def test_user_registered_names_the_new_account(
    journey_app: FastAPI, async_db_session: AsyncSession
) -> None:
    from app.modules.auth.events import UserRegistered
    from app.modules.auth.schemas import RegisterIn
    from app.modules.auth.service import register as register_account
    from app.shared.events import EventBus, EventContext
    from app.shared.unit_of_work import UnitOfWork

    bus = EventBus(journey_app.state.runtime.bus.context)
    seen: list[UserRegistered] = []

    async def record(event: UserRegistered, context: EventContext) -> None:
        seen.append(event)

    bus.subscribe(UserRegistered, record)
    data = RegisterIn(email="Hopper@Example.com", password=PASSWORD)
    account = await register_account(
        UnitOfWork(async_db_session, bus), journey_app.state.auth, data
    )
    got = [(e.user_id, e.email, e.verification_token.count(".")) for e in seen]
    assert got == [(account.id, "hopper@example.com", 2)], (
        f"Called service.register. Got events (user_id, email, dots in token) {got}, "
        f"expected [({account.id}, 'hopper@example.com', 2)]"
    )


async def test_a_bad_verification_token_is_422(api: httpx.AsyncClient) -> None:
    body = expect(await api.post("/auth/verify-email", json={"token": "x.y.z"}), 422, "verify")
    locs = [error["loc"] for error in body["errors"]]
    assert locs == [["body", "token"]], f"Called verify-email with garbage. Got errors at {locs}"


async def test_a_verification_token_expires_and_needs_its_account(
    api: httpx.AsyncClient, journey_app: FastAPI, shop: Shop
) -> None:
    clock, sent = journey_app.state.runtime.clock, journey_app.state.runtime.mailer.sent
    start = clock.freeze()
    user = expect(await register(api, "edsger@example.com"), 201, "POST /auth/register")
    token = sent[0].body.split('"token": "')[1].split('"')[0]
    clock.advance(timedelta(hours=24))
    late = await api.post("/auth/verify-email", json={"token": token})
    last_second = clock.freeze(start + timedelta(hours=24) - timedelta(seconds=1))
    in_time = await api.post("/auth/verify-email", json={"token": token})
    iat = int(last_second.timestamp())
    orphan = sign(
        claims(
            shop.settings,
            2_000_000_000,
            uuid.uuid4(),
            type="email_verification",
            sid=None,
            iat=iat,
            exp=iat + 600,
        ),
        shop.secret,
    )
    gone = await api.post("/auth/verify-email", json={"token": orphan})
    got = [late.status_code, in_time.status_code, gone.status_code]
    assert got == [422, 204, 422], (
        f"Called verify-email 24 h after registering, 1 s before, and for a user that does not "
        f"exist. Got {got}, expected [422, 204, 422]"
    )
    locs = [[error["loc"] for error in r.json()["errors"]] for r in (late, gone)]
    assert locs == [[["body", "token"]]] * 2, (
        f"Called verify-email late and for a missing user. Got errors at {locs}, "
        "expected [['body', 'token']] for each"
    )
    verified = await shop.scalar("SELECT email_verified FROM users WHERE id = :i", i=user["id"])
    assert verified is True, f"Read users.email_verified. Got {verified}"


@pytest.mark.hint("POST /token takes a form: grant_type=password, username (the email), password.")
async def test_the_password_grant_answers_a_token_pair(api: httpx.AsyncClient, shop: Shop) -> None:
    person = await shop.user()
    response = await login(api, person.email.upper())
    body = expect(response, 200, "POST /token (password grant)")
    assert body["token_type"] == "bearer" and body["expires_in"] == 900, f"Got {body}"
    assert response.headers.get("cache-control") == "no-store", "Expected Cache-Control: no-store"
    access = jwt.get_unverified_claims(body["access_token"])
    refresh_claims = jwt.get_unverified_claims(body["refresh_token"])
    got = (
        access["sub"],
        access["type"],
        refresh_claims["type"],
        access["sid"] == refresh_claims["sid"],
    )
    assert got == (str(person.id), "access", "refresh", True), f"Read the tokens' claims. Got {got}"
    assert body["refresh_expires_in"] == 7 * 86_400, f"Got refresh_expires_in {body}, expected 7 d"
    lifetimes = await shop.scalar(
        "SELECT string_agg(extract(epoch FROM s.expires_at - s.created_at) || '/' || "
        "extract(epoch FROM t.expires_at - t.issued_at), ',') FROM auth_sessions s "
        "JOIN refresh_tokens t ON t.session_id = s.id WHERE s.user_id = :i",
        i=person.id,
    )
    assert lifetimes == f"{30 * 86_400}.000000/{7 * 86_400}.000000", (
        f"Read the new session's and refresh token's lifetimes (s). Got {lifetimes}, "
        "expected 30 days and 7 days"
    )


async def test_unknown_user_and_wrong_password_answer_alike(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    person = await shop.user()
    wrong = await login(api, person.email, "not the password")
    unknown = await login(api, "nobody@example.com", "not the password")
    got = [(r.status_code, r.json()) for r in (wrong, unknown)]
    assert got[0] == got[1] and got[0][0] == 400 and got[0][1]["error"] == "invalid_grant", (
        f"Called POST /token with a wrong password and an unknown user. Got {got}, expected "
        "the same 400 invalid_grant"
    )


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({}, "invalid_request"),
        ({"grant_type": "password", "username": "a@example.com"}, "invalid_request"),
        ({"grant_type": "client_credentials"}, "unsupported_grant_type"),
        ({"grant_type": "refresh_token"}, "invalid_request"),
        (
            {"grant_type": "password", "username": "a@example.com", "password": "p" * 1_000},
            "invalid_grant",
        ),
        ({"grant_type": "password", "username": "u" * 5_000, "password": "p"}, "invalid_request"),
    ],
    ids=[
        "empty",
        "no-password",
        "unsupported",
        "no-refresh-token",
        "huge-password",
        "huge-username",
    ],
)
async def test_malformed_token_requests_are_400_with_rfc_6749_codes(
    api: httpx.AsyncClient, form: dict[str, str], error: str
) -> None:
    body = expect(await api.post("/token", data=form), 400, f"POST /token {list(form)}")
    assert body["error"] == error, f"Called POST /token {list(form)}. Got {body}, expected {error}"


async def test_a_legacy_bcrypt_hash_becomes_argon2id_at_login(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    legacy = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    person = await shop.user(password_hash_=legacy)
    expect(await login(api, person.email), 200, "POST /token as a bcrypt user")
    stored = await shop.scalar("SELECT password_hash FROM users WHERE id = :i", i=person.id)
    assert stored.startswith("$argon2id$"), f"Read the hash after login. Got {stored[:10]!r}"
    expect(await login(api, person.email), 200, "POST /token again, now on argon2id")


async def test_a_banned_user_cannot_log_in(api: httpx.AsyncClient, shop: Shop) -> None:
    person = await shop.user()
    await shop.execute("UPDATE users SET banned_at = now() WHERE id = :i", i=person.id)
    body = expect(await login(api, person.email), 400, "POST /token as a banned user")
    assert body["error"] == "invalid_grant", f"Got {body}"


@pytest.mark.hint(
    "Refresh: mark the token used with one conditional UPDATE; a used one revokes its session."
)
async def test_refresh_rotates_and_a_replay_revokes_the_family(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    person = await shop.user()
    first = expect(await login(api, person.email), 200, "POST /token")
    second = expect(await refresh(api, first["refresh_token"]), 200, "refresh with a fresh token")
    assert second["refresh_token"] != first["refresh_token"], "Expected a new refresh token"
    replay = expect(await refresh(api, first["refresh_token"]), 400, "refresh with a spent token")
    assert replay["error"] == "invalid_grant", f"Got {replay}"
    after = await refresh(api, second["refresh_token"])
    expect(after, 400, "refresh with the newest token after a replay (its family is revoked)")
    reason = await shop.scalar(
        "SELECT string_agg(revoked_reason, ',') FROM auth_sessions WHERE user_id = :i",
        i=person.id,
    )
    assert reason == "reuse", f"Read the session after a replay. Got revoked_reason {reason!r}"


async def test_an_access_token_is_not_a_refresh_token(api: httpx.AsyncClient, shop: Shop) -> None:
    person = await shop.user()
    pair = expect(await login(api, person.email), 200, "POST /token")
    wrong = expect(await refresh(api, pair["access_token"]), 400, "refresh with an access token")
    garbage = expect(await refresh(api, "garbage"), 400, "refresh with garbage")
    got = [wrong.get("error"), garbage.get("error")]
    assert got == ["invalid_grant"] * 2, f"Got errors {got}, expected invalid_grant for each"


async def test_a_banned_user_cannot_refresh(api: httpx.AsyncClient, shop: Shop) -> None:
    person = await shop.user()
    pair = expect(await login(api, person.email), 200, "POST /token")
    await shop.execute("UPDATE users SET banned_at = now() WHERE id = :i", i=person.id)
    body = expect(await refresh(api, pair["refresh_token"]), 400, "refresh as a banned user")
    assert body["error"] == "invalid_grant", f"Got {body}, expected invalid_grant"


async def test_a_refresh_token_counts_only_for_its_sessions_user(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    owner, other = await shop.user(), await shop.user()
    pair = expect(await login(api, owner.email), 200, "POST /token")
    forged = sign(
        {**jwt.get_unverified_claims(pair["refresh_token"]), "sub": str(other.id)}, shop.secret
    )
    expect(await api.post("/auth/logout", json={"refresh_token": forged}), 204, "logout (forged)")
    body = expect(await refresh(api, forged), 400, "refresh with the owner's token, sub changed")
    assert body["error"] == "invalid_grant", f"Got {body}, expected invalid_grant"
    reason = await shop.scalar(
        "SELECT string_agg(coalesce(revoked_reason, 'live'), ',') FROM auth_sessions "
        "WHERE user_id = :i",
        i=owner.id,
    )
    assert reason == "live,live", (
        f"Read the owner's sessions after a logout naming another user. Got {reason!r}, "
        "expected both live"
    )


async def test_no_token_outlives_its_session(
    api: httpx.AsyncClient, journey_app: FastAPI, shop: Shop
) -> None:
    clock = journey_app.state.runtime.clock
    start = clock.freeze()
    person = await shop.user()
    token = expect(await login(api, person.email), 200, "POST /token")["refresh_token"]
    for day in (6, 12, 18, 24):
        clock.freeze(start + timedelta(days=day))
        token = expect(await refresh(api, token), 200, f"refresh on day {day}")["refresh_token"]
    clock.freeze(start + timedelta(days=30, minutes=-10))
    last = expect(await refresh(api, token), 200, "refresh 10 minutes before the session ends")
    got = (last["expires_in"], last["refresh_expires_in"])
    assert got == (600, 600), (
        f"Refreshed 10 minutes before the session's end. Got (expires_in, refresh_expires_in) "
        f"{got}, expected (600, 600)"
    )


async def test_a_session_row_past_its_end_refuses_a_refresh(
    api: httpx.AsyncClient, journey_app: FastAPI, shop: Shop
) -> None:
    now = journey_app.state.runtime.clock.freeze()
    person = await shop.user()
    token = expect(await login(api, person.email), 200, "POST /token")["refresh_token"]
    await shop.execute(
        "UPDATE auth_sessions SET expires_at = :t WHERE user_id = :i", t=now, i=person.id
    )
    body = expect(await refresh(api, token), 400, "refresh when auth_sessions.expires_at is now")
    assert body["error"] == "invalid_grant", f"Got {body}, expected invalid_grant"


async def test_a_session_ends_at_its_absolute_lifetime_however_often_it_refreshes(
    api: httpx.AsyncClient, journey_app: FastAPI, shop: Shop
) -> None:
    clock = journey_app.state.runtime.clock
    clock.freeze()
    person = await shop.user()
    token = expect(await login(api, person.email), 200, "POST /token")["refresh_token"]
    for day in (6, 12, 18, 24, 29):
        clock.advance(timedelta(days=6) if day != 29 else timedelta(days=5))
        token = expect(await refresh(api, token), 200, f"refresh on day {day}")["refresh_token"]
    clock.advance(timedelta(days=1, seconds=1))
    expect(await refresh(api, token), 400, "refresh past the session's 30 days")


async def test_a_refresh_token_expires_when_idle(
    api: httpx.AsyncClient, journey_app: FastAPI, shop: Shop
) -> None:
    clock = journey_app.state.runtime.clock
    clock.freeze()
    person = await shop.user()
    token = expect(await login(api, person.email), 200, "POST /token")["refresh_token"]
    clock.advance(timedelta(days=7))
    expect(await refresh(api, token), 400, "refresh after 7 idle days")


async def test_logout_ends_the_session(api: httpx.AsyncClient, shop: Shop) -> None:
    person = await shop.user()
    pair = expect(await login(api, person.email), 200, "POST /token")
    body = {"refresh_token": pair["refresh_token"]}
    expect(await api.post("/auth/logout", json=body), 204, "POST /auth/logout")
    expect(await refresh(api, pair["refresh_token"]), 400, "refresh after logout")
    reason = await shop.scalar(
        "SELECT string_agg(revoked_reason, ',') FROM auth_sessions WHERE user_id = :i",
        i=person.id,
    )
    assert reason == "logout", f"Read the session after logout. Got revoked_reason {reason!r}"
    expect(await api.post("/auth/logout", json=body), 204, "POST /auth/logout twice")
    expect(await api.post("/auth/logout", json={"refresh_token": "junk"}), 204, "logout junk")
