"""generate_username: a pure function, so the rule is checked on plain values."""

from __future__ import annotations

import pytest

from app.services.user_service import generate_username

pytestmark = pytest.mark.day(33)


@pytest.mark.parametrize(
    ("email", "taken", "expected"),
    [
        ("ada@example.com", set(), "ada"),
        ("Ada.Lovelace@example.com", set(), "ada_lovelace"),
        ("o'brien+news@example.com", set(), "o_brien_news"),
        ("__x__@example.com", set(), "x"),
        ("+++@example.com", set(), "user"),
        (f"{'a' * 40}@example.com", set(), "a" * 30),
        (f"+{'a' * 40}@example.com", set(), "a" * 30),  # "_" stripped before the cut
        (f"{'a' * 29}.b@example.com", set(), "a" * 29),  # and after it
        ("ada@example.com", {"ada"}, "ada2"),
        ("ada@example.com", {"ada", "ada2", "ada3"}, "ada4"),
        ("ada@example.com", {"ada", "ada3"}, "ada2"),
        ("ada@example.com", {"ada2"}, "ada"),
    ],
)
def test_generate_username(email: str, taken: set[str], expected: str) -> None:
    got = generate_username(email, taken)
    assert got == expected, (
        f"Called generate_username({email!r}, {taken}). Got {got!r}, {expected!r}"
    )
