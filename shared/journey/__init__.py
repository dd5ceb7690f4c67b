"""The journey package: PostgreSQL harness, pytest plugin and progress runner."""

import os
from pathlib import Path

REPO_ROOT = Path(os.environ.get("JOURNEY_ROOT") or Path(__file__).resolve().parents[2])
"""The repository root (the folder holding curriculum.toml); ``JOURNEY_ROOT`` overrides it
(the harness's own tests run the learner's commands on a small journey of their own)."""

STATE_DIR = REPO_ROOT / ".journey"
"""Git-ignored working folder: embedded PostgreSQL data, logs, results."""
