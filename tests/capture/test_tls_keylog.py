"""`auditor capture --tls-keylog`: a real HTTPS request through the capture leaves the session's
TLS secrets (NSS key log, mode 0600) under the data dir, and `export --tls-keylog` hands them out."""

from __future__ import annotations

import stat
from pathlib import Path

from auditor.capture.ca import ensure_ca
from auditor.export.tlskeys import keylog_path
from auditor.paths import DataDir
from tests.helpers.capture import TEST_PASSPHRASE, CaptureProcess
from tests.helpers.cli import child_env, run_auditor
from tests.helpers.clients import via_proxy_https
from tests.helpers.store import all_flows
from tests.helpers.tls import LabPki
from tests.helpers.upstream import UpstreamServer


def _secret_labels(keylog: bytes) -> set[str]:
    return {line.split(b" ", 1)[0].decode() for line in keylog.splitlines() if line.strip()}


def test_capture_tls_keylog_records_secrets_and_export_hands_them_out(
    data_dir: DataDir, lab_pki: LabPki, https_upstream: UpstreamServer, tmp_path: Path
) -> None:
    session = "keylog run"  # a name that is not a safe file name as it stands
    cap = CaptureProcess(
        data_dir.root,
        session=session,
        sets=[f"ssl_verify_upstream_trusted_ca={lab_pki.ca_cert}"],
        extra_args=["--tls-keylog"],
    )
    with cap:
        answer = via_proxy_https(
            (cap.host, cap.port),
            "127.0.0.1",
            https_upstream.port,
            "/ok?keylog=1",
            ca_file=ensure_ca(data_dir).cert_pem,
        )
        assert answer.status == 200
        assert cap.terminate(timeout=60) == 0, cap.stderr
    assert "1 flows stored" in cap.stderr, cap.stderr
    flows = all_flows(data_dir.root, session=session)
    assert [f.request.path for f in flows if f.request] == ["/ok?keylog=1"]

    keylog = keylog_path(DataDir(data_dir.root), session)
    assert keylog.is_file(), cap.stderr
    assert stat.S_IMODE(keylog.stat().st_mode) == 0o600
    labels = _secret_labels(keylog.read_bytes())
    # TLS 1.3 on both legs (client-proxy and proxy-server): handshake and traffic secrets.
    assert any(label.startswith("CLIENT_") for label in labels), labels
    assert labels <= {
        "CLIENT_RANDOM",
        "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
        "SERVER_HANDSHAKE_TRAFFIC_SECRET",
        "CLIENT_TRAFFIC_SECRET_0",
        "SERVER_TRAFFIC_SECRET_0",
        "EXPORTER_SECRET",
    }, labels
    # Both legs were logged: one client random per handshake, so at least two distinct ones.
    randoms = {
        line.split(b" ")[1]
        for line in keylog.read_bytes().splitlines()
        if line.startswith(b"CLIENT_HANDSHAKE_TRAFFIC_SECRET") or line.startswith(b"CLIENT_RANDOM")
    }
    assert len(randoms) >= 2, keylog.read_text()

    out = tmp_path / "export" / "flows.jsonl"
    out.parent.mkdir()
    env = child_env(data_dir.root, passphrase=TEST_PASSPHRASE)
    proc = run_auditor(
        ["export", "jsonl", "--session", session, "-o", str(out), "--tls-keylog"], env=env
    )
    assert proc.returncode == 0, proc.stderr
    exported = out.with_name(out.name + ".keylog")
    assert exported.read_bytes() == keylog.read_bytes()
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    assert out.read_text().count("\n") == 1


def test_capture_without_tls_keylog_writes_no_key_log(
    data_dir: DataDir, lab_pki: LabPki, https_upstream: UpstreamServer, tmp_path: Path
) -> None:
    cap = CaptureProcess(
        data_dir.root, session="plain", sets=[f"ssl_verify_upstream_trusted_ca={lab_pki.ca_cert}"]
    )
    with cap:
        answer = via_proxy_https(
            (cap.host, cap.port),
            "127.0.0.1",
            https_upstream.port,
            "/ok",
            ca_file=ensure_ca(data_dir).cert_pem,
        )
        assert answer.status == 200
        assert cap.terminate(timeout=60) == 0, cap.stderr
    assert not keylog_path(data_dir, "plain").exists()
    out = tmp_path / "flows.jsonl"
    env = child_env(data_dir.root, passphrase=TEST_PASSPHRASE)
    proc = run_auditor(
        ["export", "jsonl", "--session", "plain", "-o", str(out), "--tls-keylog"], env=env
    )
    assert proc.returncode == 1, proc.stderr
    assert "no TLS key log" in proc.stderr and "Traceback" not in proc.stderr
