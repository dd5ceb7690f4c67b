"""Settings read from the environment (prefix ASYNC_API_), so tests can point elsewhere."""

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where the external API lives and how long the simulated database call takes."""

    model_config = SettingsConfigDict(env_prefix="ASYNC_API_")

    # JSONPlaceholder is the roadmap's public test API; tests serve a local stand-in.
    upstream_base_url: str = "https://jsonplaceholder.typicode.com"
    upstream_timeout_seconds: float = 5.0
    slow_seconds: float = 2.0
