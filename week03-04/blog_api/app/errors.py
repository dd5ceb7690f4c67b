"""Domain errors, in the domain's words; app.http_errors maps each kind to one HTTP answer."""


class DomainError(Exception):
    """A request the blog refuses; its message is the sentence a client is shown."""


class NotFound(DomainError):
    """The user, post or comment does not exist."""

    def __init__(self, entity: str, entity_id: int) -> None:
        super().__init__(f"{entity} {entity_id} not found")


class UsernameTaken(DomainError):
    """Another user has this username (in any letter case)."""

    def __init__(self, username: str) -> None:
        super().__init__(f"Username {username!r} is already taken")


class EmailTaken(DomainError):
    """Another user has this email address."""

    def __init__(self, email: str) -> None:
        super().__init__(f"Email {email!r} is already registered")


class UnknownAuthor(DomainError):
    """A post or comment names an author who does not exist."""

    def __init__(self, author_id: int) -> None:
        super().__init__(f"User {author_id} does not exist")


class InvalidCursor(DomainError):
    """A page cursor that this list did not issue (forged, truncated, or for another order)."""


class CursorWithSkip(DomainError):
    """A page asked for by cursor and by offset at once."""

    def __init__(self) -> None:
        super().__init__("use either skip or cursor, not both")
