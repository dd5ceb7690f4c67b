"""Global dependencies: what every module's router may ask FastAPI for."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session

from app.shared.utils import MAX_ID


def get_db(request: Request) -> Iterator[Session]:
    """Open a session for this request and close it however the request ends.

    It never commits: FastAPI runs the code after `yield` once the response is sent,
    too late to report a failed commit. Each module's service commits its use case.
    """
    session: Session = request.app.state.session_factory()
    try:
        yield session
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_db)]
# An id in a path, bounded to PostgreSQL's INTEGER: 0 or 2**31 is a 422, never a 500.
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
