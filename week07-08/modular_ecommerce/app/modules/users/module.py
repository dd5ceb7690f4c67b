"""users as the app factory sees it."""

from __future__ import annotations

from app.modules.users.router import router
from app.shared.modules import Module

MODULE = Module(
    name="users",
    description="Profiles: yours at /users/me, anyone's public one, and user search for admins.",
    router=router,
)
