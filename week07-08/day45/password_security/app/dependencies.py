"""What a route may ask for: a database session and the app's password hasher."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.security import PasswordHasher


def get_db(request: Request) -> Iterator[Session]:
    """Open a session for this request and close it however the request ends."""
    session: Session = request.app.state.session_factory()
    try:
        yield session
    finally:
        session.close()


def get_hasher(request: Request) -> PasswordHasher:
    """The hasher built from the app's settings when the app was created."""
    hasher: PasswordHasher = request.app.state.hasher
    return hasher


SessionDep = Annotated[Session, Depends(get_db)]
HasherDep = Annotated[PasswordHasher, Depends(get_hasher)]
