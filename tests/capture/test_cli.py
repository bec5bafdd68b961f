"""`auditor capture`, `auditor launch` and `auditor ca` as child processes, writing the real store."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import psutil
import pytest
from cryptography import x509

from auditor.errors import UsageError
from auditor.paths import DataDir
from tests.helpers.capture import TEST_PASSPHRASE, CaptureProcess
from tests.helpers.cli import child_env, run_auditor
from tests.helpers.load import proxied_client
from tests.helpers.store import all_flows
from tests.helpers.tls import LabPki
from tests.helpers.upstream import UpstreamServer


def _env(data_dir: DataDir, **extra: str) -> dict[str, str]:
    return child_env(data_dir.root, passphrase=TEST_PASSPHRASE, extra=extra)


def test_capture_listens_on_loopback_only_and_sigterm_stores_everything(
    data_dir: DataDir, lab_pki: LabPki, tmp_path: Path
) -> None:
    jsonl = tmp_path / "flows.jsonl"
    with UpstreamServer() as plain:
        cap = CaptureProcess(
            data_dir.root,
            session="flush",
            listen="127.0.0.1:0",
            sets=[f"ssl_verify_upstream_trusted_ca={lab_pki.ca_cert}"],
            extra_args=["--jsonl", str(jsonl)],
        )
        with cap:
            assert cap.stdout_lines[0] == f"listening on 127.0.0.1:{cap.port}"
            listening = [
                c.laddr
                for c in psutil.Process(cap.pid).net_connections(kind="inet")
                if c.status == psutil.CONN_LISTEN
            ]
            assert listening and all(addr.ip == "127.0.0.1" for addr in listening), listening
            # A request still waiting for its answer when SIGTERM comes is stored too.
            hanging = threading.Thread(
                target=proxied_client,
                args=("127.0.0.1", cap.port, lambda i: plain.url("/hang"), 1),
                kwargs={"timeout": 20},
                daemon=True,
            )
            hanging.start()
            result = proxied_client("127.0.0.1", cap.port, lambda i: plain.url(f"/ok?n={i}"), 40)
            assert result.answered == 40, result.errors
            code = cap.terminate(timeout=30)
        assert code == 0, cap.stderr
        assert "41 flows stored" in cap.stderr
        assert "DROPPED" not in cap.stderr
    flows = all_flows(data_dir.root, session="flush")
    paths = sorted(f.request.path for f in flows if f.request)
    assert len(flows) == 41
    assert paths.count("/hang") == 1 and {f"/ok?n={i}" for i in range(40)} <= set(paths)
    hang = next(f for f in flows if f.request and f.request.path == "/hang")
    assert hang.response is None and hang.error and "capture stopped" in hang.error
    assert all(f.process.pid == os.getpid() for f in flows)
    lines = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert len(lines) == 41 and all(rec["session"] == "flush" for rec in lines)


def test_non_loopback_listen_is_refused(data_dir: DataDir) -> None:
    # Other spellings are covered in test_options.py; here the whole command's behaviour.
    for listen in ("0.0.0.0:0",):
        proc = run_auditor(["capture", "--listen", listen], env=_env(data_dir), timeout=30)
        assert proc.returncode == 2, (listen, proc.stderr)
        assert proc.stdout == ""
        assert len(proc.stderr.strip().splitlines()) == 1 and "loopback" in proc.stderr


def test_port_in_use_is_a_one_line_error(data_dir: DataDir) -> None:
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        proc = run_auditor(
            ["capture", "--listen", f"127.0.0.1:{port}"], env=_env(data_dir), timeout=30
        )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("auditor: error:"), proc.stderr
    assert "address already in use" in lines[0] and str(port) in lines[0]
    assert "Traceback" not in proc.stderr


def test_local_mode_without_redirector_is_a_clear_error(data_dir: DataDir) -> None:
    proc = run_auditor(["capture", "--mode", "local:curl"], env=_env(data_dir), timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("auditor: error:"), proc.stderr
    assert "local capture mode could not start" in lines[0]


def test_ca_path_is_generated_once_with_a_private_key(data_dir: DataDir) -> None:
    first = run_auditor(["ca", "path"], env=_env(data_dir))
    second = run_auditor(["ca", "path"], env=_env(data_dir))
    assert first.returncode == 0 and first.stdout == second.stdout
    path = Path(first.stdout.strip())
    assert path.parent == data_dir.ca_dir and path.name == "mitmproxy-ca-cert.pem"
    cert = x509.load_pem_x509_certificate(path.read_bytes())
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert b"PRIVATE KEY" not in path.read_bytes()
    key = data_dir.ca_dir / "mitmproxy-ca.pem"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(data_dir.ca_dir.stat().st_mode) == 0o700


# A launched child: reports the set-up it was given, calls a lab server, then runs real telemetry
# SDKs (their endpoints sinkholed, so all of this works offline) and exits with its own code.
LAUNCHED = textwrap.dedent(
    """
    import json, os, sys, urllib.request
    status = urllib.request.urlopen(sys.argv[1], timeout=10).status
    print(json.dumps({"status": status, "no_proxy": os.environ.get("NO_PROXY"),
                      "env": {k: os.environ.get(k) for k in ("HTTPS_PROXY", "http_proxy",
                      "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "NODE_USE_ENV_PROXY",
                      "AUDITOR_LAUNCH_TAG")}}), flush=True)

    import sentry_sdk
    sentry_sdk.init(dsn="https://abc123public@o4501.ingest.sentry.io/4502", traces_sample_rate=0.0)
    sentry_sdk.set_user({"email": "ada@example.com", "id": "user-42"})
    sentry_sdk.capture_message("meeting joined")
    sentry_sdk.flush(timeout=10)

    from posthog import Posthog
    ph = Posthog("phc_testkey123", host="https://us.i.posthog.com", sync_mode=True)
    ph.capture(distinct_id="device-77", event="meeting_started", properties={"meeting_id": "123-456"})
    ph.shutdown()

    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(OTLPSpanExporter(endpoint="https://otel.example-collector.net/v1/traces")))
    with provider.get_tracer("meeting").start_as_current_span("join"):
        pass
    provider.shutdown()
    sys.exit(3)
    """
)


def test_launched_child_is_set_up_tagged_and_its_sdk_telemetry_recorded_offline(
    data_dir: DataDir, lab_pki: LabPki, https_upstream: UpstreamServer
) -> None:
    proc = run_auditor(
        [
            "launch",
            "--session",
            "sdks",
            "--set",
            f"ssl_verify_upstream_trusted_ca={lab_pki.ca_cert}",
            "--sinkhole",
            "sentry.io",
            "--sinkhole",
            "posthog.com",
            "--sinkhole",
            "re:/v1/traces$",
            "--sinkhole-status",
            "200",
            "--",
            sys.executable,
            "-c",
            LAUNCHED,
            https_upstream.url("/ok?launched", host="localhost"),
        ],
        env=_env(data_dir, NO_PROXY=""),
        timeout=90,
    )
    assert proc.returncode == 3, proc.stderr  # the child's exit code
    seen = json.loads(proc.stdout.strip().splitlines()[0])
    assert seen["status"] == 200
    assert seen["no_proxy"] is None  # an empty NO_PROXY is removed, not passed on empty
    ca_path = str(data_dir.ca_dir / "mitmproxy-ca-cert.pem")
    assert seen["env"]["SSL_CERT_FILE"] == ca_path == seen["env"]["REQUESTS_CA_BUNDLE"]
    assert seen["env"]["NODE_EXTRA_CA_CERTS"] == ca_path
    assert seen["env"]["NODE_USE_ENV_PROXY"] == "1"
    assert seen["env"]["HTTPS_PROXY"].startswith("http://127.0.0.1:")
    assert seen["env"]["http_proxy"] == seen["env"]["HTTPS_PROXY"]
    tag = seen["env"]["AUDITOR_LAUNCH_TAG"]
    assert tag.startswith("sdks:")

    flows = all_flows(data_dir.root, session="sdks")
    assert all(f.process.launch_tag == tag for f in flows)
    assert all(f.process.cmdline and f.process.cmdline[:2] == [sys.executable, "-c"] for f in flows)
    by_host: dict[str, list] = {}
    for flow in flows:
        by_host.setdefault(flow.host or "", []).append(flow)
    (lab,) = by_host.pop("localhost")
    assert lab.request is not None and lab.request.path == "/ok?launched" and not lab.sinkholed
    assert all(f.sinkholed for hosts in by_host.values() for f in hosts)
    sentry = by_host["o4501.ingest.sentry.io"]
    assert any(f.request and f.request.path.startswith("/api/4502/envelope/") for f in sentry)
    posthog = by_host["us.i.posthog.com"]
    assert any(
        f.request and f.request.body and b"meeting_started" in f.request.body for f in posthog
    )
    (otlp,) = by_host["otel.example-collector.net"]
    assert otlp.request is not None
    assert otlp.request.header("content-type") == "application/x-protobuf"
    assert otlp.request.body and b"join" in otlp.request.body


# A launched program whose helper starts with an environment of its own making, as Chromium and
# Electron start their network service: the helper's flows still carry the launch tag.
HELPER_WITH_OWN_ENV = textwrap.dedent(
    """
    import os, subprocess, sys
    helper = (
        "import ssl, sys, urllib.request\\n"
        "proxy, ca, url = sys.argv[1:4]\\n"
        "opener = urllib.request.build_opener(urllib.request.ProxyHandler({'https': proxy}),"
        " urllib.request.HTTPSHandler(context=ssl.create_default_context(cafile=ca)))\\n"
        "print(opener.open(url, timeout=10).status, flush=True)\\n"
    )
    argv = [sys.executable, "-c", helper, os.environ["HTTPS_PROXY"], os.environ["SSL_CERT_FILE"],
            sys.argv[1]]
    done = subprocess.run(argv, env={}, capture_output=True, text=True, timeout=30)
    print(done.stdout.strip(), done.stderr[-500:], flush=True)
    """
)


def test_launch_tag_reaches_a_helper_started_with_a_clean_environment(
    data_dir: DataDir, lab_pki: LabPki, https_upstream: UpstreamServer
) -> None:
    proc = run_auditor(
        [
            "launch",
            "--session",
            "clean-env",
            "--set",
            f"ssl_verify_upstream_trusted_ca={lab_pki.ca_cert}",
            "--",
            sys.executable,
            "-c",
            HELPER_WITH_OWN_ENV,
            https_upstream.url("/ok?helper", host="localhost"),
        ],
        env=_env(data_dir),
        timeout=90,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[0] == "200", proc.stdout
    (flow,) = all_flows(data_dir.root, session="clean-env")
    assert flow.request is not None and flow.request.path == "/ok?helper"
    assert flow.process.cmdline is not None and flow.process.cmdline[1] == "-c"
    assert "proxy, ca, url" in flow.process.cmdline[2]  # the helper, not the launched program
    assert flow.process.launch_tag and flow.process.launch_tag.startswith("clean-env:")


CHROMIUM_PAGE = """<html><body><script>
fetch("https://telemetry.vendor-lab.example/v1/events",
      {method: "POST", mode: "no-cors", body: JSON.stringify({event: "meeting_joined"})});
