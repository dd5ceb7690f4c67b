"""The server's entry point: `uvicorn app.asgi:app`. Settings are read here, at startup.

A configuration that cannot be used stops the server with one line naming the problem,
and no traceback.
"""

from __future__ import annotations

import logging

from app.config import ConfigError, load_settings
from app.main import create_app

try:
    settings = load_settings()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s %(message)s")
    app = create_app(settings)
except ConfigError as error:
    raise SystemExit(f"config error: {error}") from None
