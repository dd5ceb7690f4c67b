"""The shapes admin answers and accepts."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from app.modules.auth.schemas import AccountRead, RoleName


class RoleIn(BaseModel):
    """Body of PUT /admin/users/{id}/role."""

    model_config = ConfigDict(extra="forbid")

    role: RoleName


class BanResult(BaseModel):
    """A banned account, and the open orders the ban cancelled."""

    user: AccountRead
    cancelled_orders: list[int]


class Health(BaseModel):
    """A probe's answer."""

    status: str


class MetricsRead(BaseModel):
    """What the process has seen since it started, and what the database holds."""

    started_at: datetime
    uptime_seconds: int
    events: dict[str, int]
    accounts: int
    products_for_sale: int
