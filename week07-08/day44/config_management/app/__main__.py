"""`python -m app`: serve on 127.0.0.1 at the configured PORT, with the same checks as app.asgi."""

from __future__ import annotations

import uvicorn

from app.asgi import app, settings

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=settings.port, log_level=settings.log_level.lower())
