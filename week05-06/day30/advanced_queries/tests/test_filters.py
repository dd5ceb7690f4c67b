"""?author=, ?tags= and the date range, alone and together."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.helpers import add_post, call, get_posts, status_of, titles

pytestmark = pytest.mark.day(30)

LAST_INSTANT = datetime(2026, 1, 31, 23, 59, 59, 999999, tzinfo=UTC)


def test_author_returns_only_that_users_posts(client: TestClient, db_session: Session) -> None:
    add_post(db_session, "By Ada", author="ada")
    add_post(db_session, "By Alan", author="alan")
    got = titles(client, author="ada")
    assert got == ["By Ada"], f"Called {call({'author': 'ada'})}. Got {got}, expected ['By Ada']"


def test_an_unknown_author_gives_an_empty_list(client: TestClient, db_session: Session) -> None:
    add_post(db_session, "By Ada", author="ada")
    got = titles(client, author="nobody")
    assert got == [], f"Called {call({'author': 'nobody'})}. Got {got}, expected []"


@pytest.mark.hint("to_date includes its whole day: created_at < the midnight AFTER to_date.")
def test_to_date_includes_the_last_instant_of_that_day(
    client: TestClient, db_session: Session
) -> None:
    add_post(db_session, "Last second", created_at=LAST_INSTANT.replace(microsecond=0))
    add_post(db_session, "Last microsecond", created_at=LAST_INSTANT)
    add_post(db_session, "Next day", created_at=LAST_INSTANT + timedelta(microseconds=1))
    params = {"to_date": "2026-01-31"}
    got = sorted(titles(client, **params))
    expected = ["Last microsecond", "Last second"]
    assert got == expected, f"Called {call(params)}. Got {got}, expected {expected}"


def test_from_date_starts_at_midnight_of_that_day(client: TestClient, db_session: Session) -> None:
    midnight = datetime(2026, 1, 1, tzinfo=UTC)
    add_post(db_session, "Midnight", created_at=midnight)
    add_post(db_session, "Day before", created_at=midnight - timedelta(microseconds=1))
    params = {"from_date": "2026-01-01"}
    got = titles(client, **params)
    assert got == ["Midnight"], f"Called {call(params)}. Got {got}, expected ['Midnight']"


def test_one_day_range_keeps_that_whole_day_only(client: TestClient, db_session: Session) -> None:
    day = datetime(2026, 1, 10, tzinfo=UTC)
    for hours, title in [(-1, "Before"), (0, "Start"), (23.99, "End"), (24, "After")]:
        add_post(db_session, title, created_at=day + timedelta(hours=hours))
    params = {"from_date": "2026-01-10", "to_date": "2026-01-10", "sort": "created_at"}
    got = titles(client, **params, order="asc")
    assert got == ["Start", "End"], f"Called {call(params)}. Got {got}, expected ['Start', 'End']"


@pytest.mark.parametrize("params", [{"to_date": "9999-12-31"}, {"from_date": "0001-01-01"}])
def test_extreme_dates_are_answered_not_a_500(
    client: TestClient, db_session: Session, params: dict[str, str]
) -> None:
    add_post(db_session, "Any post")
    got = titles(client, **params)
    assert got == ["Any post"], f"Called {call(params)}. Got {got}, expected ['Any post']"


@pytest.mark.parametrize(
    "params",
    [
        {"from_date": "2026-02-01", "to_date": "2026-01-31"},
        {"from_date": "2026-02-30"},
        {"to_date": "yesterday"},
        {"to_date": "2026-01-31T10:00:00"},
    ],
)
def test_bad_or_reversed_dates_are_422(client: TestClient, params: dict[str, str]) -> None:
    status = status_of(client, **params)
    assert status == 422, f"Called {call(params)}. Got {status}, expected 422"


def test_tags_keeps_posts_that_have_all_of_them(client: TestClient, db_session: Session) -> None:
    add_post(db_session, "Both", tags=["python", "fastapi"])
    add_post(db_session, "Both and more", tags=["python", "fastapi", "sql"])
    add_post(db_session, "Python only", tags=["python"])
    add_post(db_session, "Untagged")
    params = {"tags": "python,fastapi"}
    got = sorted(titles(client, **params))
    expected = ["Both", "Both and more"]
    assert got == expected, f"Called {call(params)}. Got {got}, expected {expected}"


@pytest.mark.parametrize("tags", ["Python, FASTAPI", "python,fastapi,python"])
def test_tag_names_ignore_case_spaces_and_repeats(
    client: TestClient, db_session: Session, tags: str
) -> None:
    add_post(db_session, "Both", tags=["python", "fastapi"])
    add_post(db_session, "Python only", tags=["python"])
    got = titles(client, tags=tags)
    assert got == ["Both"], f"Called {call({'tags': tags})}. Got {got}, expected ['Both']"


def test_an_unknown_tag_gives_an_empty_list(client: TestClient, db_session: Session) -> None:
    add_post(db_session, "Tagged", tags=["python"])
    got = titles(client, tags="python,cobol")
    assert got == [], f"Called {call({'tags': 'python,cobol'})}. Got {got}, expected []"


ELEVEN_TAGS = ",".join(f"t{n}" for n in range(11))


@pytest.mark.parametrize("tags", ["", "python,,sql", "x" * 51, ELEVEN_TAGS])
def test_empty_long_or_too_many_tags_are_422(client: TestClient, tags: str) -> None:
    status = status_of(client, tags=tags)
    assert status == 422, f"Called {call({'tags': tags})}. Got {status}, expected 422"


def test_all_filters_combine_with_and(client: TestClient, db_session: Session) -> None:
    jan = datetime(2026, 1, 15, tzinfo=UTC)
    add_post(db_session, "Python tips", author="ada", created_at=jan, tags=["python"])
    add_post(db_session, "Python tips", author="alan", created_at=jan, tags=["python"])
    add_post(db_session, "Python tips", author="ada", created_at=jan, tags=["sql"])
    add_post(db_session, "Python tips", author="ada", created_at=jan + timedelta(days=30))
    add_post(db_session, "Rust tips", author="ada", created_at=jan, tags=["python"])
    params = {
        "search": "python",
        "author": "ada",
        "tags": "python",
        "from_date": "2026-01-01",
        "to_date": "2026-01-31",
    }
    got = get_posts(client, **params)
    summary = [(post["title"], post["author"]["username"], post["tags"]) for post in got]
    expected = [("Python tips", "ada", ["python"])]
    assert summary == expected, f"Called {call(params)}. Got {summary}, expected {expected}"


def test_each_post_comes_with_its_author_and_sorted_tag_names(
    client: TestClient, db_session: Session
) -> None:
    post = add_post(db_session, "Tagged", "body", author="ada", tags=["sql", "python", "api"])
    got = get_posts(client)
    expected = {
        "id": post.id,
        "title": "Tagged",
        "content": "body",
        "created_at": "2026-01-15T12:00:00Z",
        "author": {"id": post.author_id, "username": "ada"},
        "tags": ["api", "python", "sql"],
    }
    assert got == [expected], f"Called GET /posts. Got {got}, expected [{expected}]"


@pytest.mark.hint("Build the bounds as aware UTC datetimes: datetime.combine(day, time.min, UTC).")
def test_dates_are_utc_days_whatever_the_sessions_time_zone(
    client: TestClient, db_session: Session
) -> None:
    db_session.execute(text("SET LOCAL TIME ZONE 'Asia/Tokyo'"))  # UTC+9, for this test only
    add_post(db_session, "Late on the 9th", created_at=datetime(2026, 1, 9, 20, tzinfo=UTC))
    add_post(db_session, "Late on the 10th", created_at=datetime(2026, 1, 10, 20, tzinfo=UTC))
    params = {"from_date": "2026-01-10", "to_date": "2026-01-10"}
    got = titles(client, **params)
    expected = ["Late on the 10th"]
    assert got == expected, (
        f"Called {call(params)} on a session in Asia/Tokyo. Got {got}, expected {expected}"
    )
