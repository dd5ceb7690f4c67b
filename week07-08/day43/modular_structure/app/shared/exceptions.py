"""The error families every module raises; the app factory maps each family to HTTP."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule refused the use case; str(error) says why, in the domain's words."""


class NotFound(DomainError):
    """The thing named does not exist."""


class Conflict(DomainError):
    """The request clashes with what is stored: a taken email, too little stock."""
