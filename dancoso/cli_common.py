"""Helpers shared by the command modules: translated help and a uniform subparser."""

from __future__ import annotations

import argparse
import sys

from quizzes.i18n import translate

from .messages import MESSAGES

__all__ = ["RawHelp", "tr", "add_command", "fail"]

RawHelp = argparse.RawDescriptionHelpFormatter


def tr(key: str, **values: object) -> str:
    return translate(MESSAGES, key, **values)


def add_command(subparsers, name: str, help_text: str, example: str) -> argparse.ArgumentParser:
    """A subcommand whose --help ends with a runnable example."""
    return subparsers.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog=f"Ví dụ / example:\n  {example}",
        formatter_class=RawHelp,
    )


def fail(message: str, code: int = 1) -> int:
    """Print a user-facing error (never a traceback) and return the exit code."""
    print(message, file=sys.stderr)
    return code
