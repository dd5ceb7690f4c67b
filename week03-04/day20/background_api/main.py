"""Day 20: a background task that does not delay the response, and two middleware."""

import logging

from fastapi import BackgroundTasks, FastAPI, HTTPException, status

from emails import Outbox, send_welcome_email
from middleware import add_process_time_header, log_requests
from models import SentEmail, User, UserCreate


def show_app_logs() -> None:
    """Print this app's INFO logs under uvicorn, which only configures its own loggers."""
    app_logger = logging.getLogger("background_api")
    if not app_logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
        app_logger.addHandler(handler)
        app_logger.setLevel(logging.INFO)


def create_app(email_delay_seconds: float = 1.0) -> FastAPI:
    """Build the app; email_delay_seconds is how long the fake mail server takes."""
    show_app_logs()
    app = FastAPI(title="Background API", version="1.0.0")
    # The last middleware added runs first: the access log wraps the header middleware.
    app.middleware("http")(add_process_time_header)
    app.middleware("http")(log_requests)
    users: list[User] = []
    outbox = Outbox()

    @app.post("/users", status_code=status.HTTP_201_CREATED)
    async def create_user(user_in: UserCreate, background_tasks: BackgroundTasks) -> User:
        """Create a user and queue the welcome email to run after the response is sent."""
        if any(user.email == user_in.email for user in users):
            detail = f"Email {user_in.email} is already registered"
            raise HTTPException(status.HTTP_409_CONFLICT, detail=detail)
        user = User(id=len(users) + 1, **user_in.model_dump())
        users.append(user)
        background_tasks.add_task(send_welcome_email, outbox, user, email_delay_seconds)
        return user

    @app.get("/outbox")
    async def list_sent_emails() -> list[SentEmail]:
        """Every welcome email sent so far."""
        return outbox.sent

    return app


app = create_app()
