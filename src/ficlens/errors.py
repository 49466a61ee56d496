"""Errors a user can cause; the CLI prints `str(error)` as one line, without a traceback."""

from __future__ import annotations


class FiclensError(Exception):
    """A problem the user can fix (a missing file, an unreadable format), told in one line."""


class ReadError(FiclensError):
    """An input file that cannot be read as text."""
