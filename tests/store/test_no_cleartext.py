"""Nothing of a captured header or body can be found in clear in any file of the data dir."""

from __future__ import annotations

import base64
import secrets
from pathlib import Path

import pytest

from auditor.paths import DataDir
from auditor.records import WebSocketMessage
from auditor.store import FlowQuery, open_store
from tests.store.conftest import make_flow


def _files_containing(root: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [f"{path.name}: {n!r}" for n in needles if n in data]
    return found


def _ingest_secrets(data_dir: DataDir) -> list[bytes]:
    secret = "SECRET" + secrets.token_hex(12)
    flows = [
        make_flow(
            "leaky",
            ts=1.7e9 + i,
            host=f"{secret.lower()}.example.com",
            path=f"/track?token={secret}",
            headers=[("authorization", f"Bearer {secret}"), ("x-user", f"user-{secret}")],
            # Short bodies are stored without compression: only the encryption hides them.
            req_body=f'{{"email":"{secret}@corp.test"}}'.encode(),
            resp_body=f"session={secret}".encode(),
            websocket=[WebSocketMessage(True, 1.7e9 + i, True, f"chat {secret}".encode(), 40)],
            labels=("identifiers.email",),
        )
        for i in range(300)
    ]
    with open_store(data_dir) as store:
        store.add_flows(flows)
        # While the writer is open, the WAL and shared-memory files exist: check them too.
        assert Path(f"{data_dir.store}-wal").exists()
        needles = [secret.encode(), secret.lower().encode(), base64.b64encode(secret.encode())]
        needles.append(secret.encode("utf-16-le"))
        assert _files_containing(data_dir.root, needles) == []
        # The secret is there for whoever has the key.
        assert store.count_flows(FlowQuery(text=secret)) == 300
    return needles


def test_no_cleartext_with_a_passphrase(data_dir: DataDir, passphrase_env: str) -> None:
    needles = _ingest_secrets(data_dir)
    assert data_dir.salt.exists()
    assert _files_containing(data_dir.root, needles) == []
    assert not data_dir.store.read_bytes().startswith(b"SQLite format 3")
    for path in data_dir.root.iterdir():
        if path.is_file():
            assert path.stat().st_mode & 0o077 == 0, path.name


def test_no_cleartext_with_the_keyring(data_dir: DataDir, secret_service: str) -> None:
    needles = _ingest_secrets(data_dir)
    assert _files_containing(data_dir.root, needles) == []


def test_no_cleartext_after_delete_and_compact(
    data_dir: DataDir, passphrase_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    needles = _ingest_secrets(data_dir)
    with open_store(data_dir) as store:
        store.delete_session("leaky")
        store.compact()
    assert _files_containing(data_dir.root, needles) == []
