"""Settings: the database and the cost of password hashing, read from the environment."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Environment = Literal["dev", "test", "prod"]

# OWASP Password Storage Cheat Sheet: argon2id with at least m=19 MiB, t=2, p=1.
OWASP_ARGON2_MEMORY_KIB = 19 * 1024
OWASP_ARGON2_TIME_COST = 2
OWASP_ARGON2_PARALLELISM = 1


class Settings(BaseSettings):
    """Every setting, from the upper-case environment variable of the same name."""

    # hide_input_in_errors: a refused DATABASE_URL (it holds a password) is never echoed.
    model_config = SettingsConfigDict(extra="ignore", hide_input_in_errors=True, frozen=True)

    environment: Environment = "dev"
    database_url: SecretStr | None = None
    argon2_memory_kib: int = Field(default=OWASP_ARGON2_MEMORY_KIB, ge=8)
    argon2_time_cost: int = Field(default=OWASP_ARGON2_TIME_COST, ge=1)
    argon2_parallelism: int = Field(default=OWASP_ARGON2_PARALLELISM, ge=1)

    @model_validator(mode="after")
    def owasp_minimum_outside_tests(self) -> Self:
        """Only the test profile may hash cheaper than OWASP's minimum (to keep tests fast).

        A typo in a production variable would otherwise weaken every hash stored from then on.
        """
        if self.environment == "test":
            return self
        weak = [
            f"{name.upper()} must be at least {minimum}"
            for name, value, minimum in (
                ("argon2_memory_kib", self.argon2_memory_kib, OWASP_ARGON2_MEMORY_KIB),
                ("argon2_time_cost", self.argon2_time_cost, OWASP_ARGON2_TIME_COST),
                ("argon2_parallelism", self.argon2_parallelism, OWASP_ARGON2_PARALLELISM),
            )
            if value < minimum
        ]
        if weak:
            raise ValueError(f"weaker than OWASP's minimum: {'; '.join(weak)}")
        return self
