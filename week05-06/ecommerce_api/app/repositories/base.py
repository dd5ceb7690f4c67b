"""What every SQLAlchemy repository shares: the unit of work's session."""

from sqlalchemy.ext.asyncio import AsyncSession


class SqlAlchemyRepository:
    """A repository working in the session (and so the transaction) of its unit of work."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
