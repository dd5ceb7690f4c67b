#!/usr/bin/env python3
"""Entry point: python main.py --help (or link it as `tasks`, see README: shell completion)."""

from cli import cli

if __name__ == "__main__":
    cli()
