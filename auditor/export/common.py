"""What the exporters share: the `_auditor` extension, progress on stderr and atomic output."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from auditor.errors import AuditorError
from auditor.records import FlowRecord, to_spec_dict

ProgressCallback = Callable[[int], None]


def extension_for(record: FlowRecord, *, redacted: bool) -> dict[str, Any]:
    """Everything about a flow that HAR and mitmproxy have no field for (read back on import)."""
    spec = to_spec_dict(record, redact_credentials=False, include_bodies=False)
    for key in ("request", "response"):
        part = spec.pop(key)
        msg = getattr(record, key)
        if part is not None and msg is not None:
            spec[key] = {
                "size": part["size"],
                "body_truncated": part["body_truncated"],
                "body_absent": msg.body is None,
            }
    # Clause texts come from the shipped policy packs (document, version, section find them):
    # repeating them in every flow would make flow files several times larger.
    for finding in spec["policy"]:
        finding.pop("quote", None)
    spec["redacted"] = redacted
    return spec


class Progress:
    """`exporting 1200/5000 flows (24%)` on stderr, redrawn at most five times a second."""

    def __init__(
        self,
        total: int | None,
        *,
        enabled: bool,
        what: str = "exporting",
        stream: IO[str] | None = None,
    ) -> None:
        self.total = total
        self.enabled = enabled
        self.what = what
        self.stream = stream or sys.stderr
        self._last = 0.0
        self.count = 0

    @staticmethod
    def wanted(flag: bool) -> bool:
        return flag or sys.stderr.isatty()

    def __call__(self, count: int) -> None:
        self.count = count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.2 and count != self.total:
            return
        self._last = now
        self._draw()

    def _draw(self) -> None:
        if self.total:
            pct = 100 * self.count // max(1, self.total)
            text = f"{self.what} {self.count}/{self.total} flows ({pct}%)"
        else:
            text = f"{self.what} {self.count} flows"
        self.stream.write("\r" + text)
        self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()


def counted(
    records: Iterable[FlowRecord], progress: ProgressCallback | None
) -> Iterator[FlowRecord]:
    for n, record in enumerate(records, start=1):
        yield record
        if progress is not None:
            progress(n)


@contextmanager
def atomic_output(path: Path, mode: str = "wb", *, private: bool = False) -> Iterator[IO[Any]]:
    """Write to a temporary file next to `path` and move it into place only when complete, so a
    failed export never leaves a half-written file that looks whole.

    The file is made owner-only (0600) from its first byte; it keeps that mode when `private`
    (unredacted output: credentials and identifiers in clear) and gets the usual mode (0666
    less the umask) otherwise."""
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise AuditorError(f"cannot write {path}: folder {path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    fh: IO[Any]
    try:
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        # Closed below, once the caller has written into it.
        encoding = None if "b" in mode else "utf-8"
        fh = os.fdopen(fd, mode, encoding=encoding)
    except OSError as err:
        raise AuditorError(f"cannot write {path}: {err.strerror or err}") from None
    try:
        with fh:
            yield fh
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as err:
        # A full disk, a quota, a folder where the file should go: one line, and no file.
        tmp.unlink(missing_ok=True)
        raise AuditorError(f"cannot write {path}: {err.strerror or err}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
