"""Settings read from the environment (or a local .env file); see .env.example."""

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of the service; each field maps to an upper-case environment variable."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        default="postgresql+asyncpg://postgres:postgres@localhost:5432/blog_api",
        description="PostgreSQL URL; any postgresql:// form is read with the asyncpg driver.",
    )
    bcrypt_rounds: int = Field(
        default=12, ge=4, le=31, description="bcrypt cost; tests use 4, production 12."
    )
    db_pool_size: int = Field(default=10, ge=1, le=100, description="Pooled connections.")
    db_pool_timeout: float = Field(
        default=5.0, gt=0, description="Seconds to wait for a free connection before a 503."
    )
    db_statement_timeout: float = Field(
        default=2.0, gt=0, description="Seconds a statement may run before it is cancelled (503)."
    )
    echo_sql: bool = Field(default=False, description="Log every SQL statement.")

    @field_validator("database_url")
    @classmethod
    def use_asyncpg_driver(cls, url: str) -> str:
        """Read postgres://, postgresql:// and postgresql+<driver>:// URLs with asyncpg, the
        app's one driver; refuse anything that is not PostgreSQL."""
        scheme, separator, rest = url.partition("://")
        if not separator or scheme.split("+")[0] not in ("postgres", "postgresql"):
            raise ValueError("must be a PostgreSQL URL (postgresql://user:password@host/db)")
        return f"postgresql+asyncpg://{rest}"
