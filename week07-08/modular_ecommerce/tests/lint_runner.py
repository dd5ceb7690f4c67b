"""Run import-linter on several project folders in one Python process.

Starting import-linter takes about half a second; the architecture tests lint the
project and a planted copy per forbidden import, so they share one start. Run from a
test as a subprocess, so that the `app` package it analyses is each folder's own.

Usage: python lint_runner.py FOLDER [FOLDER ...]
Prints JSON: {folder: {"exit": 0 if every contract is kept, "output": the report}}.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys

from importlinter.cli import lint_imports


def lint(folder: str) -> dict[str, object]:
    """lint-imports in `folder` with its .importlinter, the report captured."""
    os.chdir(folder)
    report = io.StringIO()
    with contextlib.redirect_stdout(report), contextlib.redirect_stderr(report):
        try:
            code = lint_imports(config_filename=".importlinter", no_cache=True, no_logo=True)
        except Exception as error:  # a config import-linter cannot read is a result too
            print(f"{type(error).__name__}: {error}")
            code = 2
        finally:
            while folder in sys.path:  # lint_imports put the folder first on sys.path
                sys.path.remove(folder)
    return {"exit": code, "output": report.getvalue()}


if __name__ == "__main__":
    folders = [os.path.abspath(folder) for folder in sys.argv[1:]]
    print(json.dumps({folder: lint(folder) for folder in folders}))
