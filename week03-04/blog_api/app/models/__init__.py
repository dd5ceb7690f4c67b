"""ORM models; importing this package registers every table on Base.metadata."""

from app.models.comment import Comment
from app.models.post import Post
from app.models.user import User

__all__ = ["Comment", "Post", "User"]
