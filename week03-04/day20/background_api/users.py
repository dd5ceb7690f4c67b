"""POST /users signs a user up and queues the welcome email; GET /outbox shows what was sent."""

from fastapi import APIRouter, BackgroundTasks, HTTPException, Request, status

from emails import Outbox, send_welcome_email
from models import SentEmail, User, UserCreate

router = APIRouter(tags=["users"])


@router.post("/users", status_code=status.HTTP_201_CREATED)
async def create_user(
    user_in: UserCreate, background_tasks: BackgroundTasks, request: Request
) -> User:
    """Store a user with the next id (409 if the email is taken) and queue its welcome email.

    request.app.state holds users (a list[User]), outbox and email_delay_seconds (create_app
    sets them). The email is send_welcome_email(outbox, user, email_delay_seconds), added to
    background_tasks so that it runs after the response has been sent.
    """
    state = request.app.state
    users: list[User] = state.users
    if any(user.email == user_in.email for user in users):
        detail = f"Email {user_in.email} is already registered"
        raise HTTPException(status.HTTP_409_CONFLICT, detail=detail)
    user = User(id=len(users) + 1, **user_in.model_dump())
    users.append(user)
    background_tasks.add_task(send_welcome_email, state.outbox, user, state.email_delay_seconds)
    return user


@router.get("/outbox")
async def list_sent_emails(request: Request) -> list[SentEmail]:
    """Every welcome email sent so far, oldest first."""
    outbox: Outbox = request.app.state.outbox
    return outbox.sent