</script></body></html>"""


def test_launched_chromium_flows_carry_the_launch_tag(data_dir: DataDir, tmp_path: Path) -> None:
    # Chromium overwrites its environment block with process titles and starts its network
    # service with an environment of its own: the tag must come from the launch itself.
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "chromium is missing: scripts/setup-system.sh installs it"
    page = tmp_path / "page.html"
    page.write_text(CHROMIUM_PAGE)
    proc = run_auditor(
        [
            "launch",
            "--session",
            "browser",
            "--sinkhole",
            "*",
            "--",
            chromium,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=5000",
            "--dump-dom",
            page.as_uri(),
        ],
        env=_env(data_dir),
        timeout=90,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    flows = all_flows(data_dir.root, session="browser")
    (event,) = [f for f in flows if f.host == "telemetry.vendor-lab.example"]
    # Decrypted (Chromium trusted our CA through the switches) and answered by the sinkhole.
    assert event.request is not None and event.request.body == b'{"event":"meeting_joined"}'
    assert event.sinkholed and event.response is not None and event.response.status == 204
    assert event.process.name == "chromium" and event.process.launch_tag
    assert event.process.launch_tag.startswith("browser:")
    assert all(f.process.launch_tag == event.process.launch_tag for f in flows)


NODE_CLIENT = """
const https = require("https");
const req = https.request("https://telemetry.vendor-lab.example/v1/node", {method: "POST"},
  (res) => { console.log("status " + res.statusCode); res.resume(); });
