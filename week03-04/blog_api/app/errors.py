"""Domain errors raised by the crud layer; app.main maps each to one HTTP answer."""


class NotFoundError(Exception):
    """The resource named in the URL does not exist (HTTP 404)."""

    def __init__(self, resource: str, resource_id: int) -> None:
        super().__init__(f"{resource} {resource_id} not found")


class ConflictError(Exception):
    """The change would break a uniqueness rule (HTTP 409)."""


class InvalidInputError(Exception):
    """Well-formed input that cannot be used, e.g. an unknown author id (HTTP 422)."""

    def __init__(self, location: tuple[str, ...], message: str) -> None:
        super().__init__(message)
        self.location = location
        self.message = message
