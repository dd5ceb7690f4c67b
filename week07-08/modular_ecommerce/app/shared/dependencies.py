"""What any route may ask for: the app's runtime, the request's unit of work, the time.

Every dependency here is `async def`, however little it does: FastAPI runs a plain `def`
dependency in a worker thread, a thread hop per dependency per request.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Depends

from app.database import SessionDep
from app.shared.runtime import Runtime, get_runtime
from app.shared.unit_of_work import UnitOfWork

RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_uow(session: SessionDep, runtime: RuntimeDep) -> UnitOfWork:
    """The request's unit of work: its session, and the app's event bus."""
    return UnitOfWork(session, runtime.bus)


async def get_now(runtime: RuntimeDep) -> datetime:
    """The time by the app's clock, read once per request."""
    return runtime.clock()


UowDep = Annotated[UnitOfWork, Depends(get_uow)]
NowDep = Annotated[datetime, Depends(get_now)]
