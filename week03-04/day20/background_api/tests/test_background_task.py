"""Day 20: the welcome email runs in the background, after the response has been sent."""

import time
from datetime import UTC, datetime

import httpx
import pytest
from fastapi.testclient import TestClient

from conftest import EMAIL_DELAY_SECONDS

pytestmark = pytest.mark.day(20)

ADA = {"name": "Ada", "email": "ada@example.com"}


def wait_for_emails(client: httpx.Client, count: int, timeout: float = 5.0) -> list[dict[str, str]]:
    """Poll GET /outbox until it holds count emails, or fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sent: list[dict[str, str]] = client.get("/outbox").json()
        if len(sent) >= count:
            return sent
        time.sleep(0.05)
    raise AssertionError(f"Polled GET /outbox for {timeout} s. Got fewer than {count} emails")


def test_response_arrives_before_the_email_is_sent(server_url: str) -> None:
    with httpx.Client(base_url=server_url) as client:
        start = time.perf_counter()
        response = client.post("/users", json=ADA)
        elapsed = time.perf_counter() - start
        answered_at = datetime.now(UTC)
        outbox_right_after = client.get("/outbox").json()
        sent = wait_for_emails(client, 1)
    assert response.status_code == 201, f"Called POST /users. Got {response.status_code}"
    assert elapsed < EMAIL_DELAY_SECONDS / 2, (
        f"Called POST /users on a real server. Got the answer after {elapsed:.2f} s, "
        f"expected well before the {EMAIL_DELAY_SECONDS} s email"
    )
    assert outbox_right_after == [], (
        f"Called GET /outbox right after the answer. Got {outbox_right_after}, expected []"
    )
    sent_at = datetime.fromisoformat(sent[0]["sent_at"])
    assert sent_at > answered_at, (
        f"Compared times. Email sent at {sent_at}, response received at {answered_at}: "
        "expected the email after the response"
    )


def test_welcome_email_is_addressed_to_the_new_user(client: TestClient) -> None:
    # TestClient returns only once the background task has finished.
    client.post("/users", json=ADA)
    sent = client.get("/outbox").json()
    got = [(email["to"], email["subject"]) for email in sent]
    assert got == [("ada@example.com", "Welcome!")], (
        f"Called GET /outbox after one signup. Got {got}, expected one welcome email to Ada"
    )
    assert "Hello Ada, your account #1" in sent[0]["body"], f"Read the body: {sent[0]['body']}"


@pytest.mark.parametrize(
    "second_body",
    [ADA, {"name": "", "email": "nope"}],
    ids=["duplicate-email-409", "invalid-body-422"],
)
def test_rejected_signup_sends_no_email(client: TestClient, second_body: dict[str, str]) -> None:
    client.post("/users", json=ADA)
    rejected = client.post("/users", json=second_body)
    count = len(client.get("/outbox").json())
    assert rejected.status_code in (409, 422) and count == 1, (
        f"Called POST /users with {second_body}. Got {rejected.status_code} and {count} emails, "
        "expected a 409/422 and only the first email"
    )
