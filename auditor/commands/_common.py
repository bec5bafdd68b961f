"""What several commands share: the data dir and the store from the global options."""

from __future__ import annotations

import argparse
import sys
import time
from typing import IO, TYPE_CHECKING

from auditor.paths import DataDir, resolve_data_dir

if TYPE_CHECKING:
    from auditor.store import Store
    from auditor.store.migrations import MigrationStep


def data_dir(args: argparse.Namespace) -> DataDir:
    return DataDir(resolve_data_dir(getattr(args, "data_dir", None)))


def open_store(args: argparse.Namespace, *, readonly: bool = False) -> Store:
    from auditor.store import open_store as _open

    meter = MigrationMeter()
    try:
        return _open(
            data_dir(args),
            passphrase_file=getattr(args, "passphrase_file", None),
            readonly=readonly,
            progress=meter,
        )
    finally:
        meter.close()


class MigrationMeter:
    """What a command says while it upgrades an existing store's schema (seconds per 100,000
    flows, so never silently): on a terminal one line redrawn at most five times a second,
    `upgrading the store: schema 6 (credential index) 42%`; otherwise one line per schema
    step, on stderr, so a script's output stays its own."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self._last = 0.0
        self._open_line = False

    def __call__(self, step: MigrationStep) -> None:
        text = f"upgrading the store: schema {step.version} ({step.purpose})"
        if not self.tty:
            if step.done == 0.0:
                self.stream.write(text + "\n")
                self.stream.flush()
            return
        now = time.monotonic()
        if 0.0 < step.done < 1.0 and now - self._last < 0.2:
            return
        self._last = now
        self.stream.write(f"\r{text} {int(100 * step.done)}%\x1b[K")
        self.stream.flush()
        self._open_line = True

    def close(self) -> None:
        if self._open_line:
            self.stream.write("\n")
            self.stream.flush()
            self._open_line = False
