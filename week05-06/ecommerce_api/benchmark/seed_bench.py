"""Fill a benchmark database in SQL: 10,000 products in 50 categories, 20,000 users,
250,000 orders over 2026 and 1,000,000 order lines (about a minute on 2 cores)."""

from sqlalchemy import Engine, text

PRODUCTS = 10_000
USERS = 20_000
ORDERS = 250_000
LINES_PER_ORDER = 4
BENCH_TOKEN = "bench-token-{n}"
"""User n's API token (users 1..USERS); user 1 is the admin."""

STATEMENTS = [
    "TRUNCATE users, categories, products, orders, order_items, product_categories, "
    "stock_alerts, reviews, cart_items, idempotency_records RESTART IDENTITY CASCADE",
    "INSERT INTO categories (name) SELECT 'Category ' || g FROM generate_series(1, 50) AS g",
    f"""INSERT INTO products (name, description, price, stock, low_stock_threshold, created_at)
        SELECT 'Product ' || g, 'A benchmark product.', round(1 + (g * 7919 % 50000) / 100.0, 2),
               1000000, 0, timestamptz '2025-01-01' + make_interval(mins => g)
        FROM generate_series(1, {PRODUCTS}) AS g""",
    f"INSERT INTO product_categories SELECT g, 1 + g % 50 FROM generate_series(1, {PRODUCTS}) AS g",
    f"""INSERT INTO product_categories SELECT g, 1 + (g * 7 + 3) % 50
        FROM generate_series(1, {PRODUCTS}) AS g WHERE (g * 7 + 3) % 50 <> g % 50""",
    f"""INSERT INTO users (email, name, role, token_hash)
        SELECT 'bench' || g || '@example.com', 'Bench ' || g,
               CASE WHEN g = 1 THEN 'admin' ELSE 'customer' END::user_role,
               encode(sha256(convert_to('bench-token-' || g, 'UTF8')), 'hex')
        FROM generate_series(1, {USERS}) AS g""",
    # One order every ~2 minutes through 2026, statuses in turn, totals filled in below.
    f"""INSERT INTO orders (user_id, status, total, created_at)
        SELECT 2 + g % ({USERS} - 1),
               (ARRAY['pending','paid','shipped','delivered','cancelled'])[1 + g % 5]::order_status,
               0, timestamptz '2026-01-01' + make_interval(secs => g * 126)
        FROM generate_series(1, {ORDERS}) AS g""",
    f"""INSERT INTO order_items (order_id, product_id, quantity, unit_price)
        SELECT o, p.id, 1 + (o + k) % 3, p.price
        FROM generate_series(1, {ORDERS}) AS o
        CROSS JOIN generate_series(0, {LINES_PER_ORDER - 1}) AS k
        JOIN products p ON p.id = 1 + (o * 37 + k * 2503) % {PRODUCTS}""",
    """UPDATE orders SET total = lines.total
        FROM (SELECT order_id, sum(quantity * unit_price) AS total
              FROM order_items GROUP BY order_id) AS lines
        WHERE lines.order_id = orders.id""",
    "VACUUM ANALYZE",
]


def seed_benchmark(engine: Engine) -> None:
    """Replace every row with the benchmark data (the schema must be migrated)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for statement in STATEMENTS:
            conn.execute(text(statement))
