"""Command-line calculator: `python main.py 6 / 4` prints `6 / 4 = 1.5`.

With no arguments it prints a few sample calculations. Every import below
crosses a module boundary: main.py uses the utils package's functions.
"""

import sys

from utils import calculate, format_equation, parse_number, parse_operator

USAGE = "usage: python main.py NUMBER OPERATOR NUMBER   (operators: + - x * /)"

EXAMPLES = [
    ("7", "+", "5"),
    ("0.1", "+", "0.2"),
    ("10", "-", "12.5"),
    ("6", "x", "7"),
    ("1", "/", "8"),
]


def evaluate(left: str, operator: str, right: str) -> str:
    """Validate three command-line words and return the calculation as a line of text.

    evaluate("6", "/", "4") -> "6 / 4 = 1.5"; bad input raises the validators' ValueError.
    """
    a, op, b = parse_number(left), parse_operator(operator), parse_number(right)
    return format_equation(a, op, b, calculate(a, op, b))


def main(argv: list[str] | None = None) -> int:
    """Run the calculator on argv (default: the command line); return the exit status.

    - no arguments: print evaluate(*example) for each of EXAMPLES, return 0;
    - three arguments: print the equation and return 0, or, when they are wrong
      (ValueError, ArithmeticError), print "error: <message>" to stderr and return 1;
    - any other count: print USAGE to stderr and return 2.
    """
    args = sys.argv[1:] if argv is None else argv
    if not args:
        for example in EXAMPLES:
            print(evaluate(*example))
        return 0
    if len(args) != 3:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        print(evaluate(*args))
    except (ValueError, ArithmeticError) as error:
        # One readable line instead of a traceback: the input was wrong, not the program.
        # ArithmeticError covers ZeroDivisionError and Decimal's overflow on huge exponents.
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
