"""main.py walks through every CRUD step and can be run again and again."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

import main

pytestmark = pytest.mark.day(22)


def test_demo_creates_reads_updates_deletes_and_refuses_a_duplicate(db_session: Session) -> None:
    lines = main.run_demo(db_session)
    steps = [line.split(":", 1)[0] for line in lines]
    expected = ["create"] * 3 + ["read"] * 3 + ["update", "delete", "refuse"]
    assert [step.strip() for step in steps] == expected, (
        f"Called run_demo on an empty table. Got steps {steps}, expected {expected}"
    )
    assert "still there: False" in lines[-2], f"Got {lines[-2]!r}, expected the user gone"
    assert lines[-3].endswith("name='Rear Admiral Grace Hopper')"), (
        f"Called run_demo. Got {lines[-3]!r}, expected the repr of Grace after the rename"
    )
    assert "ada@example.com" in lines[-1], (
        f"Called run_demo. Got {lines[-1]!r}, expected the refused duplicate of ada@example.com"
    )


def test_demo_run_twice_creates_nothing_new_and_still_succeeds(db_session: Session) -> None:
    main.run_demo(db_session)
    again = main.run_demo(db_session)
    count = db_session.execute(text("SELECT count(*) FROM users")).scalar_one()
    created = [line for line in again if line.startswith("create")]
    assert created == [], f"Called run_demo twice. Got {created}, expected no new users"
    assert count == 3, f"Called run_demo twice. Got {count} users, expected the 3 demo users"


def test_main_populates_the_database_named_by_database_url(
    committed_database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", committed_database_url)
    status = main.main()
    output = capsys.readouterr().out
    engine = create_engine(committed_database_url)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM users")).scalar_one()
    engine.dispose()
    assert status == 0, f"Called python main.py. Got exit {status}, expected 0"
    assert "update: User(" in output, f"Called python main.py. Got {output!r}, expected a report"
    assert count == 3, f"Called python main.py. Got {count} committed users, expected 3"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (None, "error: DATABASE_URL is not set"),
        ("postgresql://learner:s3cret@127.0.0.1:1/fastapi_db", "error: could not connect to"),
    ],
)
def test_main_without_a_reachable_database_prints_one_line_and_exits_1(
    url: str | None,
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if url is None:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("DATABASE_URL", url)
    status = main.main()
    error = capsys.readouterr().err
    assert status == 1, f"Called python main.py. Got exit {status}, expected 1"
    assert error.startswith(expected), f"Called python main.py. Got {error!r}, expected {expected}"
    assert error.count("\n") == 1 and "s3cret" not in error, f"Got {error!r}, one masked line"
