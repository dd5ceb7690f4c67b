"""Day 2: input validation."""

from decimal import Decimal

import pytest

from utils.validators import is_numeric, parse_number, parse_operator

pytestmark = pytest.mark.day(2)


@pytest.mark.parametrize("text", ["42", "-3.5", " 7 ", "1e3", "0"])
def test_is_numeric_accepts_numbers(text: str) -> None:
    assert is_numeric(text), f"Called is_numeric({text!r}). Got False, expected True"


@pytest.mark.parametrize("text", ["abc", "", "1,5", "NaN", "Infinity", "-inf", "3..1"])
def test_is_numeric_rejects_words_and_non_finite_values(text: str) -> None:
    assert not is_numeric(text), f"Called is_numeric({text!r}). Got True, expected False"


def test_parse_number_returns_an_exact_decimal() -> None:
    got = parse_number(" 2.50 ")
    assert got == Decimal("2.5"), f"Called parse_number(' 2.50 '). Got {got!r}, expected 2.5"


def test_parse_number_names_the_bad_input() -> None:
    with pytest.raises(ValueError, match="'twelve' is not a number"):
        parse_number("twelve")


def test_parse_operator_lists_the_valid_symbols() -> None:
    with pytest.raises(ValueError, match=r"'%' is not an operator \(use one of: \+ - \* x /\)"):
        parse_operator("%")
