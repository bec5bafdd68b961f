"""Default exports carry no credential: planted Authorization, Cookie, Set-Cookie and API-key
values are absent from `auditor export har|jsonl|mitm` unless `--no-redact` is given."""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.capture import TEST_PASSPHRASE, environment
from tests.helpers.cli import main_in_process
from tests.helpers.hardata import har_document, har_entry

TOKENS = {
    name: f"{name}CRED{secrets.token_hex(10)}"
    for name in (
        "bearer",
        "cookie",
        "setcookie",
        "apikey",
        "sentry",
        "basic",
        "queryapikey",
        "bodypassword",
    )
}


@pytest.fixture(scope="module")
def data_with_credentials(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("cred-data")
    files = tmp_path_factory.mktemp("cred-files")
    basic = base64.b64encode(f"user:{TOKENS['basic']}".encode()).decode()
    entries = []
    for i in range(3):
        entry = har_entry(
            f"https://api.example.com/v1/meetings?n={i}&api_key={TOKENS['queryapikey']}",
            headers=[
                ("Content-Type", "application/json"),
                ("Authorization", f"Bearer {TOKENS['bearer']}"),
                ("Cookie", f"sid={TOKENS['cookie']}; theme=dark"),
                ("X-Api-Key", TOKENS["apikey"]),
                ("X-Sentry-Auth", f"Sentry sentry_key={TOKENS['sentry']}, sentry_version=7"),
                ("Proxy-Authorization", f"Basic {basic}"),
            ],
        )
        body = json.dumps({"user": "someone", "password": TOKENS["bodypassword"], "n": i})
        entry["request"]["postData"] = {"mimeType": "application/json", "text": body}
        entry["request"]["bodySize"] = len(body)
        entry["response"]["headers"].append(
            {"name": "Set-Cookie", "value": f"sid={TOKENS['setcookie']}; HttpOnly; Secure"}
        )
        entries.append(entry)
    har = files / "creds.har"
    har.write_text(json.dumps(har_document(entries)))
    with environment({"AUDITOR_DATA_DIR": str(root), "AUDITOR_PASSPHRASE": TEST_PASSPHRASE}):
        code, _, err = main_in_process(["import", str(har), "--session", "creds"])
        assert code == 0, err
        yield root


def _export(root: Path, fmt: str, out: Path, *extra: str) -> bytes:
    with environment({"AUDITOR_DATA_DIR": str(root), "AUDITOR_PASSPHRASE": TEST_PASSPHRASE}):
        code, _, err = main_in_process(
            ["export", fmt, "--session", "creds", "-o", str(out), *extra]
        )
    assert code == 0, err
    return out.read_bytes()


def _present(data: bytes) -> list[str]:
    found = []
    for name, token in TOKENS.items():
        if token.encode() in data or base64.b64encode(token.encode())[:-4] in data:
            found.append(name)
    basic = base64.b64encode(f"user:{TOKENS['basic']}".encode())
    if basic in data and "basic" not in found:
        found.append("basic")
    return found


@pytest.mark.parametrize("fmt", ["har", "jsonl", "mitm"])
def test_default_export_has_no_credentials(
    data_with_credentials: Path, tmp_path: Path, fmt: str
) -> None:
    data = _export(data_with_credentials, fmt, tmp_path / f"out.{fmt}")
    assert b"api.example.com" in data  # the flows are there
    assert _present(data) == []


@pytest.mark.parametrize("fmt", ["har", "jsonl", "mitm"])
def test_no_redact_export_has_them(data_with_credentials: Path, tmp_path: Path, fmt: str) -> None:
    """The control: the same export with --no-redact holds every planted value."""
    data = _export(data_with_credentials, fmt, tmp_path / f"clear.{fmt}", "--no-redact")
    assert sorted(_present(data)) == sorted(TOKENS)


def test_flows_jsonl_has_no_credentials(data_with_credentials: Path) -> None:
    with environment(
        {"AUDITOR_DATA_DIR": str(data_with_credentials), "AUDITOR_PASSPHRASE": TEST_PASSPHRASE}
    ):
        code, out, err = main_in_process(["flows", "--session", "creds", "--format", "jsonl"])
    assert code == 0, err
    assert "api.example.com" in out
    assert _present(out.encode()) == []
