"""Stock alerts: list the crossings the database trigger recorded."""

import abc

from sqlalchemy import select

from app.models import StockAlert
from app.repositories.base import SqlAlchemyRepository
from app.repositories.pagination import Page, PageRequest, SortKey, fetch_page, parse_int

NEWEST_FIRST = SortKey("id", StockAlert.id, StockAlert.id, descending=True, parse=parse_int)


class AbstractAlertRepository(abc.ABC):
    """The stock alerts a use case can see."""

    @abc.abstractmethod
    async def list(self, page: PageRequest, product_id: int | None = None) -> Page[StockAlert]:
        """Alerts newest first, of one product if given."""
        raise NotImplementedError


class SqlAlchemyAlertRepository(SqlAlchemyRepository, AbstractAlertRepository):
    """Stock alerts in PostgreSQL (written by the trigger of migration 0002)."""

    async def list(self, page: PageRequest, product_id: int | None = None) -> Page[StockAlert]:
        """A page of alerts by id, newest first."""
        rows = select(StockAlert)
        if product_id is not None:
            rows = rows.where(StockAlert.product_id == product_id)
        return await fetch_page(self.session, rows, NEWEST_FIRST, page)
