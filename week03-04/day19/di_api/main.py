"""Day 19: the users CRUD refactored around dependencies; route bodies shrink to one idea."""

from fastapi import FastAPI

import users
from storage import UserStore


def create_app() -> FastAPI:
    """Build the app with its own empty store (one per test, one per server)."""
    app = FastAPI(title="DI API", version="1.0.0")  # pragma: no mutate (docs title)
    app.state.store = UserStore()
    app.include_router(users.router)
    return app


app = create_app()