req.on("error", (err) => console.log("error " + err.code));
req.setTimeout(5000, () => req.destroy(new Error("timeout")));
req.end('{"event":"node_started"}');
"""


def test_launched_node_is_captured_or_the_user_is_warned(data_dir: DataDir) -> None:
    # Node.js honours HTTPS_PROXY only with NODE_USE_ENV_PROXY, and only in recent releases: a
    # launched Node program either goes through the capture, or launch says it will not.
    node = shutil.which("node")
    assert node, "node is missing: scripts/setup-system.sh installs it"
    proc = run_auditor(
        ["launch", "--session", "node", "--sinkhole", "*", "--", node, "-e", NODE_CLIENT],
        env=_env(data_dir),
        timeout=90,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    flows = [f for f in all_flows(data_dir.root, session="node") if f.request is not None]
    warned = [line for line in proc.stderr.splitlines() if line.startswith("auditor: warning:")]
    if flows:
        (flow,) = flows
        assert flow.request is not None and flow.request.body == b'{"event":"node_started"}'
        assert "status 204" in proc.stdout and not warned
    else:
        assert "status" not in proc.stdout  # it went past the proxy (and found no server)
        (line,) = warned
        assert "Node.js v" in line and "bypass the capture" in line


def test_launch_of_a_missing_program_is_a_usage_error(data_dir: DataDir) -> None:
    from auditor.commands import launch

    args = argparse.Namespace(
        command=["--", "no-such-program-xyz"], data_dir=str(data_dir.root), passphrase_file=None
    )
    with pytest.raises(UsageError, match="not found"):
        launch.run(args)


def test_ca_spki_is_the_base64_sha256_of_the_public_key(data_dir: DataDir) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", "ca", "spki"],
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0 and len(proc.stdout.strip()) == 44  # base64 of 32 bytes


GOODBYE = textwrap.dedent(
    """
    import signal, sys, time, urllib.request
    def goodbye(signum, frame):
        # A client that reports home on the way out: its last request must be stored too.
        urllib.request.urlopen(sys.argv[1], timeout=10).read()
        sys.exit(0)
    signal.signal(signal.SIGTERM, goodbye)
    print("ready", flush=True)
    time.sleep(60)
    sys.exit(1)
    """
)


def test_sigterm_to_launch_reaches_the_program_and_its_last_flows_are_stored(
    data_dir: DataDir, lab_pki: LabPki, https_upstream: UpstreamServer
) -> None:
    from tests.helpers.cli import auditor_argv

    proc = subprocess.Popen(
        [
            *auditor_argv(),
            "launch",
            "--session",
            "goodbye",
            "--set",
            f"ssl_verify_upstream_trusted_ca={lab_pki.ca_cert}",
            "--",
            sys.executable,
            "-c",
            GOODBYE,
            https_upstream.url("/ok?goodbye", host="localhost"),
        ],
        env=_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    (flow,) = all_flows(data_dir.root, session="goodbye")
    assert flow.request is not None and flow.request.path == "/ok?goodbye"
    assert flow.response is not None and flow.response.status == 200
