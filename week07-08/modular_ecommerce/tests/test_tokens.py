"""Day 53: tokens are HS256 only, and decoding refuses every token wrong in one way.

Each forged token is made with python-jose directly, so it is wrong in exactly one way:
its signature, its algorithm, a time claim, an audience, an issuer, a subject, its type.
"""

from __future__ import annotations

import base64
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


def forged(**changes: Any) -> str:
    return jwt.encode(claims(SETTINGS, 7, SID, **changes), KEY, algorithm="HS256")


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
    assert decode(token, TokenType.EMAIL, settings=SETTINGS, now=NOW).user_id == 7
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
