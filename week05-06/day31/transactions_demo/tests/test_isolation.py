"""What a transaction sees when another commits meanwhile, at each isolation level."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Engine

from bank.isolation import observe_concurrent_deposit
from tests.helpers import insert_account, read_balances

pytestmark = pytest.mark.day(31)


@pytest.mark.parametrize(
    ("level", "second_read"),
    [("READ COMMITTED", "110.00"), ("REPEATABLE READ", "100.00"), ("SERIALIZABLE", "100.00")],
)
def test_second_read_sees_the_deposit_only_under_read_committed(
    committed_engine: Engine, level: str, second_read: str
) -> None:
    with committed_engine.begin() as connection:
        account = insert_account(connection, "ada@example.com", "100.00")
    reads = observe_concurrent_deposit(committed_engine, account, Decimal("10.00"), level)
    with committed_engine.connect() as connection:
        final = read_balances(connection)[account]
    expected = (Decimal("100.00"), Decimal(second_read))
    call = f"Called observe_concurrent_deposit at {level}"
    assert reads == expected, f"{call}. Got reads {reads}, expected {expected}"
    assert final == Decimal("110.00"), f"{call}. Got final balance {final}, expected 110.00"
