"""auth as the app factory sees it: its routes, its event handler, its long-lived objects."""

from __future__ import annotations

from fastapi import FastAPI

from app.modules.auth.events import UserRegistered
from app.modules.auth.notifications import send_verification_email
from app.modules.auth.passwords import PasswordHasher
from app.modules.auth.router import router
from app.modules.auth.service import AuthContext
from app.modules.auth.throttle import LoginThrottle
from app.shared.modules import Module, Subscription
from app.shared.runtime import Runtime


def setup(app: FastAPI, runtime: Runtime) -> None:
    """Build the password hasher and the login throttle once, from the settings."""
    settings = runtime.settings
    app.state.auth = AuthContext(
        settings=settings,
        hasher=PasswordHasher(settings),
        throttle=LoginThrottle(settings),
        clock=runtime.clock,
    )


MODULE = Module(
    name="auth",
    description="Registration, OAuth2 tokens with refresh rotation, logout, email verification.",
    router=router,
    subscriptions=(Subscription.to(UserRegistered, send_verification_email),),
    setup=setup,
)
