"""Who may call a route: every route declares it, and a route that does not is refused.

    @router.get("/things", dependencies=[Public])                 # anyone
    def f(user: CurrentUser): ...                                  # any signed-in user
    def f(user: Annotated[Principal, Depends(RequirePermission("products:write"))]): ...

Deny by default: create_app calls declare_access(), which refuses to build an app with a
route that declares none of these, and writes each route's rule into the OpenAPI document.
401 (with `WWW-Authenticate: Bearer`) means "who are you?"; 403 only ever means "you are
signed in, and your role lacks this permission".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.security import OAuth2PasswordBearer
from starlette.routing import BaseRoute

from app.modules.auth import service
from app.modules.auth.schemas import Principal
from app.modules.auth.service import AuthContext
from app.shared.dependencies import RuntimeDep, UowDep
from app.shared.exceptions import NotAuthenticated, PermissionDenied
from app.shared.responses import DESCRIPTIONS

oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl="token",
    refreshUrl="token",
    auto_error=False,  # a missing token gets the same 401 shape as a bad one
    description="Sign in with your email as username; the access token lasts 15 minutes.",
)
TokenDep = Annotated[str | None, Depends(oauth2_scheme)]


async def get_auth(request: Request) -> AuthContext:
    """auth's long-lived objects: hasher, throttle, settings, clock."""
    auth: AuthContext = request.app.state.auth
    return auth


AuthDep = Annotated[AuthContext, Depends(get_auth)]


async def get_current_user(token: TokenDep, uow: UowDep, runtime: RuntimeDep) -> Principal:
    """The caller named by `Authorization: Bearer <access token>`; 401 without a valid one.

    Valid means: signed by us with HS256, for our audience and issuer, unexpired, of type
    access, in a session that is not revoked, of a user who is not banned.
    """
    if not token:
        raise NotAuthenticated("Not authenticated")  # pragma: no mutate (wording)
    return await service.authenticate(uow, runtime.settings, runtime.clock(), token)


async def optional_user(token: TokenDep, uow: UowDep, runtime: RuntimeDep) -> Principal | None:
    """The caller if a token is sent (it must then be valid: 401 otherwise), else None."""
    if not token:
        return None
    return await service.authenticate(uow, runtime.settings, runtime.clock(), token)


CurrentUser = Annotated[Principal, Depends(get_current_user)]
OptionalUser = Annotated[Principal | None, Depends(optional_user)]


class RequirePermission:
    """A dependency that lets through only callers whose role holds `permission`."""

    def __init__(self, permission: str) -> None:
        self.permission = permission

    async def __call__(self, user: CurrentUser) -> Principal:
        """The caller; 401 without a valid token, 403 if the role lacks the permission."""
        if not user.can(self.permission):
            raise PermissionDenied(f"This needs the permission {self.permission}")
        return user


async def public() -> None:
    """Declares a route open to everyone: with deny by default, being public is a choice."""


Public = Depends(public)


def _declarations(dependant: Dependant) -> set[str]:
    found: set[str] = set()
    for dependency in dependant.dependencies:
        call = dependency.call
        if call is public or call is optional_user:
            found.add("public")
        elif call is get_current_user:
            found.add("authenticated")
        elif isinstance(call, RequirePermission):
            found.add(f"permission {call.permission}")
        found |= _declarations(dependency)
    return found


def access_of(dependant: Dependant) -> str | None:
    """ "permission x:y", "authenticated" or "public": what an operation's dependencies
    declare (the strictest wins); None if they declare nothing."""
    found = _declarations(dependant)
    permissions = sorted(f for f in found if f.startswith("permission "))
    if permissions:
        return ", ".join(permissions)
    for level in ("authenticated", "public"):
        if level in found:
            return level
    return None


def access_rules(routes: Iterable[BaseRoute]) -> dict[tuple[str, str], str | None]:
    """(method, path) -> the access rule of every API operation (not /docs or /openapi.json).

    FastAPI 0.165 keeps each included router as one entry of app.routes;
    iter_route_contexts yields the routes inside, with their effective path and
    dependencies.
    """
    rules: dict[tuple[str, str], str | None] = {}
    for context in iter_route_contexts(list(routes)):
        if isinstance(context.original_route, APIRoute):
            access = access_of(context.dependant)
            for method in sorted(context.methods or ()):
                rules[(method, str(context.path))] = access
    return rules


def declare_access(app: FastAPI) -> None:
    """Refuse an app with an operation that declares no access rule (deny by default), and
    write each operation's rule into its OpenAPI description and `x-access`, with the 401
    and 403 answers the rule implies."""
    rules = access_rules(app.routes)
    missing = sorted(f"{method} {path}" for (method, path), rule in rules.items() if rule is None)
    if missing:
        raise RuntimeError(f"routes without an access rule (deny by default): {missing}")
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = generate()
        for (method, path), rule in rules.items():
            operation = schema["paths"].get(path, {}).get(method.lower())
            if operation is None or rule is None:
                continue
            operation["x-access"] = rule
            note = f"**Access:** {rule}."
            operation["description"] = f"{operation.get('description', '')}\n\n{note}".strip()
            responses = operation.setdefault("responses", {})
            if rule != "public":
                responses.setdefault("401", {"description": DESCRIPTIONS[401]})
            if rule.startswith("permission "):
                responses.setdefault("403", {"description": DESCRIPTIONS[403]})
        return schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented override
