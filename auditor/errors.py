"""Errors that end a command with a one-line reason on stderr (exit 1), never a traceback."""

from __future__ import annotations


class AuditorError(Exception):
    """A failure the user can understand and act on. `str(err)` is the one line we print."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        # Keep the message to one line: it is printed as is.
        super().__init__(" ".join(message.split()))


class UsageError(AuditorError):
    exit_code = 2


class StoreKeyError(AuditorError):
    """No usable key for the encrypted store (no keyring, no passphrase, or a wrong one)."""


class InputFormatError(AuditorError):
    """An input file (HAR, flow file, policy document) is malformed."""
