"""Walking an app's routes: which access policy each operation declares."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from app.access import PermissionRequirement, authenticated, public


@dataclass(frozen=True)
class Operation:
    """One method of one route, with its whole tree of dependencies."""

    method: str
    path: str
    dependant: Dependant

    @property
    def key(self) -> str:
        """ "METHOD /path", e.g. "PATCH /posts/{post_id}"."""
        return f"{self.method} {self.path}"


def operations(app: FastAPI) -> list[Operation]:
    """Every operation of the app's own routes (not /docs or /openapi.json).

    FastAPI 0.165 keeps each included router as one entry of app.routes; iter_route_contexts
    yields the routes inside, with their effective path and dependencies (those given to
    the router and to include_router too).
    """
    found = []
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute):
            dependant: Dependant = context.dependant
            found += [
                Operation(method, str(context.path), dependant)
                for method in sorted(context.methods or ())
            ]
    return found


def markers(operation: Operation) -> list[object]:
    """Every policy marker anywhere in the operation's tree of dependencies."""
    found: list[object] = []
    pending = [operation.dependant]
    while pending:
        dependant = pending.pop()
        call = dependant.call
        if call is public or call is authenticated or isinstance(call, PermissionRequirement):
            found.append(call)
        pending.extend(dependant.dependencies)
    return found


def policy_of(operation: Operation) -> str | None:
    """The policy: public, authenticated or permission; None if none, or several kinds."""
    names: dict[object, str] = {public: "public", authenticated: "authenticated"}
    kinds = {names.get(marker, "permission") for marker in markers(operation)}
    return kinds.pop() if len(kinds) == 1 else None


def required_permissions(operation: Operation) -> set[str]:
    """The names of every permission the operation's requirements name."""
    return {
        name
        for marker in markers(operation)
        if isinstance(marker, PermissionRequirement)
        for name in marker.permissions
    }
