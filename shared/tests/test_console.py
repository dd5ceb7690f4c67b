"""The Makefile answers a wrong argument with one line naming what is valid."""

import os
import signal
import socket
import subprocess
import time

import httpx
import pytest

from journey import REPO_ROOT


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("test-week", "12"), "choose 1-8"),
        (("test-day", "99"), "choose 1-56"),
        (("run", "P=nope"), "choose one of blog_api"),
    ],
)
def test_a_wrong_argument_names_what_is_valid(args: tuple[str, ...], expected: str) -> None:
    done = make(*args)
    output = done.stdout + done.stderr
    assert done.returncode != 0, f"Called make {' '.join(args)}. Got exit 0, expected a failure"
    assert expected in output, f"Called make {' '.join(args)}. Got {output!r}, no {expected!r}"
    assert "Traceback" not in output, f"Called make {' '.join(args)}. Got a traceback: {output}"


@pytest.mark.parametrize(("port", "expected"), [("abc", "PORT must be"), ("70000", "PORT must be")])
def test_make_run_refuses_a_bad_port_in_one_line(port: str, expected: str) -> None:
    done = subprocess.run(
        ["make", "--no-print-directory", "run", "P=first_api"],
        cwd=REPO_ROOT,
        env={**os.environ, "PORT": port},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode != 0 and expected in output, f"PORT={port}: got {output!r}"
    assert "Serving" not in output and "Traceback" not in output, output


def test_make_run_refuses_a_port_in_use() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            ["make", "--no-print-directory", "run", "P=first_api"],
            cwd=REPO_ROOT,
            env={**os.environ, "PORT": str(port)},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    output = done.stdout + done.stderr
    assert done.returncode != 0 and "in use" in output, f"PORT={port} taken: got {output!r}"
    assert "Serving" not in output, f"It claimed to serve on a taken port: {output!r}"


def test_make_run_serves_and_ctrl_c_stops_the_server() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        ["make", "--no-print-directory", "run", "P=first_api"],
        cwd=REPO_ROOT,
        env={**os.environ, "PORT": str(port)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        status = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and status is None:
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1).status_code
            except httpx.TransportError:
                time.sleep(0.2)
        assert status == 200, f"Called GET /openapi.json on make run. Got {status}, expected 200"
    finally:
        os.killpg(server.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's group
        server.wait(timeout=20)
    with socket.socket() as again:
        again.bind(("127.0.0.1", port))  # raises if the server outlived Ctrl-C
