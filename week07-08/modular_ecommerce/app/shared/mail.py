"""Outgoing email. The shop only ever sends mail after a commit (see shared/events.py).

OutboxMailer keeps what would be sent, in memory, and logs its subject: enough for
development and tests. A real deployment supplies another Mailer (SMTP, an API).
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from typing import Protocol

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Email:
    """One message."""

    to: str
    subject: str
    body: str


class Mailer(Protocol):
    """Whatever sends the shop's mail."""

    async def send(self, email: Email) -> None:
        """Send one message."""


class OutboxMailer:
    """Keeps the last `keep` messages in `sent` instead of sending them."""

    def __init__(self, keep: int = 1_000) -> None:
        self.sent: deque[Email] = deque(maxlen=keep)

    async def send(self, email: Email) -> None:
        """Record the message (and log its subject, never its body: it may hold a token)."""
        self.sent.append(email)
        logger.info("mail: %s", email.subject)
