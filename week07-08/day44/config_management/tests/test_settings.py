"""Settings come from arguments, the environment, the profile's file, then defaults."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import config
from app.config import ConfigError, Settings, load_settings

pytestmark = pytest.mark.day(44)

PROJECT = Path(__file__).resolve().parents[1]
URL = "postgresql://app:pw@db.example.com:5432/shop"


def write_env(folder: Path, text: str) -> Path:
    env_file = folder / ".env"
    env_file.write_text(text)
    return env_file


def test_settings_read_each_field_from_its_upper_case_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in {
        "APP_NAME": "Shop",
        "DEBUG": "true",
        "LOG_LEVEL": "warning",
        "PORT": "9000",
        "DATABASE_URL": URL,
        "SECRET_KEY": "a-secret-of-sixteen-plus",
    }.items():
        monkeypatch.setenv(name, value)
    settings = Settings()
    got = (settings.app_name, settings.debug, settings.log_level, settings.port)
    assert got == ("Shop", True, "WARNING", 9000), (
        f"Called Settings() with APP_NAME, DEBUG, LOG_LEVEL, PORT set. Got {got}"
    )
    assert settings.secret_key.get_secret_value() == "a-secret-of-sixteen-plus", (
        "Called Settings() with SECRET_KEY set. Got another secret_key"
    )
    expected = "postgresql+psycopg2://app:pw@db.example.com:5432/shop"
    assert settings.database_url.get_secret_value() == expected, (
        f"Called Settings() with DATABASE_URL={URL}. Got another URL, expected {expected}"
    )


def test_the_defaults_are_the_dev_profile_with_the_dev_secret() -> None:
    settings = Settings(database_url=URL)
    got = (settings.environment, settings.debug, settings.port, settings.log_level)
    assert got == ("dev", False, 8000, "INFO"), (
        f"Called Settings(database_url=...). Got {got}, expected ('dev', False, 8000, 'INFO')"
    )
    assert settings.secret_key.get_secret_value() == config.DEV_SECRET_KEY, (
        "Called Settings() without SECRET_KEY. Got a secret other than DEV_SECRET_KEY"
    )


def test_dev_reads_dot_env_and_the_environment_wins_over_the_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env_file = write_env(tmp_path, f"APP_NAME=From file\nPORT=9100\nDATABASE_URL={URL}\n")
    monkeypatch.setitem(config.ENV_FILES, "dev", env_file)
    from_file = load_settings()
    assert (from_file.app_name, from_file.port) == ("From file", 9100), (
        f"Called load_settings() in dev with a .env. Got {(from_file.app_name, from_file.port)}"
    )
    monkeypatch.setenv("APP_NAME", "From environment")
    got = load_settings().app_name
    assert got == "From environment", f"Called load_settings() with APP_NAME set. Got {got!r}"


def test_prod_reads_no_file_only_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env_file = write_env(tmp_path, f"APP_NAME=From file\nDATABASE_URL={URL}\n")
    monkeypatch.setitem(config.ENV_FILES, "dev", env_file)
    monkeypatch.setenv("ENVIRONMENT", "prod")
    monkeypatch.setenv("DATABASE_URL", URL)
    settings = load_settings()
    assert (settings.environment, settings.app_name) == ("prod", "Config demo"), (
        f"Called load_settings() with ENVIRONMENT=prod. Got {settings.environment!r}, "
        f"app_name {settings.app_name!r}, expected 'prod' and the default (no file read)"
    )


def test_dot_env_test_is_the_test_profile_on_a_test_database() -> None:
    settings = load_settings(environment="test")
    database = settings.database_url_masked.rsplit("/", 1)[-1]
    got = (settings.environment, settings.debug, settings.log_level, database.endswith("_test"))
    assert got == ("test", False, "WARNING", True), (
        f"Called load_settings(environment='test') (reads .env.test). Got (environment, debug, "
        f"log_level, database ends in _test) {got}, expected ('test', False, 'WARNING', True)"
    )
    assert settings.secret_key.get_secret_value() != config.DEV_SECRET_KEY, (
        "Read .env.test. Got SECRET_KEY equal to the dev default, expected a test value"
    )


def test_dot_env_example_names_every_setting_with_values_fit_for_dev() -> None:
    text = (PROJECT / ".env.example").read_text()
    names = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))
    expected = {name.upper() for name in Settings.model_fields}
    assert names >= expected, (
        f"Read .env.example. Got {sorted(names)}, missing {sorted(expected - names)}"
    )
    settings = Settings(_env_file=PROJECT / ".env.example")
    assert settings.environment == "dev", "Loaded .env.example. Got a profile other than dev"
    assert settings.secret_key.get_secret_value() == config.DEV_SECRET_KEY, (
        "Loaded .env.example. Got a SECRET_KEY other than the dev default: never commit a real one"
    )


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("PORT", "70000", ["PORT", "65535"]),
        ("PORT", "eighty", ["PORT", "integer"]),
        ("DATABASE_URL", "mysql://root:pw@db/shop", ["DATABASE_URL", "postgresql://"]),
        ("DATABASE_URL", "not a url", ["DATABASE_URL", "postgresql://"]),
        ("ENVIRONMENT", "staging", ["ENVIRONMENT", "prod"]),
    ],
)
@pytest.mark.hint("load_settings turns pydantic's ValidationError into one ConfigError line.")
def test_a_bad_setting_is_one_clear_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, words: list[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", URL)
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith("invalid settings: ") and "\n" not in message, (
        f"Called load_settings() with {variable}={value!r}. Got {message!r}, expected one line "
        "starting 'invalid settings: '"
    )
    missing = [word for word in words if word not in message]
    assert not missing, (
        f"Called load_settings() with {variable}={value!r}. Got {message!r}, missing {missing}"
    )


def test_every_refused_setting_is_named_in_the_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://root:pw@db/shop")
    monkeypatch.setenv("PORT", "70000")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    problems = message.removeprefix("invalid settings: ").split("; ")
    named = sorted(problem.split(":")[0] for problem in problems)
    assert named == ["DATABASE_URL", "PORT"] and "Value error" not in message, (
        f"Called load_settings() with a bad DATABASE_URL and PORT. Got {message!r}, expected "
        "'invalid settings: ' then 'NAME: message' for each, joined by '; ', without pydantic's "
        "'Value error, ' prefix"
    )


def test_overrides_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", URL)
    monkeypatch.setenv("PORT", "8001")
    settings = load_settings(environment="test", port=9000, app_name="Overridden")
    got = (settings.environment, settings.port, settings.app_name)
    assert got == ("test", 9000, "Overridden"), (
        f"Called load_settings(environment='test', port=9000, app_name='Overridden') with "
        f"PORT=8001. Got {got}, expected the overrides"
    )
