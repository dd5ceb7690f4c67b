"""The app factory: the one place that knows every module, and wires the chosen ones.

    create_app(settings)                                   # the whole shop
    create_app(settings, modules=("auth", "products"))     # a shop without the others

A module is included as a whole (its routes, event handlers and the ports it provides)
or not at all; the modules never import one another's routers, so leaving one out
removes its routes and nothing else. The engine is made when the server starts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.config import Settings, check_production_ready, load_settings
from app.database import make_engine, make_session_factory
from app.modules.admin.module import MODULE as ADMIN
from app.modules.auth.dependencies import declare_access
from app.modules.auth.module import MODULE as AUTH
from app.modules.orders.module import MODULE as ORDERS
from app.modules.products.module import MODULE as PRODUCTS
from app.modules.users.module import MODULE as USERS
from app.shared.clock import AppClock
from app.shared.events import EventBus, EventContext
from app.shared.mail import OutboxMailer
from app.shared.modules import Module, Providers
from app.shared.monitoring import Counters
from app.shared.responses import install_error_handlers
from app.shared.runtime import Runtime

REGISTRY: dict[str, Module] = {m.name: m for m in (AUTH, USERS, PRODUCTS, ORDERS, ADMIN)}
ALL_MODULES: tuple[str, ...] = tuple(REGISTRY)

DESCRIPTION = """
A shop's backend as a **modular monolith**: auth, users, products, orders and admin, each
behind a public interface that import-linter enforces.

**Sign in**: *Authorize* takes your email and password (OAuth2 password flow at
`POST /token`). Access tokens last 15 minutes; refresh tokens are single use and rotate.
Every error answers `{"error", "detail", "errors"}`.
"""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Make the one engine when the server starts; close its pool when it stops."""
    runtime: Runtime = app.state.runtime
    engine = make_engine(runtime.settings)
    app.state.session_factory = make_session_factory(engine)
    try:
        yield
    finally:
        await engine.dispose()


def build_runtime(settings: Settings) -> Runtime:
    """The objects the app's requests share: clock, counters, mailer, event bus, ports."""
    clock = AppClock()
    counters = Counters(clock)
    mailer = OutboxMailer()
    bus = EventBus(EventContext(mailer=mailer, counters=counters, settings=settings, clock=clock))
    return Runtime(settings, clock, bus, mailer, counters, Providers())


def create_app(settings: Settings | None = None, modules: Sequence[str] = ALL_MODULES) -> FastAPI:
    """Build the API from `settings` (default: the environment's) with the named modules.

    ConfigError for settings unfit for prod; ValueError for an unknown module name;
    RuntimeError for a route that declares no access rule (deny by default).
    """
    settings = settings if settings is not None else load_settings()
    check_production_ready(settings)
    unknown = sorted(set(modules) - REGISTRY.keys())
    if unknown:
        raise ValueError(f"unknown modules {unknown}: choose from {list(ALL_MODULES)}")
    chosen = [module for name, module in REGISTRY.items() if name in modules]
    docs = settings.docs_enabled
    app = FastAPI(
        title=settings.app_name,
        version="1.0.0",
        description=DESCRIPTION,
        debug=settings.debug,
        docs_url="/docs" if docs else None,
        redoc_url=None,
        openapi_url="/openapi.json" if docs else None,
        openapi_tags=[{"name": m.name, "description": m.description} for m in chosen],
        swagger_ui_parameters={"persistAuthorization": True},
        lifespan=lifespan,
    )
    runtime = build_runtime(settings)
    app.state.runtime = runtime
    for module in chosen:
        if module.router is not None:
            app.include_router(module.router)
        for subscription in module.subscriptions:
            runtime.bus.subscribe(subscription.event, subscription.handler)
        for provision in module.provides:
            runtime.providers.provide(provision.port, provision.implementation)
        if module.setup is not None:
            module.setup(app, runtime)
    declare_access(app)
    install_error_handlers(app, settings.max_body_bytes)
    return app
