"""Fill the database with demo users, posts and comments; safe to run any number of times.

    DATABASE_URL=postgresql://... python seed_data.py

Creates the tables when they are missing, then adds only the demo rows not already there
(users by username, posts by author and title, comments by post, author and text).
"""

import asyncio
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.database import Base, Sessions, make_engine
from app.models import Comment, Post, User  # importing app.models registers every table
from app.passwords import PasswordHasher

DEMO_PASSWORD = "demo-password"

USERS = [
    ("ada", "ada@example.com", "Ada Lovelace", "Writes about analytical engines."),
    ("charles", "charles@example.com", "Charles Babbage", "Builds difference engines."),
    ("grace", "grace@example.com", "Grace Hopper", "Compilers, COBOL and nanoseconds."),
    ("alan", "alan@example.com", "Alan Turing", None),
]

POSTS = [
    ("ada", "Notes on the Analytical Engine", "The engine weaves algebraic patterns."),
    ("ada", "Bernoulli numbers, step by step", "A table of operations for the engine."),
    ("charles", "Why the Difference Engine stalled", "Funding, precision and workshops."),
    ("grace", "The first compiler", "Teaching a computer to write its own programs."),
    ("grace", "A nanosecond of wire", "Thirty centimetres: why latency matters."),
    ("alan", "Can machines think?", "The imitation game, and what it tests."),
]

COMMENTS = [
    ("Notes on the Analytical Engine", "charles", "Lovely analogy with the loom."),
    ("Notes on the Analytical Engine", "grace", "Still the best intro to programming."),
    ("The first compiler", "alan", "Machines writing machines: I approve."),
    ("Can machines think?", "ada", "The engine has no pretensions to originate anything."),
    ("A nanosecond of wire", "charles", "I will keep one on my desk."),
]


@dataclass
class SeedReport:
    """How many demo rows this run added."""

    users: int = 0
    posts: int = 0
    comments: int = 0


async def seed(session: AsyncSession, passwords: PasswordHasher) -> SeedReport:
    """Add the missing demo rows and commit; existing rows are left as they are."""
    report = SeedReport()
    users: dict[str, User] = {}
    for username, email, full_name, bio in USERS:
        user = await session.scalar(select(User).where(User.username == username))
        if user is None:
            user = User(
                username=username,
                email=email,
                full_name=full_name,
                bio=bio,
                hashed_password=await passwords.hash(DEMO_PASSWORD),
            )
            session.add(user)
            report.users += 1
        users[username] = user
    await session.flush()
    posts: dict[str, Post] = {}
    for username, title, body in POSTS:
        author = users[username]
        found = select(Post).where(Post.author_id == author.id, Post.title == title)
        post = await session.scalar(found)
        if post is None:
            post = Post(author_id=author.id, title=title, body=body)
            session.add(post)
            report.posts += 1
        posts[title] = post
    await session.flush()
    for title, username, body in COMMENTS:
        post, author = posts[title], users[username]
        found_id = await session.scalar(
            select(Comment.id).where(
                Comment.post_id == post.id, Comment.author_id == author.id, Comment.body == body
            )
        )
        if found_id is None:
            session.add(Comment(post_id=post.id, author_id=author.id, body=body))
            report.comments += 1
    await session.commit()
    return report


async def seed_database(settings: Settings) -> SeedReport:
    """Create the missing tables of the database in `settings`, then seed them with
    passwords hashed at `settings.bcrypt_rounds`."""
    engine = make_engine(settings)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        async with Sessions.on(engine).write() as session:
            return await seed(session, PasswordHasher(settings.bcrypt_rounds))
    finally:
        await engine.dispose()


def main() -> None:
    """Seed the database named by DATABASE_URL (or .env) and say what was added."""
    report = asyncio.run(seed_database(Settings()))
    print(
        f"Seeded: {report.users} users, {report.posts} posts, {report.comments} comments added "
        f"(demo password for every user: {DEMO_PASSWORD!r})."
    )


if __name__ == "__main__":
    main()
