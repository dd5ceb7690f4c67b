"""Settings: what the environment decides (day 44 makes this a full configuration layer)."""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_settings import BaseSettings

EXAMPLE_URL = "postgresql://USER:PASSWORD@HOST:PORT/DATABASE"


class Settings(BaseSettings):
    """Read from the environment: DATABASE_URL."""

    database_url: str


class DatabaseNotConfigured(RuntimeError):
    """DATABASE_URL is missing: say what to set instead of failing deep inside a driver."""


def get_settings() -> Settings:
    """The settings as the environment holds them right now."""
    try:
        return Settings()  # database_url comes from the environment
    except ValidationError:
        message = (
            f"DATABASE_URL is not set: export DATABASE_URL={EXAMPLE_URL} "
            "(`make -s db-url 43` prints the journey's)"
        )
        raise DatabaseNotConfigured(message) from None
