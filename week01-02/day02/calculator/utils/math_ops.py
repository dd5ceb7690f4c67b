"""Arithmetic on Decimal numbers, plus a table mapping each operator symbol to its function.

Decimal rather than float: 0.1 + 0.2 is exactly 0.3, as a person using a calculator expects.
"""

from collections.abc import Callable
from decimal import Decimal, Overflow


def add(a: Decimal, b: Decimal) -> Decimal:
    """Return a + b."""
    return a + b


def subtract(a: Decimal, b: Decimal) -> Decimal:
    """Return a - b."""
    return a - b


def multiply(a: Decimal, b: Decimal) -> Decimal:
    """Return a * b."""
    return a * b


def divide(a: Decimal, b: Decimal) -> Decimal:
    """Return a / b; b == 0 raises ZeroDivisionError("cannot divide by zero")."""
    if b == 0:
        raise ZeroDivisionError("cannot divide by zero")
    return a / b


# "x" is accepted beside "*" because an unquoted * on a shell command line expands to file names.
OPERATIONS: dict[str, Callable[[Decimal, Decimal], Decimal]] = {
    "+": add,
    "-": subtract,
    "*": multiply,
    "x": multiply,
    "/": divide,
}


def calculate(a: Decimal, operator: str, b: Decimal) -> Decimal:
    """Apply the operator symbol (a key of OPERATIONS) to a and b: calculate(6, "x", 7) == 42.

    A result too large for Decimal (it raises decimal.Overflow) is raised as OverflowError.
    """
    try:
        return OPERATIONS[operator](a, b)
    except Overflow:
        # Decimal's own message is a list of signal classes; say it in words instead.
        raise OverflowError("the result is too large to represent") from None
