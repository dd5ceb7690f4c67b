"""Settings: the database, the cost of password hashing, and how access tokens are signed."""

from __future__ import annotations

import secrets
from typing import Literal, Self

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Environment = Literal["dev", "test", "prod"]

# OWASP Password Storage Cheat Sheet: argon2id with at least m=19 MiB, t=2, p=1.
OWASP_ARGON2_MEMORY_KIB = 19 * 1024
OWASP_ARGON2_TIME_COST = 2
# HS256 signs with HMAC-SHA256: a key shorter than the hash's 32 bytes weakens it (RFC 7518 3.2).
MIN_SECRET_BYTES = 32
MAKE_A_SECRET = "python -c 'import secrets; print(secrets.token_urlsafe(32))'"


def random_secret() -> SecretStr:
    """A fresh secret for dev and test: tokens die with the process, which is fine there."""
    return SecretStr(secrets.token_urlsafe(MIN_SECRET_BYTES))


class Settings(BaseSettings):
    """Every setting, from the upper-case environment variable of the same name."""

    # hide_input_in_errors: a refused secret or URL is never echoed in the error.
    model_config = SettingsConfigDict(extra="ignore", hide_input_in_errors=True, frozen=True)

    environment: Environment = "dev"
    database_url: SecretStr | None = None
    argon2_memory_kib: int = Field(default=OWASP_ARGON2_MEMORY_KIB, ge=8)
    argon2_time_cost: int = Field(default=OWASP_ARGON2_TIME_COST, ge=1)
    argon2_parallelism: int = Field(default=1, ge=1)
    jwt_secret_key: SecretStr = Field(default_factory=random_secret)
    jwt_issuer: str = Field(default="backend-journey", min_length=1)
    jwt_audience: str = Field(default="backend-journey-api", min_length=1)
    access_token_expire_minutes: int = Field(default=15, ge=1, le=60)

    @field_validator("jwt_secret_key")
    @classmethod
    def secret_at_least_32_bytes(cls, secret: SecretStr) -> SecretStr:
        """Refuse a signing secret under MIN_SECRET_BYTES bytes (UTF-8): it could be guessed."""
        if len(secret.get_secret_value().encode()) < MIN_SECRET_BYTES:
            raise ValueError(f"must be at least {MIN_SECRET_BYTES} bytes: {MAKE_A_SECRET}")
        return secret

    @model_validator(mode="after")
    def safe_outside_tests(self) -> Self:
        """prod needs its own secret; argon2 below OWASP's minimum only in the test profile."""
        problems = []
        if self.environment == "prod" and "jwt_secret_key" not in self.model_fields_set:
            problems.append(f"JWT_SECRET_KEY must be set in prod: {MAKE_A_SECRET}")
        if self.environment != "test" and (
            self.argon2_memory_kib < OWASP_ARGON2_MEMORY_KIB
            or self.argon2_time_cost < OWASP_ARGON2_TIME_COST
        ):
            problems.append("argon2 costs below OWASP's minimum are for the test profile only")
        if problems:
            raise ValueError("; ".join(problems))
        return self
