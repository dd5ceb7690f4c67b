"""Project root for day 6: pytest puts this folder on sys.path for the tests."""

from collections.abc import Iterator

import pytest

from bank_with_errors import logger


@pytest.fixture(autouse=True)
def detach_log_handlers() -> Iterator[None]:
    """Close the handlers a test attached, so no log file stays open into the next test."""
    yield
    for handler in logger.handlers[:]:
        logger.removeHandler(handler)
        handler.close()
