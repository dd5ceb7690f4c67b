"""Fill a benchmark database: 100 users and 20,000 posts, generated in SQL in a second."""

from sqlalchemy import Engine, text

import app.models  # noqa: F401  (registers the tables)
from app.database import Base

USERS = 100
POSTS = 20_000

STATEMENTS = [
    f"""INSERT INTO users (username, email, hashed_password, full_name)
        SELECT 'bench' || g, 'bench' || g || '@example.com', 'not-a-login', 'Bench User ' || g
        FROM generate_series(1, {USERS}) AS g""",
    # One post a minute into the past, so created_at order differs from id order.
    f"""INSERT INTO posts (author_id, title, body, created_at)
        SELECT 1 + g % {USERS}, 'Benchmark post ' || g, repeat('Lorem ipsum dolor sit. ', 12),
               now() - make_interval(mins => (g * 7919) % {POSTS})
        FROM generate_series(1, {POSTS}) AS g""",
    "ANALYZE",
]


def seed_benchmark(engine: Engine) -> None:
    """Recreate the tables (so their indexes are the models' current ones) and fill them."""
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        for statement in STATEMENTS:
            conn.execute(text(statement))
