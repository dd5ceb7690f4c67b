"""What a reviewer opens first: the licence, the CI workflow, the README's claims."""

import subprocess
import sys

from journey import REPO_ROOT

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "ci.yml"


def test_the_github_workflow_is_valid_and_runs_the_ci_script() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, f"Validated ci.yml against GitHub's schema. Got {done.stdout}"
    assert "bash .ci/run" in WORKFLOW.read_text(), "ci.yml must run the same .ci/run as CI"


def test_the_readme_shows_the_ci_badge_and_the_licence_exists() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    assert "actions/workflows/ci.yml/badge.svg" in readme, "README.md lacks the CI badge"
    assert (REPO_ROOT / "LICENSE").read_text().startswith("MIT License"), "LICENSE is missing"
