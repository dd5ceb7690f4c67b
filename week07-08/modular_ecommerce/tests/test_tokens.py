"""Day 53: tokens are HS256 only, and decoding refuses every token wrong in one way.

Each forged token is made with python-jose directly, so it is wrong in exactly one way:
its signature, its algorithm, a time claim, an audience, an issuer, a subject, its type.
"""

from __future__ import annotations

import base64
import contextlib
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from jose import jwt

from app.config import Settings
from app.modules.auth.tokens import Claims, InvalidToken, TokenType, decode, issue
from conftest import make_settings
from tests.helpers import claims

pytestmark = [
    pytest.mark.day(53),
    pytest.mark.hint(
        "jwt.decode(..., algorithms=['HS256'], audience=, issuer=, options={'require_exp': "
        "True, 'require_aud': True, 'require_iss': True, 'require_sub': True}), then check "
        "the times against your clock and the type claim."
    ),
]

SETTINGS = make_settings("postgresql://unused/unused")
KEY = SETTINGS.jwt_secret_key.get_secret_value()
SID = uuid.uuid4()
NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(autouse=True)
def now_is_the_tests_time() -> None:
    """NOW is reset for each test: python-jose checks `exp` against the wall clock, and a
    test may run long after its module was imported (mutation testing does)."""
    global NOW
    NOW = datetime.now(UTC).replace(microsecond=0)


def forged(**changes: Any) -> str:
    return jwt.encode(claims(SETTINGS, 7, SID, **changes), KEY, algorithm="HS256")


def current(**changes: Any) -> str:
    """A token valid at NOW (forged() dates its claims by the wall clock), with changes."""
    stamp = int(NOW.timestamp())
    return forged(**{"iat": stamp, "exp": stamp + 600, **changes})


def b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_an_issued_token_decodes_to_its_claims() -> None:
    token = issue(
        TokenType.ACCESS,
        7,
        settings=SETTINGS,
        now=NOW,
        lifetime=timedelta(minutes=15),
        session_id=SID,
    )
    got = decode(token, TokenType.ACCESS, settings=SETTINGS, now=NOW)
    header = jwt.get_unverified_header(token)
    assert isinstance(got, Claims) and (got.user_id, got.type, got.session_id) == (
        7,
        TokenType.ACCESS,
        SID,
    ), f"Called decode(issue(...)). Got {got}"
    assert header["alg"] == "HS256" and got.expires_at == NOW + timedelta(minutes=15), (
        f"Called issue(). Got header {header}, expiry {got.expires_at}"
    )


def test_a_token_is_refused_from_the_second_of_its_expiry() -> None:
    token = issue(
        TokenType.ACCESS,
        7,
        settings=SETTINGS,
        now=NOW,
        lifetime=timedelta(minutes=15),
        session_id=SID,
    )
    decode(token, TokenType.ACCESS, settings=SETTINGS, now=NOW + timedelta(seconds=899))
    with pytest.raises(InvalidToken):
        decode(token, TokenType.ACCESS, settings=SETTINGS, now=NOW + timedelta(minutes=15))


ATTACKS: dict[str, Callable[[], str]] = {
    "alg none": lambda: f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims(SETTINGS, 7, SID))}.",
    "another algorithm (HS512)": lambda: jwt.encode(claims(SETTINGS, 7, SID), KEY, "HS512"),
    "bad signature": lambda: jwt.encode(claims(SETTINGS, 7, SID), "another-secret-" * 3),
    "tampered payload": lambda: ".".join(
        [forged().split(".")[0], b64(claims(SETTINGS, 1, SID)), forged().split(".")[2]]
    ),
    "expired": lambda: forged(exp=int(NOW.timestamp()) - 1),
    "not yet valid (nbf)": lambda: forged(nbf=int(NOW.timestamp()) + 3600),
    "issued in the future (iat)": lambda: forged(iat=int(NOW.timestamp()) + 3600),
    "missing exp": lambda: forged(exp=None),
    "exp as text": lambda: forged(exp=str(int(NOW.timestamp()) + 600)),
    "exp beyond any date": lambda: forged(exp=10**20),
    "missing aud": lambda: forged(aud=None),
    "wrong aud": lambda: forged(aud="another-api"),
    "missing iss": lambda: forged(iss=None),
    "wrong iss": lambda: forged(iss="https://attacker.example"),
    "missing sub": lambda: forged(sub=None),
    "sub not a user id": lambda: forged(sub="admin"),
    "sub out of range": lambda: forged(sub=str(2**40)),
    "refresh token used as access": lambda: forged(type="refresh"),
    "missing type": lambda: forged(type=None),
    "missing session": lambda: forged(sid=None),
    "session not a uuid": lambda: forged(sid="1"),
    "not a jwt": lambda: "not-a-jwt",
    "empty segments": lambda: "..",
    "too long": lambda: forged(pad="x" * 5000),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_forged_token_is_refused(attack: str) -> None:
    token = ATTACKS[attack]()
    with pytest.raises(InvalidToken):
        decode(token, TokenType.ACCESS, settings=SETTINGS, now=NOW)


