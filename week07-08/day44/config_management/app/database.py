"""The engine and sessions, made from the settings when the app starts."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings


def make_engine(settings: Settings) -> Engine:
    """An engine on DATABASE_URL; SQL is echoed to the log when DEBUG is on."""
    return create_engine(
        settings.database_url.get_secret_value(), pool_pre_ping=True, echo=settings.debug
    )


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (expire_on_commit=False)."""
    return sessionmaker(bind=engine, expire_on_commit=False)
