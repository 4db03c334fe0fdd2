"""Entry point for ``python -m timeline``."""

from timeline.cli import run

run()
