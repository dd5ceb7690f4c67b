"""Check user input before it reaches the arithmetic: numbers and operator symbols."""

from decimal import Decimal, InvalidOperation

# A relative import: this module finds its sibling inside the same package.
from .math_ops import OPERATIONS


def is_numeric(text: str) -> bool:
    """Tell whether text is a finite number such as '42', '-3.5', ' 7 ' or '1e3'.

    Words, '', '1,5', 'NaN', 'Infinity' and '-inf' are not.
    """
    try:
        return Decimal(text.strip()).is_finite()
    except InvalidOperation:
        return False


def parse_number(text: str) -> Decimal:
    """Turn text into a Decimal: ' 2.50 ' -> Decimal('2.50').

    Text that is not numeric raises ValueError("'abc' is not a number") (the input in quotes).
    """
    # Decimal accepts 'NaN' and 'Infinity'; a calculator should not.
    if not is_numeric(text):
        raise ValueError(f"{text!r} is not a number")
    return Decimal(text.strip())


def parse_operator(text: str) -> str:
    """Return text if it is a key of OPERATIONS, else raise ValueError listing them all.

    parse_operator("%") raises ValueError("'%' is not an operator (use one of: + - * x /)").
    """
    if text not in OPERATIONS:
        valid = " ".join(OPERATIONS)
        raise ValueError(f"{text!r} is not an operator (use one of: {valid})")
    return text
