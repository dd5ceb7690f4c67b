"""A simulated mailer: sending takes a while, then the email lands in an outbox."""

import asyncio
import logging
from datetime import UTC, datetime

from models import SentEmail, User

logger = logging.getLogger("background_api.email")


class Outbox:
    """Every email sent so far, oldest first (a stand-in for a mail server's log)."""

    def __init__(self) -> None:
        self.sent: list[SentEmail] = []


async def send_welcome_email(outbox: Outbox, user: User, delay_seconds: float) -> None:
    """Pretend to talk to a mail server for delay_seconds, then record the email.

    Logs "sending welcome email to <email>", awaits asyncio.sleep(delay_seconds), appends a
    SentEmail to outbox.sent (subject "Welcome!", body "Hello <name>, your account #<id> is
    ready.", sent_at datetime.now(UTC)), then logs "welcome email sent to <email>".
    """
    logger.info("sending welcome email to %s", user.email)  # pragma: no mutate (optional line)
    await asyncio.sleep(delay_seconds)
    email = SentEmail(
        to=user.email,
        subject="Welcome!",
        body=f"Hello {user.name}, your account #{user.id} is ready.",
        sent_at=datetime.now(UTC),
    )
    outbox.sent.append(email)
    logger.info("welcome email sent to %s", user.email)
