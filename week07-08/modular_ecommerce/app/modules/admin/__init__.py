"""admin: the back office. It owns no tables: it composes auth, orders and products
through their services (ban a user, change roles and permissions, sales analytics) and
serves the monitoring endpoints (liveness, readiness, metrics)."""
