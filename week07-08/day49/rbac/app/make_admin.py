"""Make a registered user an admin: the one way to get the first admin.

    DATABASE_URL=$(make -s db-url 49) python -m app.make_admin ada@example.com

Nobody can become an admin through the API unless an admin says so; this command is for
whoever runs the server (it needs the database's credentials, not a token).
"""

from __future__ import annotations

import argparse

from app.config import Settings
from app.database import make_engine, make_session_factory
from app.service import NotFound, promote_to_admin


def main(argv: list[str] | None = None) -> None:
    """Promote the user with the given email; one line on success or failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("email", help="the email the user registered with")
    args = parser.parse_args(argv)
    engine = make_engine(Settings())
    try:
        with make_session_factory(engine)() as db:
            user = promote_to_admin(db, args.email)
            print(f"user {user.id} ({user.email}) is now an admin")
    except NotFound as error:
        raise SystemExit(str(error)) from None
    finally:
        engine.dispose()


if __name__ == "__main__":
    main()
