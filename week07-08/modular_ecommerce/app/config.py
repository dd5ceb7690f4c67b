"""Settings: every knob of the shop in one class, read from the environment (or `.env`).

Where a value comes from, strongest first: arguments to Settings(...), environment
variables, the profile's env file (dev: .env, test and prod: none), the default. Secrets
are SecretStr (their repr is '**********') and a refused value is never echoed back.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

Environment = Literal["dev", "test", "prod"]

PROJECT_DIR = Path(__file__).resolve().parent.parent
ENV_FILES: dict[str, Path | None] = {"dev": PROJECT_DIR / ".env", "test": None, "prod": None}
DEV_SECRET_KEY = "dev-only-jwt-secret-change-me-0123456789"
DEV_ADMIN_PASSWORD = "admin-password-dev"
MIN_SECRET_BYTES = 32  # HS256 keys shorter than the hash output weaken it (RFC 7518, 3.2)
URL_SHAPE = "postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
# OWASP's minimum for argon2id (Password Storage Cheat Sheet): 19 MiB, 2 passes, 1 lane.
OWASP_ARGON2_MEMORY_KIB = 19 * 1024
OWASP_ARGON2_TIME_COST = 2


class ConfigError(Exception):
    """The configuration cannot be used. The message is one line and holds no secret."""


class Settings(BaseSettings):
    """Every setting; each field is read from the upper-case environment variable."""

    # hide_input_in_errors: a refused JWT_SECRET_KEY must not be echoed in the error.
    model_config = SettingsConfigDict(extra="ignore", hide_input_in_errors=True, frozen=True)

    environment: Environment = "dev"
    app_name: str = Field(default="Modular e-commerce API", min_length=1, max_length=100)
    debug: bool = False
    database_url: SecretStr = SecretStr("postgresql://postgres:postgres@localhost:5432/shop")
    db_pool_size: int = Field(default=10, ge=1, le=100)
    db_pool_timeout: float = Field(default=5.0, gt=0, le=60)
    db_lock_timeout_ms: int = Field(default=5_000, ge=1, le=60_000)
    max_body_bytes: int = Field(default=64 * 1024, ge=1_024, le=10 * 1024 * 1024)

    jwt_secret_key: SecretStr = SecretStr(DEV_SECRET_KEY)
    jwt_issuer: str = Field(default="modular-ecommerce", min_length=1, max_length=200)
    jwt_audience: str = Field(default="modular-ecommerce-api", min_length=1, max_length=200)
    access_token_minutes: int = Field(default=15, ge=1, le=60)
    refresh_token_days: int = Field(default=7, ge=1, le=90)
    session_max_days: int = Field(default=30, ge=1, le=365)
    email_token_hours: int = Field(default=24, ge=1, le=168)

    argon2_memory_kib: int = Field(default=OWASP_ARGON2_MEMORY_KIB, ge=8, le=4 * 1024 * 1024)
    argon2_time_cost: int = Field(default=OWASP_ARGON2_TIME_COST, ge=1, le=20)
    argon2_parallelism: int = Field(default=1, ge=1, le=16)

    login_max_failures: int = Field(default=5, ge=1, le=1_000)
    login_failure_window_s: int = Field(default=900, ge=1, le=86_400)
    login_max_attempts_per_client: int = Field(default=30, ge=1, le=100_000)
    login_client_window_s: int = Field(default=60, ge=1, le=86_400)

    admin_email: str = Field(default="admin@example.com", min_length=3, max_length=254)
    admin_password: SecretStr = SecretStr(DEV_ADMIN_PASSWORD)

    @field_validator("database_url")
    @classmethod
    def postgresql_url(cls, url: SecretStr) -> SecretStr:
        """A PostgreSQL URL with a database name; the app runs it on asyncpg."""
        try:
            parsed = make_url(url.get_secret_value())
        except ArgumentError:
            parsed = None
        if parsed is None or parsed.get_backend_name() != "postgresql" or not parsed.database:
            raise ValueError(f"must be a PostgreSQL URL like {URL_SHAPE}")
        parsed = parsed.set(drivername="postgresql+asyncpg")
        return SecretStr(parsed.render_as_string(hide_password=False))

    @field_validator("jwt_secret_key")
    @classmethod
    def long_secret(cls, secret: SecretStr) -> SecretStr:
        """At least 32 bytes in every profile."""
        if len(secret.get_secret_value().encode()) < MIN_SECRET_BYTES:
            raise ValueError(f"must be at least {MIN_SECRET_BYTES} bytes")
        return secret

    @property
    def database_url_masked(self) -> str:
        """The database URL with its password as ***, for logs and messages."""
        return make_url(self.database_url.get_secret_value()).render_as_string(hide_password=True)

    @property
    def docs_enabled(self) -> bool:
        """/docs and /openapi.json are served outside prod only."""
        return self.environment != "prod"


def describe(error: ValidationError) -> str:
    """One line naming each refused setting as its environment variable, without its value."""
    problems = []
    for item in error.errors(include_url=False, include_input=False):
        name = ".".join(str(part) for part in item["loc"]).upper()
        problems.append(f"{name}: {item['msg'].removeprefix('Value error, ')}")
    return "invalid settings: " + "; ".join(problems)


def load_settings(**overrides: Any) -> Settings:
    """The settings of the profile named by ENVIRONMENT (default dev); ConfigError if invalid."""
    environment = overrides.pop("environment", os.environ.get("ENVIRONMENT", "dev"))
    try:
        return Settings(_env_file=ENV_FILES.get(environment), environment=environment, **overrides)
    except ValidationError as error:
        raise ConfigError(describe(error)) from None


def check_production_ready(settings: Settings) -> None:
    """In prod, refuse development secrets, DEBUG and password hashing below OWASP's minimum.

    ConfigError names every problem in one line, never a secret's value.
    """
    if settings.environment != "prod":
        return
    problems = []
    if settings.jwt_secret_key.get_secret_value() == DEV_SECRET_KEY:
        problems.append("JWT_SECRET_KEY is the development default")
    if settings.admin_password.get_secret_value() == DEV_ADMIN_PASSWORD:
        problems.append("ADMIN_PASSWORD is the development default")
    if settings.debug:
        problems.append("DEBUG must be false")
    if (
        settings.argon2_memory_kib < OWASP_ARGON2_MEMORY_KIB
        or settings.argon2_time_cost < OWASP_ARGON2_TIME_COST
    ):
        problems.append(
            f"ARGON2_MEMORY_KIB >= {OWASP_ARGON2_MEMORY_KIB} and "
            f"ARGON2_TIME_COST >= {OWASP_ARGON2_TIME_COST} are the minimum (OWASP)"
        )
    if problems:
        hint = 'python -c "import secrets; print(secrets.token_urlsafe(48))" makes a secret'
        raise ConfigError(f"refusing to start in prod: {'; '.join(problems)} ({hint})")
