"""Drives `auditor capture` as a child process: start on port 0, read the real port from the first
line of stdout (`listening on HOST:PORT`), stop with SIGTERM (flush, exit 0) or SIGKILL."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import psutil

from tests.helpers.cli import ROOT, auditor_argv, child_env

LISTENING = re.compile(r"^listening on (?P<host>\[[^\]]+\]|[^\s:]+):(?P<port>\d+)\s*$")
TEST_PASSPHRASE = "correct horse battery staple, reliability suite"


class CaptureError(RuntimeError):
    pass


class CaptureProcess:
    """One `auditor capture` child. Output is collected in memory (a thread drains each pipe)."""

    def __init__(
        self,
        data_dir: Path,
        *,
        session: str = "test",
        listen: str = "127.0.0.1:0",
        sinkhole: Sequence[str] = (),
        sets: Sequence[str] = (),
        extra_args: Sequence[str] = (),
        passphrase: str | None = TEST_PASSPHRASE,
        env: Mapping[str, str] | None = None,
        wrapper: Sequence[str] = (),
    ) -> None:
        self.data_dir = data_dir
        args = ["capture", "--listen", listen, "--session", session]
        for pattern in sinkhole:
            args += ["--sinkhole", pattern]
        for option in sets:
            args += ["--set", option]
        args += list(extra_args)
        self.argv = [*wrapper, *auditor_argv(), *args]
        self.env = dict(env) if env is not None else child_env(data_dir, passphrase=passphrase)
        self.proc: subprocess.Popen[bytes] | None = None
        self.stdout_lines: list[str] = []
        self.stderr_chunks: list[bytes] = []
        self.host = ""
        self.port = 0
        self._first_line = threading.Event()
        self._threads: list[threading.Thread] = []

    # -- output ------------------------------------------------------------------------------

    def _drain_stdout(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        for raw in iter(self.proc.stdout.readline, b""):
            self.stdout_lines.append(raw.decode("utf-8", "replace").rstrip("\r\n"))
            self._first_line.set()
        self._first_line.set()

    def _drain_stderr(self) -> None:
        assert self.proc is not None and self.proc.stderr is not None
        stream = self.proc.stderr
        for chunk in iter(lambda: os.read(stream.fileno(), 65536), b""):
            self.stderr_chunks.append(chunk)

    @property
    def stdout(self) -> str:
        return "\n".join(self.stdout_lines)

    @property
    def stderr(self) -> str:
        return b"".join(self.stderr_chunks).decode("utf-8", "replace")

    # -- life cycle ----------------------------------------------------------------------------

    def start(self, timeout: float = 30) -> CaptureProcess:
        self.proc = subprocess.Popen(
            self.argv,
            env=self.env,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for target in (self._drain_stdout, self._drain_stderr):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)
        if not self._first_line.wait(timeout):
            self.kill()
            raise CaptureError(f"no first line within {timeout}s; stderr: {self.stderr[-2000:]}")
        first = self.stdout_lines[0] if self.stdout_lines else ""
        match = LISTENING.match(first)
        if not match:
            self.wait(timeout=10)
            raise CaptureError(
                f"first stdout line is {first!r}, not 'listening on HOST:PORT'; "
                f"exit {self.proc.returncode}; stderr: {self.stderr[-2000:]}"
            )
        self.host = match["host"].strip("[]")
        self.port = int(match["port"])
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    @property
    def proxy_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def wait(self, timeout: float = 30) -> int:
        assert self.proc is not None
        try:
            code = self.proc.wait(timeout=timeout)
        finally:
            for thread in self._threads:
                thread.join(timeout=5)
        return code

    def terminate(self, timeout: float = 60) -> int:
        """SIGTERM, then wait: the promise is flush and exit 0."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise CaptureError(f"capture did not exit within {timeout}s of SIGTERM") from None

    def kill(self) -> None:
        """SIGKILL the capture and every child it started."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            children = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.Error:
            children = []
        self.proc.kill()
        for child in children:
            try:
                child.kill()
            except psutil.Error:
                pass
        self.wait(timeout=10)

    def rss_bytes(self) -> int:
        """Resident memory of the capture and its children."""
        total = 0
        try:
            root = psutil.Process(self.pid)
            for proc in [root, *root.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        return total

    def __enter__(self) -> CaptureProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.alive():
            try:
                self.terminate(timeout=20)
            except CaptureError:
                pass
        self.kill()


@contextmanager
def environment(values: Mapping[str, str | None]) -> Iterator[None]:
    """Sets (or with None, removes) environment variables for the block, then restores them."""
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def wait_until(predicate: Callable[[], bool], timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()
