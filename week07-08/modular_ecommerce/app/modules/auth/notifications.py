"""Mail auth sends, from its events: only ever after the registration has committed."""

from __future__ import annotations

from app.modules.auth.events import UserRegistered
from app.shared.events import EventContext
from app.shared.mail import Email


async def send_verification_email(event: UserRegistered, context: EventContext) -> None:
    """Mail the new user the token that verifies their address."""
    body = (
        "Welcome! Confirm your address with POST /auth/verify-email and this body:\n"
        f'{{"token": "{event.verification_token}"}}\n'
    )
    await context.mailer.send(Email(to=event.email, subject="Verify your email", body=body))
