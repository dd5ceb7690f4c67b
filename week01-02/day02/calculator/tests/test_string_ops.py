"""Day 2: output formatting."""

from decimal import Decimal

import pytest

from utils.string_ops import format_equation, format_number

pytestmark = pytest.mark.day(2)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("5.00", "5"), ("1E+3", "1000"), ("0.125", "0.125"), ("-2.50", "-2.5"), ("-0", "0")],
)
def test_format_number_drops_exponents_and_trailing_zeros(value: str, expected: str) -> None:
    got = format_number(Decimal(value))
    assert got == expected, (
        f"Called format_number(Decimal({value!r})). Got {got!r}, expected {expected!r}"
    )


def test_format_equation_writes_one_readable_line() -> None:
    got = format_equation(Decimal("6"), "/", Decimal("4"), Decimal("1.50"))
    assert got == "6 / 4 = 1.5", f"Called format_equation(6, '/', 4, 1.50). Got {got!r}"
