"""Fixtures for the store tests: flows to store and stores opened either way of keeping the key."""

from __future__ import annotations

import os
from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend

from auditor.paths import DataDir
from auditor.records import FlowRecord, ProcessInfo, WebSocketMessage, new_flow_id
from auditor.store import Store, open_store
from auditor.store.keys import forget_cached_keys
from tests.tflow import tdns, tdnsflow, tentity, tfinding, tflow, tlabel, tprocess, treq, tresp

PASSPHRASE = "correct horse battery staple"


def make_flow(
    session: str = "s1",
    *,
    ts: float = 1_700_000_000.0,
    host: str = "api.zoom.us",
    app: str | None = "zoom",
    process: str = "zoom",
    pid: int = 4242,
    labels: tuple[str, ...] = (),
    verdicts: tuple[str, ...] = (),
    entity: str | None = "Zoom",
    party: str = "first",
    path: str = "/v1/events",
    method: str = "POST",
    status: int = 200,
    req_body: bytes | None = b'{"event":"join"}',
    resp_body: bytes | None = b'{"ok":true}',
    headers: list[tuple[str, str]] | None = None,
    kind: str = "http",
    websocket: list[WebSocketMessage] | None = None,
    flow_id: str | None = None,
    sinkholed: bool = False,
) -> FlowRecord:
    """A flow as the store keeps it: an HTTPS request of `process` to `host`, labelled with
    `labels` and one policy finding per verdict in `verdicts`."""
    return tflow(
        id=flow_id or new_flow_id(),
        session=session,
        ts=ts,
        kind=kind,
        process=tprocess(pid=pid, name=process, exe=f"/opt/{process}", app=app),
        req=treq(
            f"https://{host}{path}",
            method=method,
            host=host,
            port=443,
            path=path,
            headers=headers
            if headers is not None
            else [("user-agent", "zoom/5.17"), ("authorization", "Bearer abc")],
            body=req_body,
        ),
        resp=tresp(
            status,
            reason="OK",
            headers=[("content-type", "application/json")],
            body=resp_body,
        ),
        entity=tentity(entity, party, "zoom.us"),  # type: ignore[arg-type]
        labels=[tlabel(cat, ("rule." + cat, "body › x", "x…")) for cat in labels],
        policy=[tfinding(v, section=f"{i}.1") for i, v in enumerate(verdicts)],
        ws=websocket or [],
        sinkholed=sinkholed,
        sni=host,
        client_addr=("127.0.0.1", 50000),
        server_addr=("203.0.113.5", 443),
        tls_version="TLSv1.3",
        ts_end=ts + 0.25,
    )


def make_dns_flow(session: str = "s1", ts: float = 1_700_000_000.0) -> FlowRecord:
    return tdnsflow(
        session=session,
        ts=ts,
        process=ProcessInfo(pid=1, name="systemd-resolved"),
        dns=tdns("telemetry.example.net", answers=["198.51.100.7"]),
    )


@pytest.fixture
def passphrase_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("AUDITOR_PASSPHRASE", PASSPHRASE)
    return PASSPHRASE


@pytest.fixture
def store(data_dir: DataDir, passphrase_env: str) -> Iterator[Store]:
    s = open_store(data_dir)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(autouse=True)
def _fresh_key_cache() -> Iterator[None]:
    forget_cached_keys()
    yield
    forget_cached_keys()


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    """Tests that swap the keyring backend put the detected one back afterwards."""
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


@pytest.fixture
def secret_service(monkeypatch: pytest.MonkeyPatch) -> str:
    """The real Secret Service of scripts/with-session-bus.sh; fails loudly without it."""
    from auditor.store.keys import usable_keyring

    monkeypatch.delenv("AUDITOR_PASSPHRASE", raising=False)
    backend, _why = usable_keyring()
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    assert "SecretService" in name or "libsecret" in name, (
        f"keyring backend is {name}: run the store tests through scripts/with-session-bus.sh "
        "(a real gnome-keyring Secret Service)"
    )
    assert os.environ.get("DBUS_SESSION_BUS_ADDRESS"), "no D-Bus session bus"
    return name


class MemoryKeyring(KeyringBackend):
    """A keyring backend keeping secrets in a dict (stands in for a third-party backend)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)
