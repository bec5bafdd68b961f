"""The auditor itself opens no outbound connection: labelling, policy packs, the public suffix
list and the CA all work offline. Checked in a network namespace of the test's own, where any
attempt to leave is a packet we can see, and by watching the capture's sockets."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import ROOT, child_env
from tests.helpers.clients import via_proxy_http
from tests.helpers.fixtures import CaptureFactory
from tests.helpers.netns_probe import remote_connections
from tests.helpers.upstream import UpstreamServer


def _can_unshare() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None or shutil.which("ip") is None:
        return False
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    return probe.returncode == 0


def test_no_packet_leaves_a_private_namespace(tmp_path: Path) -> None:
    if not _can_unshare():
        pytest.fail(
            "needs root and unshare(1) for a private network namespace (CI and `make test` run as root)"
        )
    out = tmp_path / "probe.json"
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    env = child_env(data)
    subprocess.run(
        [
            "unshare",
            "-n",
            "--",
            sys.executable,
            "-m",
            "tests.helpers.netns_probe",
            "--data-dir",
            str(data),
            "--out",
            str(out),
        ],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=180,
    )
    result = json.loads(out.read_text())
    assert "error" not in result, result
    assert result["exit_code"] == 0, result["stderr_tail"]
    # End to end on loopback: sinkholed answers (204) and the local upstream (200) all came back.
    assert sorted(set(result["statuses"])) == [200, 204], result["statuses"]
    assert result["upstream_requests"] == 5  # only the non-sinkholed requests reached a server
    assert result["flows"] == len(result["statuses"])
    assert result["remote_connections"] == []
    assert result["packets"] == [], f"outbound attempts: {result['packets'][:10]}"


def test_capture_sockets_stay_on_loopback(
    capture_factory: CaptureFactory, upstream: UpstreamServer
) -> None:
    """Without a namespace: every socket of the capture process has a loopback peer."""
    capture = capture_factory(session="sockets", sinkhole=["telemetry.example.com"])
    seen: list[str] = []
    for i in range(20):
        via_proxy_http((capture.host, capture.port), f"http://telemetry.example.com/e?n={i}")
        via_proxy_http((capture.host, capture.port), upstream.url(f"/ok?n={i}"))
        seen += remote_connections(capture.pid)
    assert capture.terminate() == 0
    assert seen == []
