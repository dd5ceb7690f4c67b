"""The task model: a frozen dataclass with a status, a priority, tags and an optional due date."""

from __future__ import annotations

import re
import reprlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import total_ordering
from typing import Any, TypeVar

from errors import InvalidInputError


class Status(StrEnum):
    """Where a task is in its life."""

    PENDING = "pending"
    DONE = "done"


class Priority(StrEnum):
    """How urgent a task is; `rank` orders HIGH first."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """0 for HIGH, 1 for MEDIUM, 2 for LOW: the sort key that puts urgent work first."""
        return _PRIORITY_RANK[self]


_PRIORITY_RANK = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}

# The largest id that JavaScript and jq read exactly: `list --json | jq` never shows a wrong id.
MAX_TASK_ID = 2**53 - 1

# Control characters (a terminal obeys them: ESC starts an escape sequence, a newline splits a
# row) and lone surrogates (what Python makes of bytes that are not UTF-8; they cannot be saved).
UNSAFE_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def check_text(text: str, what: str) -> None:
    """Refuse text holding a control character or a lone surrogate with InvalidInputError."""
    found = UNSAFE_TEXT.search(text)
    if found is not None:
        raise InvalidInputError(
            f"{what} holds {found.group()!r}, a control character or bytes that are not UTF-8"
        )


def normalize_title(title: str) -> str:
    """Strip the title and collapse inner runs of spaces to one.

    Nothing left raises InvalidInputError("a task title cannot be empty").
    """
    cleaned = " ".join(title.split())
    if not cleaned:
        raise InvalidInputError("a task title cannot be empty")
    return cleaned


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Lower-case, strip and de-duplicate tags, keeping their first order.

    A tag must be one word: an empty tag, or one holding a space or a comma, raises
    InvalidInputError("invalid tag ...").
    """
    seen: dict[str, None] = {}
    for tag in tags:
        cleaned = tag.strip().lower()
        if not cleaned or any(ch.isspace() or ch == "," for ch in cleaned):
            raise InvalidInputError(f"invalid tag {tag!r}: tags are single words without commas")
        seen.setdefault(cleaned, None)
    return tuple(seen)


def parse_due(text: str) -> date:
    """Read an ISO date (YYYY-MM-DD), ignoring surrounding spaces.

    Anything else raises InvalidInputError("invalid date '...': use YYYY-MM-DD, e.g. 2026-12-31").
    """
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(f"invalid date {text!r}: use YYYY-MM-DD, e.g. 2026-12-31") from None


@total_ordering
@dataclass(frozen=True, slots=True)
class Task:
    """One task. Immutable: the manager replaces a task instead of mutating it.

    Fields, in this order: `id` (int, 1 or more), `title`, `status` (default PENDING),
    `created_at` (time-zone aware, default: now), `priority` (default MEDIUM), `tags`
    (a tuple, default empty), `due` (a date or None). The dataclass supplies __repr__,
    and __eq__ and __hash__ over every field; ordering is by creation time, then id,
    so `sorted(tasks)` lists the oldest task first.
    """

    id: int
    title: str
    status: Status = Status.PENDING
    created_at: datetime = field(default_factory=lambda: datetime.now().astimezone())
    priority: Priority = Priority.MEDIUM
    tags: tuple[str, ...] = ()
    due: date | None = None

    def __post_init__(self) -> None:
        """Refuse bad fields with ValueError (InvalidInputError, a ValueError, for bad text).

        The id must be from 1 to MAX_TASK_ID and the title not blank; the title and each tag
        pass `check_text` (no control characters, no lone surrogates).
        """
        if not 1 <= self.id <= MAX_TASK_ID:
            raise InvalidInputError(f"task id must be from 1 to {MAX_TASK_ID}, got {self.id}")
        if not self.title.strip():
            raise ValueError("a task title cannot be empty")
        check_text(self.title, "the title")
        for tag in self.tags:
            check_text(tag, "a tag")

    @property
    def is_done(self) -> bool:
        """True once the task is completed."""
        return self.status is Status.DONE

    def is_overdue(self, today: date) -> bool:
        """True when the task is pending and its due date is before `today`."""
        return not self.is_done and self.due is not None and self.due < today

    def __str__(self) -> str:
        """A checklist line: `[ ] #3 Buy milk [high] (due 2026-02-01) #home` (`[x]` once done)."""
        mark = "x" if self.is_done else " "
        due = f" (due {self.due.isoformat()})" if self.due else ""
        tags = "".join(f" #{tag}" for tag in self.tags)
        return f"[{mark}] #{self.id} {self.title} [{self.priority.value}]{due}{tags}"

    def __lt__(self, other: object) -> bool:
        """Older first: compare (created_at, id); NotImplemented for a non-Task."""
        if not isinstance(other, Task):
            return NotImplemented
        return (self.created_at, self.id) < (other.created_at, other.id)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form stored in tasks.json.

        Keys: id, title, status and priority (their values), created_at (ISO time with
        its offset), tags (a list), due (an ISO date or None).
        """
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status.value,
            "created_at": self.created_at.isoformat(),
            "priority": self.priority.value,
            "tags": list(self.tags),
            "due": self.due.isoformat() if self.due else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Task:
        """Rebuild a task from `to_dict` output; raise ValueError when a field is missing or bad.

        The message names a missing field ("missing field 'title'"). priority, tags and due
        may be absent (their defaults); a created_at without a time zone is read as local time.
        A value of the wrong type (`true` as an id, a number as a date) is a ValueError too.
        """
        try:
            task_id, title, tags, due = (
                data["id"],
                data["title"],
                data.get("tags", []),
                data.get("due"),
            )
            if type(task_id) is not int or not isinstance(title, str):
                raise ValueError("id must be a number and title a string")
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                raise ValueError("tags must be a list of strings")
            created_at = datetime.fromisoformat(data["created_at"])
            if created_at.tzinfo is None:  # an older or hand-written file: read as local time
                created_at = created_at.astimezone()
            return cls(
                id=task_id,
                title=title,
                status=_lookup(_STATUS_BY_VALUE, data["status"], "status"),
                created_at=created_at,
                priority=_lookup(_PRIORITY_BY_VALUE, data.get("priority", "medium"), "priority"),
                tags=tuple(tags),
                due=date.fromisoformat(due) if due is not None else None,
            )
        except KeyError as missing:
            raise ValueError(f"missing field {missing}") from None
        except (TypeError, OverflowError) as error:  # OverflowError: a date at the calendar's end
            raise ValueError(str(error)) from None


E = TypeVar("E", Status, Priority)

# Plain dict look-ups: calling Status(value) costs several times more, felt at 10,000 tasks.
_STATUS_BY_VALUE = {status.value: status for status in Status}
_PRIORITY_BY_VALUE = {priority.value: priority for priority in Priority}


def _lookup(table: dict[str, E], value: object, field_name: str) -> E:
    """The enum member for a stored value; ValueError naming the field when it is unknown."""
    member = table.get(value) if isinstance(value, str) else None
    if member is None:
        # reprlib: a hostile file's value may be huge or nested deeply; the message stays short.
        shown = reprlib.repr(value)
        raise ValueError(f"unknown {field_name} {shown}: expected one of {', '.join(table)}")
    return member
