"""?search=: case-insensitive, in title and content, and the user's text taken literally."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.helpers import add_post, call, status_of, titles

pytestmark = pytest.mark.day(30)


def test_search_ignores_case_and_looks_in_title_and_content(
    client: TestClient, db_session: Session
) -> None:
    add_post(db_session, "Learning Python", "first steps")
    add_post(db_session, "Weekend notes", "Mostly PYTHON and tea")
    add_post(db_session, "Gardening", "tomatoes")
    got = sorted(titles(client, search="pyThon"))
    expected = ["Learning Python", "Weekend notes"]
    assert got == expected, f"Called {call({'search': 'pyThon'})}. Got {got}, expected {expected}"


def test_search_finds_text_inside_words(client: TestClient, db_session: Session) -> None:
    add_post(db_session, "Unbelievable results")
    got = titles(client, search="BELIEV")
    assert got == ["Unbelievable results"], (
        f"Called {call({'search': 'BELIEV'})}. Got {got}, expected ['Unbelievable results']"
    )


@pytest.mark.hint("Escape \\, % and _ in the user's text before putting it in a LIKE pattern.")
@pytest.mark.parametrize(
    ("term", "match", "decoy"),
    [
        ("100%", "Coverage at 100% today", "1000 tests pass"),
        ("snake_case", "Why snake_case wins", "snakeXcase is odd"),
        ("a_%", "a_% is a strange name", "ab is not"),
        ("\\", "C:\\temp on Windows", "A 100% decoy"),
    ],
)
def test_search_treats_percent_underscore_and_backslash_literally(
    client: TestClient, db_session: Session, term: str, match: str, decoy: str
) -> None:
    add_post(db_session, match)
    add_post(db_session, decoy)
    got = titles(client, search=term)
    assert got == [match], f"Called {call({'search': term})}. Got {got}, expected [{match!r}]"


def test_search_without_a_match_returns_an_empty_list(
    client: TestClient, db_session: Session
) -> None:
    add_post(db_session, "Learning Python")
    got = titles(client, search="haskell")
    assert got == [], f"Called {call({'search': 'haskell'})}. Got {got}, expected []"


@pytest.mark.parametrize("term", ["", "x" * 101, "nul\x00byte"])
def test_an_empty_too_long_or_nul_search_is_422(client: TestClient, term: str) -> None:
    status = status_of(client, search=term)
    assert status == 422, f"Called {call({'search': term})}. Got {status}, expected 422"
