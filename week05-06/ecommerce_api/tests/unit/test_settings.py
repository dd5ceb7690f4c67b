"""Day 38: settings come from the environment, and refuse the default secret outside development."""

import pytest
from pydantic import ValidationError

from app.config import DEFAULT_ADMIN_TOKEN, Settings

pytestmark = [
    pytest.mark.day(38),
    pytest.mark.hint("Settings.refuse_default_secret: a model validator on the whole Settings."),
]


@pytest.mark.parametrize("environment", ["test", "production"])
def test_the_default_admin_token_is_refused_outside_development(
    monkeypatch: pytest.MonkeyPatch, environment: str
) -> None:
    monkeypatch.setenv("ENVIRONMENT", environment)
    monkeypatch.delenv("ADMIN_TOKEN", raising=False)
    with pytest.raises(ValidationError, match="ADMIN_TOKEN"):
        Settings(_env_file=None)
    monkeypatch.setenv("ADMIN_TOKEN", "a-secret-of-my-own-42")
    settings = Settings(_env_file=None)
    assert settings.admin_token.get_secret_value() == "a-secret-of-my-own-42"


def test_development_accepts_the_default_and_every_url_form_becomes_asyncpg(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ENVIRONMENT", raising=False)
    monkeypatch.delenv("ADMIN_TOKEN", raising=False)
    for url in ("postgresql://u@h/db", "postgres://u@h/db", "postgresql+psycopg2://u@h/db"):
        monkeypatch.setenv("DATABASE_URL", url)
        settings = Settings(_env_file=None)
        got = (settings.database_url, settings.admin_token.get_secret_value())
        assert got == ("postgresql+asyncpg://u@h/db", DEFAULT_ADMIN_TOKEN), (
            f"Called Settings() with {url}. Got {got}"
        )
