"""wrk benchmark of the read path against a minimal Starlette + asyncpg reference."""
