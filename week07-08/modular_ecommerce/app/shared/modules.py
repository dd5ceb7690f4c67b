"""What a module declares to the app factory: its routes, its event handlers, its ports.

A Module is data, not code that runs: create_app reads it to include the router,
subscribe the handlers and register what the module provides. Leaving a module out of
create_app(modules=...) therefore removes exactly its routes, handlers and providers.

A Port breaks a dependency cycle: products needs one fact from orders (did this user
receive this product?), while orders depends on products (stock, prices). Products
declares the port; orders provides it; the app factory connects the two.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from fastapi import APIRouter, FastAPI

from app.shared.events import E, Event, EventContext

if TYPE_CHECKING:
    from app.shared.runtime import Runtime

T = TypeVar("T")


@dataclass(frozen=True)
class Port(Generic[T]):
    """A named capability one module needs and another may provide."""

    name: str


class Providers:
    """The implementations of the ports, registered by the app factory."""

    def __init__(self) -> None:
        self._found: dict[str, object] = {}

    def provide(self, port: Port[T], implementation: T) -> None:
        """Register `implementation` for `port`."""
        self._found[port.name] = implementation

    def get(self, port: Port[T], default: T) -> T:
        """The implementation of `port`, or `default` when no module provides it."""
        found = self._found.get(port.name, default)
        return found  # type: ignore[return-value]  # provide() stored a T under this name


@dataclass(frozen=True)
class Subscription:
    """One handler for one event type."""

    event: type[Event]
    handler: Callable[[Any, EventContext], Awaitable[None]]

    @classmethod
    def to(
        cls, event: type[E], handler: Callable[[E, EventContext], Awaitable[None]]
    ) -> Subscription:
        """A subscription whose handler is checked to take `event`'s type."""
        return cls(event, handler)


@dataclass(frozen=True)
class Provision:
    """One port and the implementation a module gives it."""

    port: Port[Any]
    implementation: object

    @classmethod
    def of(cls, port: Port[T], implementation: T) -> Provision:
        """A provision whose implementation is checked to fit `port`."""
        return cls(port, implementation)


@dataclass(frozen=True)
class Module:
    """A module as the app factory sees it."""

    name: str
    description: str
    router: APIRouter | None = None
    subscriptions: tuple[Subscription, ...] = ()
    provides: tuple[Provision, ...] = field(default=())
    setup: Callable[[FastAPI, Runtime], None] | None = None
    """Called once by create_app, e.g. to build the module's long-lived objects."""
