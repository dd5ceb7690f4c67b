"""auth: accounts, passwords, tokens, sessions, roles and permissions.

Its public interface: `service` (use cases other modules may call), `schemas`, `events`
and `dependencies` (get_current_user, RequirePermission, public), which every module's
router uses to declare who may call each route.
"""
