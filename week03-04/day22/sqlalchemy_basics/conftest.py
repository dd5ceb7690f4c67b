"""Day 22 project root: on sys.path for the tests, and the schema the journey plugin builds."""

from __future__ import annotations

import pytest
from sqlalchemy import MetaData

import models  # noqa: F401  (registers User on Base.metadata)
from database import Base


@pytest.fixture(scope="session")
def journey_schema() -> MetaData:
    """The plugin runs create_all with this metadata on the template database."""
    return Base.metadata
