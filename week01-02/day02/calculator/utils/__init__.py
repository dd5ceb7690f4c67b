"""Calculator utilities: arithmetic, input validation and output formatting.

The package re-exports its public functions, so callers can write
`from utils import add` instead of reaching into each module.
"""

from .math_ops import OPERATIONS, add, calculate, divide, multiply, subtract
from .string_ops import format_equation, format_number
from .validators import is_numeric, parse_number, parse_operator

__all__ = [
    "OPERATIONS",
    "add",
    "calculate",
    "divide",
    "format_equation",
    "format_number",
    "is_numeric",
    "multiply",
    "parse_number",
    "parse_operator",
    "subtract",
]
