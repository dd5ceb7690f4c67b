"""The server's entry point: `uvicorn app.asgi:app`. Settings are read here, at startup."""

from __future__ import annotations

import logging

from app.main import create_app

logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s %(message)s")
app = create_app()
