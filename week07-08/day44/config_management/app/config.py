"""Configuration: every setting in one class, read from the environment and a profile's file.

Where a value comes from, strongest first: arguments to Settings(...), environment
variables, the profile's env file (dev: .env, test: .env.test, prod: none), the default.
Secrets are SecretStr: their repr is '**********', and validation errors never echo input.
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
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]

PROJECT_DIR = Path(__file__).resolve().parent.parent
# Each profile's file, found from this project wherever the app is started from.
# prod reads none: its settings come from the real environment (a secret store, the platform).
ENV_FILES: dict[str, Path | None] = {
    "dev": PROJECT_DIR / ".env",
    "test": PROJECT_DIR / ".env.test",
    "prod": None,
}
DEV_SECRET_KEY = "dev-only-secret-key-change-me"
MIN_SECRET_LENGTH = 16
MIN_PROD_SECRET_LENGTH = 32
URL_SHAPE = "postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
# What check_production_ready says (one line, no secret).
DEV_SECRET_PROBLEM = "SECRET_KEY is not set (it is the development default)"
DEBUG_PROBLEM = "DEBUG must be false"
SECRET_HINT = 'python -c "import secrets; print(secrets.token_urlsafe(32))" makes a secret'


class ConfigError(Exception):
    """The configuration cannot be used. The message is one line and holds no secret."""


class Settings(BaseSettings):
    """Every setting of the app; each field is read from the upper-case environment variable."""

    # hide_input_in_errors: a refused SECRET_KEY must not be echoed back in the error.
    model_config = SettingsConfigDict(extra="ignore", hide_input_in_errors=True, frozen=True)

    environment: Environment = "dev"
    app_name: str = Field(default="Config demo", min_length=1, max_length=100)
    debug: bool = False
    log_level: LogLevel = "INFO"
    port: int = Field(default=8000, ge=1, le=65535)
    database_url: SecretStr  # required: it holds a password, so it is a secret too
    secret_key: SecretStr = SecretStr(DEV_SECRET_KEY)

    @field_validator("log_level", mode="before")
    @classmethod
    def upper_case_level(cls, level: object) -> object:
        """Accept `info` as well as `INFO`."""
        return level.upper() if isinstance(level, str) else level

    @field_validator("database_url")
    @classmethod
    def postgresql_url(cls, url: SecretStr) -> SecretStr:
        """A PostgreSQL URL with a host and a database; the driver is set to psycopg2."""
        try:
            parsed = make_url(url.get_secret_value())
        except ArgumentError:
            parsed = None
        if parsed is None or parsed.get_backend_name() != "postgresql":
            raise ValueError(f"must be a PostgreSQL URL like {URL_SHAPE}")
        if not parsed.database:  # the host may be absent: libpq then uses a local socket
            raise ValueError(f"needs a database name: {URL_SHAPE}")
        # SQLAlchemy 2.1 reads a bare postgresql:// as psycopg 3; this app uses psycopg2.
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg2")
        return SecretStr(parsed.render_as_string(hide_password=False))

    @field_validator("secret_key")
    @classmethod
    def long_enough(cls, secret: SecretStr) -> SecretStr:
        """At least MIN_SECRET_LENGTH characters in any profile."""
        if len(secret.get_secret_value()) < MIN_SECRET_LENGTH:
            raise ValueError(f"must be at least {MIN_SECRET_LENGTH} characters")
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
    """The settings of the profile named by ENVIRONMENT (default dev), read from its env file.

    ENVIRONMENT itself comes from the real environment (or `overrides`), never from a
    file: it decides which file is read. Invalid settings raise ConfigError.
    """
    environment = overrides.pop("environment", os.environ.get("ENVIRONMENT", "dev"))
    env_file = ENV_FILES.get(environment)
    try:
        return Settings(_env_file=env_file, environment=environment, **overrides)
    except ValidationError as error:
        raise ConfigError(describe(error)) from None


def check_production_ready(settings: Settings) -> None:
    """In prod, refuse the development secret, a short secret, and DEBUG; ConfigError."""
    if settings.environment != "prod":
        return
    problems = []
    secret = settings.secret_key.get_secret_value()
    if secret == DEV_SECRET_KEY:
        problems.append(DEV_SECRET_PROBLEM)
    elif len(secret) < MIN_PROD_SECRET_LENGTH:
        problems.append(f"SECRET_KEY must be at least {MIN_PROD_SECRET_LENGTH} characters")
    if settings.debug:
        problems.append(DEBUG_PROBLEM)
    if problems:
        hint = SECRET_HINT
        raise ConfigError(f"refusing to start in prod: {'; '.join(problems)} ({hint})")
