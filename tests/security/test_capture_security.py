"""What the capture exposes: a loopback-only listener, a private CA key, nothing captured in clear
on disk, and the store key in no output."""

from __future__ import annotations

import base64
import ipaddress
import secrets
import socket
import stat
from pathlib import Path

import psutil
import pytest

from auditor.paths import DataDir
from tests.helpers.capture import TEST_PASSPHRASE, CaptureProcess
from tests.helpers.cli import child_env, run_auditor
from tests.helpers.clients import via_proxy_http, via_proxy_https
from tests.helpers.fixtures import CaptureFactory
from tests.helpers.store import all_flows
from tests.helpers.tls import LabPki
from tests.helpers.upstream import UpstreamServer


def _listening_addresses(pid: int) -> list[tuple[str, int]]:
    """TCP sockets in LISTEN and unconnected UDP sockets of the process and its children."""
    out = []
    for proc in [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]:
        for conn in proc.net_connections(kind="inet"):
            if conn.status == psutil.CONN_LISTEN or (
                not conn.raddr and conn.type == socket.SOCK_DGRAM
            ):
                out.append((conn.laddr.ip, conn.laddr.port))
    return out


def _is_loopback(ip: str) -> bool:
    return ipaddress.ip_address(ip.split("%")[0]).is_loopback


def test_listener_is_loopback_only(capture_factory: CaptureFactory) -> None:
    capture = capture_factory(session="loopback")
    addrs = _listening_addresses(capture.pid)
    assert (capture.host, capture.port) in addrs or ("127.0.0.1", capture.port) in addrs
    assert addrs, "the capture listens somewhere"
    assert all(_is_loopback(ip) for ip, _ in addrs), addrs
    assert capture.terminate() == 0
    # The CA key a capture made (or tightened) is private.
    keys = _key_files(capture.data_dir)
    assert keys
    for key in keys:
        assert stat.S_IMODE(key.stat().st_mode) == 0o600, (key, oct(key.stat().st_mode))


@pytest.mark.parametrize(
    "args",
    [
        ["--listen", "0.0.0.0:0"],
        ["--listen", "[::]:0"],
        ["--listen", "192.0.2.1:0"],
        ["--listen", "127.0.0.1:0", "--mode", "regular@0.0.0.0:0"],
        ["--listen", "127.0.0.1:0", "--set", "listen_host=0.0.0.0"],
    ],
    ids=lambda a: " ".join(a),
)
def test_non_loopback_listen_is_refused(tmp_path: Path, args: list[str]) -> None:
    result = run_auditor(
        ["capture", "--session", "refused", *args],
        env=child_env(tmp_path / "data", passphrase=TEST_PASSPHRASE),
        timeout=60,
    )
    assert result.returncode in (1, 2), (result.returncode, result.stdout, result.stderr)
    assert "listening on" not in result.stdout
    assert "Traceback" not in result.stderr
    assert result.stderr.strip(), "a refusal says why"


def _key_files(root: Path) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and (
            b"PRIVATE KEY" in path.read_bytes()
            or path.name in ("mitmproxy-ca.pem", "mitmproxy-ca.p12")
        ):
            found.append(path)
    return found


def test_ca_private_key_is_private(tmp_path: Path) -> None:
    root = tmp_path / "fresh-data"  # made by the program itself
    result = run_auditor(["ca", "path"], env=child_env(root, passphrase=TEST_PASSPHRASE))
    assert result.returncode == 0, result.stderr
    cert = Path(result.stdout.strip())
    assert cert.is_file() and b"PRIVATE KEY" not in cert.read_bytes()
    assert stat.S_IMODE(root.stat().st_mode) & 0o077 == 0, oct(root.stat().st_mode)
    ca_dir = DataDir(root).ca_dir
    assert stat.S_IMODE(ca_dir.stat().st_mode) & 0o077 == 0
    keys = _key_files(root)
    assert keys, "the CA private key exists somewhere in the data dir"
    for key in keys:
        assert stat.S_IMODE(key.stat().st_mode) == 0o600, (key, oct(key.stat().st_mode))


def _ca_path(capture: CaptureProcess) -> Path:
    result = run_auditor(["ca", "path"], env=capture.env)
    assert result.returncode == 0, result.stderr
    return Path(result.stdout.strip())


def _needles(token: str) -> list[bytes]:
    raw = token.encode()
    return [
        raw,
        raw.upper(),
        token.encode("utf-16-le"),
        base64.b64encode(raw)[:-4],
        raw.hex().encode(),
    ]


def _files_containing(root: Path, needles: list[bytes]) -> list[str]:
    hits = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for needle in needles:
            if needle in data:
                hits.append(f"{path.relative_to(root)} contains {needle[:24]!r}")
    return hits


