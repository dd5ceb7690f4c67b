"""The objects one app instance shares between requests, made by the app factory."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from app.config import Settings
from app.shared.clock import AppClock
from app.shared.events import EventBus
from app.shared.mail import OutboxMailer
from app.shared.modules import Providers
from app.shared.monitoring import Counters


@dataclass
class Runtime:
    """Settings, clock, event bus, mailer, counters and port providers of one app."""

    settings: Settings
    clock: AppClock
    bus: EventBus
    mailer: OutboxMailer
    counters: Counters
    providers: Providers


async def get_runtime(request: Request) -> Runtime:
    """The runtime of the app serving this request."""
    runtime: Runtime = request.app.state.runtime
    return runtime
