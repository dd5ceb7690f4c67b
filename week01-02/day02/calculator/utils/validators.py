"""Check user input before it reaches the arithmetic: numbers and operator symbols."""

from decimal import Decimal, InvalidOperation

# A relative import: this module finds its sibling inside the same package.
from .math_ops import OPERATIONS


def is_numeric(text: str) -> bool:
    """Tell whether text is a finite number such as '42', '-3.5' or '1e3'."""
    try:
        return Decimal(text.strip()).is_finite()
    except InvalidOperation:
        return False


def parse_number(text: str) -> Decimal:
    """Turn text into a Decimal, or raise ValueError saying which input was wrong."""
    # Decimal accepts 'NaN' and 'Infinity'; a calculator should not.
    if not is_numeric(text):
        raise ValueError(f"{text!r} is not a number")
    return Decimal(text.strip())


def parse_operator(text: str) -> str:
    """Return text if it is a known operator symbol, else raise ValueError listing them all."""
    if text not in OPERATIONS:
        valid = " ".join(OPERATIONS)
        raise ValueError(f"{text!r} is not an operator (use one of: {valid})")
    return text
