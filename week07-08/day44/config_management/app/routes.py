"""Two routes that read the configuration through the settings dependency."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text

from app.dependencies import SessionDep, SettingsDep

router = APIRouter()


class Info(BaseModel):
    """What a client may know of the configuration: no secret, no database address."""

    app_name: str
    environment: str
    debug: bool


class Health(BaseModel):
    """The app is up and its database answers."""

    status: str
    environment: str
    database: str


@router.get("/info")
def read_info(settings: SettingsDep) -> Info:
    """The app's name and profile, from the settings dependency."""
    return Info(app_name=settings.app_name, environment=settings.environment, debug=settings.debug)


@router.get("/health")
def read_health(settings: SettingsDep, session: SessionDep) -> Health:
    """Up, and the configured database answers SELECT 1."""
    database = "ok" if session.scalar(text("SELECT 1")) == 1 else "unexpected answer"
    return Health(status="ok", environment=settings.environment, database=database)
