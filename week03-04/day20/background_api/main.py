"""Day 20: a background task that does not delay the response, and two middleware."""

import logging

from fastapi import FastAPI

import users
from emails import Outbox
from middleware import add_process_time_header, log_requests


def show_app_logs() -> None:
    """Print this app's INFO logs under uvicorn, which only configures its own loggers."""
    app_logger = logging.getLogger("background_api")
    if not app_logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
        app_logger.addHandler(handler)
        app_logger.setLevel(logging.INFO)


def create_app(email_delay_seconds: float = 1.0) -> FastAPI:  # pragma: no mutate (demo pace)
    """Build the app; email_delay_seconds is how long the fake mail server takes."""
    show_app_logs()
    app = FastAPI(title="Background API", version="1.0.0")  # pragma: no mutate (docs title)
    # The last middleware added runs first: the access log wraps the header middleware.
    app.middleware("http")(add_process_time_header)  # pragma: no mutate (FastAPI ignores the type)
    app.middleware("http")(log_requests)  # pragma: no mutate (FastAPI ignores the type)
    app.state.users = []
    app.state.outbox = Outbox()
    app.state.email_delay_seconds = email_delay_seconds
    app.include_router(users.router)
    return app


app = create_app()
