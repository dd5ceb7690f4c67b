"""Day 2: the arithmetic module."""

from decimal import Decimal

import pytest

from utils.math_ops import OPERATIONS, add, calculate, divide, multiply, subtract

pytestmark = pytest.mark.day(2)


def test_add_is_exact_for_decimal_fractions() -> None:
    got = add(Decimal("0.1"), Decimal("0.2"))
    assert got == Decimal("0.3"), f"Called add(0.1, 0.2). Got {got}, expected 0.3"


def test_subtract_can_go_below_zero() -> None:
    got = subtract(Decimal("10"), Decimal("12.5"))
    assert got == Decimal("-2.5"), f"Called subtract(10, 12.5). Got {got}, expected -2.5"


def test_multiply_and_its_x_alias_agree() -> None:
    got = multiply(Decimal("6"), Decimal("7"))
    alias = calculate(Decimal("6"), "x", Decimal("7"))
    assert got == alias == Decimal("42"), (
        f"Called multiply(6, 7). Got {got} and {alias}, expected 42"
    )


def test_divide_returns_the_quotient() -> None:
    got = divide(Decimal("6"), Decimal("4"))
    assert got == Decimal("1.5"), f"Called divide(6, 4). Got {got}, expected 1.5"


@pytest.mark.parametrize("numerator", ["5", "0", "-3"])
def test_divide_by_zero_raises_a_readable_error(numerator: str) -> None:
    with pytest.raises(ZeroDivisionError, match="cannot divide by zero"):
        divide(Decimal(numerator), Decimal("0"))


def test_calculate_dispatches_every_operator_to_its_function() -> None:
    a, b = Decimal("9"), Decimal("3")
    for symbol, function in OPERATIONS.items():
        got = calculate(a, symbol, b)
        expected = function(a, b)
        assert got == expected, (
            f"Called calculate(9, {symbol!r}, 3). Got {got}, expected {expected}"
        )


@pytest.mark.hint(
    "Decimal raises decimal.Overflow, which is not an OverflowError: catch it, raise one."
)
def test_calculate_raises_overflow_error_when_the_result_is_too_large() -> None:
    huge = Decimal("1e999999")
    with pytest.raises(OverflowError):
        calculate(huge, "*", huge)
