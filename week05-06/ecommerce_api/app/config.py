"""Settings read from the environment (or a local .env file); see .env.example."""

from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_ADMIN_TOKEN = "dev-admin-token"
"""The seeded admin's API token in development; refused anywhere else."""


class Settings(BaseSettings):
    """Every knob of the service; each field maps to an upper-case environment variable."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = Field(
        default="development", description="Only development accepts the default admin token."
    )
    database_url: str = Field(
        default="postgresql+asyncpg://postgres:postgres@localhost:5432/ecommerce_api",
        description="PostgreSQL URL; postgresql:// and psycopg2 URLs are read as asyncpg ones.",
    )
    admin_token: SecretStr = Field(
        default=SecretStr(DEFAULT_ADMIN_TOKEN),
        description="API token of the admin that seed_data.py creates.",
    )
    db_pool_size: int = Field(default=10, ge=1, le=100, description="Pooled connections.")
    db_pool_timeout: float = Field(
        default=5.0, gt=0, le=60, description="Seconds to wait for a connection before a 503."
    )
    db_lock_timeout_ms: int = Field(
        default=5_000, ge=1, le=60_000, description="Longest wait for a row lock before a 503."
    )
    max_body_bytes: int = Field(
        default=64 * 1024, ge=1_024, le=10 * 1024 * 1024, description="Larger bodies get 413."
    )
    echo_sql: bool = Field(default=False, description="Log every SQL statement.")

    @field_validator("database_url")
    @classmethod
    def use_asyncpg_driver(cls, url: str) -> str:
        """Accept the URLs docker, hosts and `make db-url` print; the app runs on asyncpg."""
        for prefix in ("postgres://", "postgresql://", "postgresql+psycopg2://"):
            if url.startswith(prefix):
                return "postgresql+asyncpg://" + url.removeprefix(prefix)
        return url

    @model_validator(mode="after")
    def refuse_default_secret(self) -> "Settings":
        """Outside development the admin token must be set to a value of one's own."""
        token = self.admin_token.get_secret_value()
        if self.environment != "development" and token == DEFAULT_ADMIN_TOKEN:
            raise ValueError(
                f"ADMIN_TOKEN is the development default; set your own for {self.environment}"
            )
        if len(token) < 12:
            raise ValueError("ADMIN_TOKEN must be at least 12 characters")
        return self
