"""The error families every module raises; app/shared/responses.py maps each to HTTP.

A service speaks the domain's language (NotFound, Conflict...), never HTTP's: the same
use case can then be called from a router, a script or another module.
"""

from __future__ import annotations


class DomainError(Exception):
    """A use case refused; str(error) says why and is safe to show a client."""

    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class NotFound(DomainError):
    """The thing named does not exist, or is not the caller's to see."""

    code = "not_found"


class Conflict(DomainError):
    """The request clashes with what is stored: a taken email, too little stock."""

    code = "conflict"


class InvalidInput(DomainError):
    """Well-formed input the shop cannot use (an unknown category id, an empty cart)."""

    code = "invalid_input"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotAuthenticated(DomainError):
    """No credential, or one that cannot be trusted: 401 with a Bearer challenge."""

    code = "invalid_token"


class PermissionDenied(DomainError):
    """An authenticated caller whose role lacks the permission: the only 403."""

    code = "forbidden"


class OAuthError(DomainError):
    """A refusal of the token endpoint, named as RFC 6749 (5.2) names it: 400."""

    code = "invalid_request"


class TooManyRequests(DomainError):
    """Too many attempts; try again after `retry_after` seconds: 429."""

    code = "too_many_requests"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, retry_after)
