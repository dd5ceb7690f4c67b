"""Domain errors: raised by services in the shop's own words, mapped to HTTP in app.http_errors."""

from decimal import Decimal


class DomainError(Exception):
    """Base of every error a use case refuses with; the message is safe to show a client."""


class NotFound(DomainError):
    """The thing named does not exist (or is not the caller's to see)."""

    def __init__(self, entity: str, entity_id: int | str) -> None:
        super().__init__(f"{entity} {entity_id} not found")
        self.entity = entity
        self.entity_id = entity_id


class Conflict(DomainError):
    """The change would break a uniqueness or reference rule, e.g. a taken email."""


class OutOfStock(DomainError):
    """An order line asks for more units than the product has."""

    def __init__(self, product_id: int, requested: int, available: int) -> None:
        super().__init__(f"Product {product_id} has {available} in stock, {requested} requested")
        self.product_id = product_id
        self.requested = requested
        self.available = available


class InvalidTransition(DomainError):
    """The order's status cannot move from where it is to where it was asked to go."""

    def __init__(self, order_id: int, current: str, requested: str) -> None:
        super().__init__(f"Order {order_id} cannot go from {current} to {requested}")
        self.current = current
        self.requested = requested


class NotAuthenticated(DomainError):
    """No credential, or one that names nobody."""


class NotPermitted(DomainError):
    """A known user asking for something their role or history does not allow."""


class InvalidInput(DomainError):
    """Well-formed input the shop cannot use (an unknown category id, an empty cart)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class IdempotencyKeyReused(DomainError):
    """The Idempotency-Key was already used with a different request body."""


class RequestInProgress(DomainError):
    """A request with the same Idempotency-Key is still running."""


def money(value: Decimal) -> str:
    """An amount as the API writes it: two decimals, e.g. "12.50"."""
    return f"{value:.2f}"