def test_an_email_token_needs_no_session_but_its_own_type() -> None:
    token = issue(TokenType.EMAIL, 7, settings=SETTINGS, now=NOW, lifetime=timedelta(hours=1))
    got = decode(token, TokenType.EMAIL, settings=SETTINGS, now=NOW)
    assert (got.user_id, got.session_id) == (7, None), f"Called decode(email token). Got {got}"
    with pytest.raises(InvalidToken):
        decode(token, TokenType.ACCESS, settings=SETTINGS, now=NOW)


def test_another_deployments_token_is_refused() -> None:
    other = Settings(_env_file=None, jwt_secret_key="x" * 40, jwt_audience="other-shop")
    token = issue(
        TokenType.ACCESS,
        7,
        settings=other,
        now=NOW,
        lifetime=timedelta(minutes=5),
        session_id=SID,
    )
    with pytest.raises(InvalidToken):
        decode(token, TokenType.ACCESS, settings=SETTINGS, now=NOW)


def test_a_token_of_exactly_4096_characters_is_read() -> None:
    sized = {len(current(pad="x" * n)): n for n in range(2_700, 2_900)}
    fits, over = current(pad="x" * sized[4_096]), current(pad="x" * sized[4_097])
    got = decode(fits, TokenType.ACCESS, settings=SETTINGS, now=NOW).user_id
    assert got == 7, f"Called decode() on a 4,096-character token. Got user {got}, expected 7"
    with pytest.raises(InvalidToken):
        decode(over, TokenType.ACCESS, settings=SETTINGS, now=NOW)


def test_the_edges_of_the_time_claims() -> None:
    now = int(NOW.timestamp())
    accepted = {
        "nbf is now": current(nbf=now),
        "iat 60 s ahead (clock skew)": current(iat=now + 60),
        "exp at 9999-12-31T23:59:59": current(exp=253_402_300_799),
        "iat at the epoch": current(iat=0),
    }
    refused = {
        "nbf 1 s ahead": current(nbf=now + 1),
        "iat 61 s ahead": current(iat=now + 61),
        "exp 1 s after 9999": current(exp=253_402_300_800),
        "iat before the epoch": current(iat=-1),
        "iat as text": current(iat=str(now)),
        "iat true": current(iat=True),
    }
    wrong = []
    for name, token in accepted.items():
        try:
            decode(token, TokenType.ACCESS, settings=SETTINGS, now=NOW)
        except InvalidToken:
            wrong.append(f"{name}: refused")
    for name, token in refused.items():
        with contextlib.suppress(InvalidToken):
            decode(token, TokenType.ACCESS, settings=SETTINGS, now=NOW)
            wrong.append(f"{name}: accepted")
    assert not wrong, f"Called decode() on tokens at the edges of their time claims. Got {wrong}"


def test_the_edges_of_the_subject() -> None:
    largest = decode(current(sub=str(2**31 - 1)), TokenType.ACCESS, settings=SETTINGS, now=NOW)
    assert largest.user_id == 2**31 - 1, f"Called decode() with sub 2147483647. Got {largest}"
    for sub in ("0", str(2**31), "-1", "１"):
        with pytest.raises(InvalidToken):
            decode(current(sub=sub), TokenType.ACCESS, settings=SETTINGS, now=NOW)


@pytest.mark.parametrize("lifetime", [timedelta(0), timedelta(seconds=-1)])
def test_a_token_needs_a_positive_lifetime(lifetime: timedelta) -> None:
    with pytest.raises(ValueError):
        issue(TokenType.ACCESS, 7, settings=SETTINGS, now=NOW, lifetime=lifetime, session_id=SID)


def test_an_issued_token_carries_every_claim() -> None:
    token = issue(
        TokenType.REFRESH,
        7,
        settings=SETTINGS,
        now=NOW,
        lifetime=timedelta(days=7),
        session_id=SID,
        jti=SID,
    )
    got = jwt.get_unverified_claims(token)
    expected = {
        "sub": "7",
        "type": "refresh",
        "jti": str(SID),
        "iat": int(NOW.timestamp()),
        "exp": int((NOW + timedelta(days=7)).timestamp()),
        "iss": SETTINGS.jwt_issuer,
        "aud": SETTINGS.jwt_audience,
        "sid": str(SID),
    }
    assert got == expected, f"Called issue(REFRESH, 7, ...). Got claims {got}, expected {expected}"


def test_nbf_is_judged_by_the_clock_it_is_given() -> None:
    stamp = int(NOW.timestamp())
    token = current(nbf=stamp, iat=stamp - 7_200)
    assert decode(token, TokenType.ACCESS, settings=SETTINGS, now=NOW).user_id == 7, (
        "Called decode() at the second of nbf. Got it refused"
    )
    with pytest.raises(InvalidToken):
        decode(token, TokenType.ACCESS, settings=SETTINGS, now=NOW - timedelta(hours=1))