def test_no_captured_content_in_clear_on_disk(
    capture_factory: CaptureFactory,
    upstream: UpstreamServer,
    https_upstream: UpstreamServer,
    lab_pki: LabPki,
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    root = tmp_path / "planted-data"
    env = child_env(root, passphrase=TEST_PASSPHRASE, extra={"HOME": str(home)})
    capture = capture_factory(
        data_dir=root,
        session="planted",
        env=env,
        sets=[f"ssl_verify_upstream_trusted_ca={lab_pki.ca_cert}"],
    )
    tokens = {
        name: f"PLANTED{name.upper()}{secrets.token_hex(12)}"
        for name in (
            "header",
            "query",
            "body",
            "cookie",
            "bearer",
            "tlsheader",
            "tlsbody",
            "tlsquery",
        )
    }
    proxy = (capture.host, capture.port)
    answer = via_proxy_http(
        proxy,
        upstream.url(f"/echo?q={tokens['query']}"),
        method="POST",
        headers={
            "X-Planted": tokens["header"],
            "Cookie": f"sid={tokens['cookie']}",
            "Authorization": f"Bearer {tokens['bearer']}",
            "Content-Type": "application/json",
        },
        body=f'{{"email":"someone@example.com","secret":"{tokens["body"]}"}}'.encode(),
    )
    assert answer.status == 200 and tokens["body"].encode() in answer.body
    tls_answer = via_proxy_https(
        proxy,
        "localhost",
        https_upstream.port,
        f"/echo?q={tokens['tlsquery']}",
        ca_file=_ca_path(capture),
        method="POST",
        headers={"X-Planted": tokens["tlsheader"], "Content-Type": "text/plain"},
        body=tokens["tlsbody"].encode(),
    )
    assert tls_answer.status == 200 and tokens["tlsbody"].encode() in tls_answer.body
    assert capture.terminate() == 0, capture.stderr[-2000:]

    # The store really holds what was planted (so absence on disk means encryption, not loss).
    flows = all_flows(root, session="planted")
    bodies = b"".join((f.request.body or b"") for f in flows if f.request is not None)
    assert tokens["body"].encode() in bodies and tokens["tlsbody"].encode() in bodies

    needles = [n for token in tokens.values() for n in _needles(token)]
    assert _files_containing(root, needles) == []
    assert _files_containing(home, needles) == []
    # Nothing in the output either: the capture does not print what it sees.
    for token in tokens.values():
        assert token not in capture.stdout and token not in capture.stderr


def _keyring_available() -> bool:
    from auditor.store.keys import usable_keyring

    backend, _ = usable_keyring()
    if backend is None:
        return False
    try:
        backend.get_password("meeting-privacy-auditor-test-probe", "probe")
    except Exception:
        return False
    return True


def _secrets_in_outputs(outputs: list[str], secrets_: list[str]) -> list[str]:
    leaks = []
    for text in outputs:
        low = text.lower()
        for secret in secrets_:
            if secret.lower() in low:
                leaks.append(secret[:6] + "…")
    return leaks


def _exercise_commands(env: dict[str, str], tmp_path: Path) -> list[str]:
    """Runs the commands that open the store and returns everything they printed."""
    outputs: list[str] = []
    for args in (
        ["sessions", "--format", "json"],
        ["flows", "--format", "jsonl"],
        ["export", "jsonl", "-o", str(tmp_path / "out.jsonl")],
    ):
        result = run_auditor(args, env=env, timeout=120)
        outputs += [result.stdout, result.stderr]
    return outputs


def test_passphrase_and_key_never_printed(
    capture_factory: CaptureFactory, upstream: UpstreamServer, tmp_path: Path
) -> None:
    from tests.helpers.store import store_key_hex

    capture = capture_factory(session="keys")
    via_proxy_http((capture.host, capture.port), upstream.url("/ok?x=1"))
    assert capture.terminate() == 0
    key_hex = store_key_hex(capture.data_dir)
    secrets_ = [TEST_PASSPHRASE, key_hex, base64.b64encode(bytes.fromhex(key_hex)).decode()]
    outputs = [capture.stdout, capture.stderr, *_exercise_commands(capture.env, tmp_path)]
    assert _secrets_in_outputs(outputs, secrets_) == []
    # A wrong passphrase: the error must not echo what was typed.
    wrong = "wrong-passphrase-" + secrets.token_hex(8)
    env = dict(capture.env, AUDITOR_PASSPHRASE=wrong)
    result = run_auditor(["sessions"], env=env, timeout=60)
    assert result.returncode == 1
    assert wrong not in result.stdout + result.stderr
    # Plain files of the data dir (header, salt, settings) do not hold the key or passphrase.
    plain = [TEST_PASSPHRASE.encode(), key_hex.encode(), bytes.fromhex(key_hex)]
    assert _files_containing(capture.data_dir, plain) == []


def test_keyring_key_never_printed(
    capture_factory: CaptureFactory, upstream: UpstreamServer, tmp_path: Path
) -> None:
    if not _keyring_available():
        pytest.fail(
            "no Secret Service on this bus: run the tests with `make test` (scripts/with-session-bus.sh)"
        )
    from tests.helpers.store import store_key_hex

    root = tmp_path / "keyring-data"
    env = child_env(root, drop=["AUDITOR_PASSPHRASE"])
    capture = capture_factory(data_dir=root, session="keyring", env=env)
    via_proxy_http((capture.host, capture.port), upstream.url("/ok?y=2"))
    assert capture.terminate() == 0
    key_hex = store_key_hex(root, passphrase=None)
    secrets_ = [key_hex, base64.b64encode(bytes.fromhex(key_hex)).decode()]
    outputs = [capture.stdout, capture.stderr, *_exercise_commands(env, tmp_path)]
    assert _secrets_in_outputs(outputs, secrets_) == []
    assert _files_containing(root, [key_hex.encode(), bytes.fromhex(key_hex)]) == []
