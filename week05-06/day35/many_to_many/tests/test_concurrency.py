"""Two requests put the same tag on the same post at the same moment: one link, no error.

Checking `tag in post.tags` first is not enough: the other transaction's link is not
committed yet, so it is invisible; the INSERT then waits for it and fails on the primary
key once it commits. INSERT ... ON CONFLICT DO NOTHING waits too, then does nothing.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, insert, text
from sqlalchemy.orm import Session

from app import crud
from app.models import Post, Tag, post_tags

pytestmark = pytest.mark.day(35)


def wait_until_blocked(engine: Engine, worker: threading.Thread, seconds: float = 5.0) -> bool:
    """Whether some session of this database waits on a lock before `seconds` pass."""
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    deadline = time.monotonic() + seconds
    with engine.connect() as watcher:
        while time.monotonic() < deadline and worker.is_alive():
            if watcher.execute(waiting).scalar_one():
                return True
            watcher.rollback()  # a fresh snapshot of pg_stat_activity on the next read
            time.sleep(0.02)
    return False


@pytest.mark.hint("INSERT ... ON CONFLICT DO NOTHING waits for the other link, then skips it.")
def test_adding_a_link_that_another_transaction_is_committing_is_harmless(
    committed_database_url: str,
) -> None:
    engine = create_engine(committed_database_url)
    outcome: dict[str, Any] = {}
    try:
        with Session(engine) as db:
            post, tag = Post(title="Notes", content="", tags=[]), Tag(name="python")
            db.add_all([post, tag])
            db.commit()
            post_id, tag_id = post.id, tag.id

        def second_request() -> None:
            try:
                with Session(engine, expire_on_commit=False) as db:
                    linked = crud.add_tag_to_post(db, post_id, tag_id)
                    outcome["tags"] = [tag.name for tag in linked.tags]
            except Exception as error:  # reported by the assertion below
                outcome["error"] = f"{type(error).__name__}: {str(error).splitlines()[0]}"

        with engine.connect() as first:
            first.execute(insert(post_tags).values(post_id=post_id, tag_id=tag_id))
            worker = threading.Thread(target=second_request)
            worker.start()
            blocked = wait_until_blocked(engine, worker)
            first.commit()
        worker.join(timeout=10)
        with engine.connect() as check:
            links = check.execute(text("SELECT count(*) FROM post_tags")).scalar_one()
    finally:
        engine.dispose()
    call = "Called add_tag_to_post while another transaction was adding the same link"
    assert blocked, f"{call}. It never waited for the other transaction; expected its INSERT to"
    assert "error" not in outcome, f"{call}. Got {outcome.get('error')}, expected no error"
    assert outcome.get("tags") == ["python"], f"{call}. Got {outcome}, expected tags ['python']"
    assert links == 1, f"{call}. Got {links} links, expected 1"


@pytest.mark.hint(
    "The foreign keys refuse the link: map their names to PostNotFound and TagNotFound."
)
@pytest.mark.parametrize("deleted", ["post", "tag"])
def test_a_post_or_tag_deleted_just_before_the_link_is_not_found(
    committed_database_url: str, deleted: str
) -> None:
    engine = create_engine(committed_database_url)
    try:
        with Session(engine) as db:
            post, tag = Post(title="Notes", content="", tags=[]), Tag(name="python")
            db.add_all([post, tag])
            db.commit()
            post_id, tag_id = post.id, tag.id
        table, row_id = ("posts", post_id) if deleted == "post" else ("tags", tag_id)
        done: list[str] = []

        def delete_first(connection: Any, cursor: Any, statement: str, *args: Any) -> None:
            """Another transaction deletes the row after the checks, before the link's INSERT."""
            if done or not statement.lstrip().upper().startswith("INSERT INTO POST_TAGS"):
                return
            done.append(statement)
            with engine.begin() as other:
                other.execute(text(f"DELETE FROM {table} WHERE id = :id"), {"id": row_id})

        event.listen(engine, "before_cursor_execute", delete_first)
        not_found = (crud.PostNotFound, crud.TagNotFound)
        with Session(engine, expire_on_commit=False) as db, pytest.raises(not_found) as caught:
            crud.add_tag_to_post(db, post_id, tag_id)
    finally:
        engine.dispose()
    expected = f"{deleted.capitalize()} {row_id} not found"
    got = (type(caught.value).__name__, str(caught.value))
    call = f"Called add_tag_to_post while another transaction deleted the {deleted}"
    assert done, f"{call}. Got no INSERT INTO post_tags, expected the link to be inserted"
    assert got[1] == expected, f"{call}. Got {got}, expected the error {expected!r}"
