"""What auth announces; delivered after the commit of the use case that published it."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.shared.events import Event


@dataclass(frozen=True)
class UserRegistered(Event):
    """A new account exists; the verification token goes out by mail, never in a log."""

    user_id: int
    email: str
    verification_token: str = field(repr=False)


@dataclass(frozen=True)
class UserBanned(Event):
    """An admin banned an account; its sessions were revoked in the same transaction."""

    user_id: int
