"""Turn numbers and calculations into the text the calculator prints."""

from decimal import Decimal


def format_number(value: Decimal) -> str:
    """Write a number without exponent or trailing zeros: 5.00 -> '5', 1E+3 -> '1000'.

    Negative zero is written '0'.
    """
    text = f"{value.normalize():f}"
    return "0" if text == "-0" else text


def format_equation(a: Decimal, operator: str, b: Decimal, result: Decimal) -> str:
    """Write a calculation as one line, e.g. '6 / 4 = 1.5'."""
    return f"{format_number(a)} {operator} {format_number(b)} = {format_number(result)}"
