"""Settings read from the environment (or a local .env file); see .env.example."""

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of the service; each field maps to an upper-case environment variable."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        default="postgresql+psycopg2://postgres:postgres@localhost:5432/blog_api",
        description="SQLAlchemy URL of the PostgreSQL database.",
    )
    bcrypt_rounds: int = Field(
        default=12, ge=4, le=31, description="bcrypt cost; tests use 4, production 12."
    )
    db_pool_size: int = Field(
        default=4,
        ge=1,
        le=100,
        description="Pooled connections, and threads running database work (one each).",
    )
    db_pool_timeout: float = Field(
        default=10.0, gt=0, description="Seconds to wait for a free connection before a 500."
    )
    echo_sql: bool = Field(default=False, description="Log every SQL statement.")

    @field_validator("database_url")
    @classmethod
    def use_psycopg2_driver(cls, url: str) -> str:
        """Accept plain postgresql:// URLs (as docker and most hosts print them)."""
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg2://" + url.removeprefix(prefix)
        return url
