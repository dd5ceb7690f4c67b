"""The journey package: PostgreSQL harness, pytest plugin and progress runner."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
"""The repository root (the folder holding curriculum.toml)."""

STATE_DIR = REPO_ROOT / ".journey"
"""Git-ignored working folder: embedded PostgreSQL data, logs, results."""
