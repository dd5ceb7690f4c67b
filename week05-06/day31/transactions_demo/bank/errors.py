"""Domain errors: what went wrong in the bank's words, not the driver's."""

from __future__ import annotations

from decimal import Decimal


class BankError(Exception):
    """Parent of every error this package raises on purpose."""


class AccountNotFound(BankError):
    """No account has this id."""

    def __init__(self, account_id: int) -> None:
        super().__init__(f"Account {account_id} not found")
        self.account_id = account_id


class InsufficientFunds(BankError):
    """The source account cannot pay the amount without going below zero."""

    def __init__(self, account_id: int, balance: Decimal, amount: Decimal) -> None:
        super().__init__(f"Account {account_id} has {balance}, cannot send {amount}")
        self.account_id = account_id
        self.balance = balance
        self.amount = amount


class EmailTaken(BankError):
    """Another account already uses this email (the unique constraint said so)."""

    def __init__(self, email: str) -> None:
        super().__init__(f"An account with email {email} already exists")
        self.email = email
