"""Runs the `auditor` command line as a child process, the way users and scripts do."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def auditor_argv() -> list[str]:
    """argv prefix that runs `auditor` (the real entry point)."""
    return [sys.executable, "-m", "auditor"]


def child_env(
    data_dir: Path | None = None,
    *,
    passphrase: str | None = None,
    extra: Mapping[str, str] | None = None,
    drop: Sequence[str] = (),
) -> dict[str, str]:
    env = dict(os.environ)
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        env.pop(name, None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONUNBUFFERED"] = "1"
    if data_dir is not None:
        env["AUDITOR_DATA_DIR"] = str(data_dir)
    if passphrase is not None:
        env["AUDITOR_PASSPHRASE"] = passphrase
    for name in drop:
        env.pop(name, None)
    env.update(extra or {})
    return env


def run_auditor(
    args: Sequence[str],
    *,
    env: Mapping[str, str],
    timeout: float = 60,
    input_bytes: bytes | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*auditor_argv(), *args],
        env=dict(env),
        cwd=ROOT,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        input=None if input_bytes is None else input_bytes.decode(),
    )


def main_in_process(argv: Sequence[str]) -> tuple[int, str, str]:
    """Runs the command line in this process (no interpreter start-up), as `auditor ARGV` would:
    (exit code, stdout, stderr). Exceptions other than AuditorError escape, as they would as a
    traceback."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            from auditor.cli import main

            code = main(list(argv))
        except SystemExit as exit_:  # argparse usage errors
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()
