"""Meeting clients found on the machine, for "Launch a client"."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from ui.capture import launch_arguments, trust_instructions
from ui.clients import find_clients, installed_clients


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux install paths")
def test_a_client_on_path_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe = tmp_path / "teams-for-linux"
    exe.write_text("#!/bin/sh\nexit 0\n")
    exe.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    found = {c.app: c for c in installed_clients()}
    assert found["teams"].command == (str(exe),)
    assert found["teams"].title == "Microsoft Teams"
    assert any(c.app == "teams" for c in find_clients())


def test_launch_arguments_and_trust_text(tmp_path: Path) -> None:
    args = launch_arguments(("/opt/zoom/zoom", "--url=x"), "s", tmp_path)
    assert args == [
        "--data-dir",
        str(tmp_path),
        "launch",
        "--session",
        "s",
        "--",
        "/opt/zoom/zoom",
        "--url=x",
    ]
    for platform, needle in (
        ("linux", "update-ca-certificates"),
        ("darwin", "add-trusted-cert"),
        ("win32", "certutil"),
    ):
        assert needle in trust_instructions("/ca.pem", platform)
