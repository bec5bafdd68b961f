"""Redaction: planted secrets and identifiers appear in no default export or report; pseudonyms
are stable per install, differ between installs, and `--no-redact` says what it is."""

from __future__ import annotations

import base64
import json
import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, quote, quote_plus, unquote, urlsplit

import keyring
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mitmproxy import io as mitm_io

from auditor.export.redact import (
    KEYRING_SERVICE,
    Pseudonymizer,
    Redactor,
    pseudonym_key,
)
from auditor.paths import DataDir
from auditor.store import keys
from tests.export.samples import (
    DEVICE_ID,
    EMAIL,
    HOSTNAME,
    PLANTED,
    data_dir_args,
    enriched,
    opened,
    run_command,
)
from tests.tflow import tdns, tdnsflow, tflow, treq

_B64_RUN = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")


def searchable(text: str) -> str:
    """The text plus every base64 run in it decoded, so an encoded body cannot hide a secret."""
    decoded = []
    for run in _B64_RUN.findall(text):
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                decoded.append(decode(run + "=" * (-len(run) % 4)).decode("latin-1"))
            except ValueError:
                continue
    return text + "\n" + "\n".join(decoded)


def mitm_text(path: Path) -> str:
    parts = [path.read_bytes().decode("latin-1")]
    with path.open("rb") as fh:
        for flow in mitm_io.FlowReader(fh).stream():
            parts.append(json.dumps(flow.metadata, default=str))
            parts.append(flow.comment)
            if flow.type == "http":
                for msg in (flow.request, flow.response):
                    if msg is not None:
                        parts.append(str(msg.headers))
                        parts.append((msg.get_content(strict=False) or b"").decode("latin-1"))
                parts.append(flow.request.pretty_url)
                if flow.websocket is not None:
                    parts += [m.content.decode("latin-1") for m in flow.websocket.messages]
    return "\n".join(parts)


def parquet_text(path: Path) -> str:
    rows = pq.read_table(path).to_pylist()
    return json.dumps(
        rows, default=lambda v: v.decode("latin-1") if isinstance(v, bytes) else str(v)
    )


def forms(secret: str) -> list[str]:
    return sorted(
        {
            secret,
            quote(secret, safe=""),
            quote_plus(secret),
            base64.b64encode(secret.encode()).decode(),
        }
    )


@pytest.fixture
def known_values_file(filled_store: DataDir) -> DataDir:
    # The user told the program their machine's host name, as the app's settings let them.
    filled_store.known_values.write_text(json.dumps({"hostname": [HOSTNAME]}))
    return filled_store


def test_no_planted_secret_in_any_default_export(
    known_values_file: DataDir, tmp_path: Path
) -> None:
    args = data_dir_args(known_values_file)
    outputs: dict[str, str] = {}
    for fmt, suffix in (
        ("har", "har"),
        ("mitm", "mitm"),
        ("jsonl", "jsonl"),
        ("parquet", "parquet"),
    ):
        path = tmp_path / f"out.{suffix}"
        result = run_command([*args, "export", fmt, "-o", str(path)])
        assert result.code == 0, result.err
        assert "(redacted)" in result.out
        if fmt == "mitm":
            outputs[fmt] = mitm_text(path)
        elif fmt == "parquet":
            outputs[fmt] = parquet_text(path)
        else:
            outputs[fmt] = path.read_text(encoding="utf-8")
    for fmt in ("html", "json", "csv", "md", "pdf"):
        path = tmp_path / f"report.{fmt}"
        result = run_command([*args, "report", "--format", fmt, "-o", str(path)])
        assert result.code == 0, result.err
        if fmt == "pdf":
            outputs[fmt] = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                check=True, timeout=60,
            ).stdout  # fmt: skip
        else:
            outputs[fmt] = path.read_text(encoding="utf-8")
    leaks = {
        (fmt, name)
        for fmt, text in outputs.items()
        for name, secret in PLANTED.items()
        for form in forms(secret)
        if form in searchable(text)
    }
    assert leaks == set()
    # The exports still say what was there: the same flows, with pseudonyms in place.
    for fmt in ("har", "mitm", "jsonl", "parquet"):
        assert "telemetry.zoom.us" in outputs[fmt]
        assert "@pseudonym.invalid" in searchable(outputs[fmt]), fmt
        assert "[redacted]" in searchable(outputs[fmt]), fmt
    assert "Redacted" in outputs["html"] and "NOT REDACTED" not in outputs["html"]


def test_the_leak_check_can_fail(filled_store: DataDir, tmp_path: Path) -> None:
    """Without redaction every planted value is found: the search above is not blind."""
    args = data_dir_args(filled_store)
    found: dict[str, set[str]] = {}
    for fmt in ("har", "jsonl"):
        path = tmp_path / f"clear.{fmt}"
        assert run_command([*args, "export", fmt, "-o", str(path), "--no-redact"]).code == 0
        text = searchable(path.read_text())
        found[fmt] = {
            name for name, secret in PLANTED.items() if any(f in text for f in forms(secret))
        }
    assert found["har"] == set(PLANTED) and found["jsonl"] == set(PLANTED)


def test_no_redact_is_explicit_in_every_output(filled_store: DataDir, tmp_path: Path) -> None:
    args = data_dir_args(filled_store)
    har, jsonl, html = tmp_path / "a.har", tmp_path / "a.jsonl", tmp_path / "a.html"
    assert run_command([*args, "export", "har", "-o", str(har), "--no-redact"]).code == 0
    assert run_command([*args, "export", "jsonl", "-o", str(jsonl), "--no-redact"]).code == 0
    assert run_command([*args, "report", "-o", str(html), "--no-redact"]).code == 0
    log = json.loads(har.read_text())["log"]
    assert log["comment"].startswith("NOT REDACTED") and log["_auditor"]["redacted"] is False
    lines = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert len(lines) == 6 and all(line["redacted"] is False for line in lines)
    assert all("id" in line and "kind" in line for line in lines)  # pure records, no header line
    assert "NOT REDACTED" in html.read_text()
    redacted = tmp_path / "r.jsonl"
    assert run_command([*args, "export", "jsonl", "-o", str(redacted)]).code == 0
    assert all(json.loads(line)["redacted"] is True for line in redacted.read_text().splitlines())


def test_pseudonyms_are_stable_across_exports_and_keyed(
    filled_store: DataDir, tmp_path: Path
) -> None:
    args = data_dir_args(filled_store)
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    assert run_command([*args, "export", "jsonl", "-o", str(first)]).code == 0
    assert run_command([*args, "export", "jsonl", "-o", str(second)]).code == 0
    assert first.read_text() == second.read_text()
    key = pseudonym_key(filled_store)
    expected = Pseudonymizer(key).pseudonym(DEVICE_ID)
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", expected)
    body = base64.b64decode(json.loads(first.read_text().splitlines()[0])["request"]["body_b64"])
    assert json.loads(body)["device_id"] == expected
    # Another install's key gives other pseudonyms: datasets cannot be joined across installs.
    assert Pseudonymizer(b"another install key 0123456789ab").pseudonym(DEVICE_ID) != expected


def test_pseudonym_key_lives_in_the_keyring(
    data_dir: DataDir, monkeypatch: pytest.MonkeyPatch, enricher: object
) -> None:
    """Needs the Secret Service that scripts/with-session-bus.sh starts (as run-tests.sh does)."""
    monkeypatch.delenv("AUDITOR_PASSPHRASE", raising=False)
    backend, why = keys.usable_keyring()
    assert backend is not None, f"no usable keyring{why}: run through scripts/with-session-bus.sh"
    with opened(data_dir) as store:
        store.add_flows(enriched(enricher))  # type: ignore[attr-defined]
    header = keys.read_header(data_dir)
    assert header is not None and header.key_source == "keyring"
    key = pseudonym_key(data_dir)
    stored = keyring.get_password(KEYRING_SERVICE, f"pseudonym-key:{header.store_id}")
    assert stored == key.hex() and len(key) == 32
    assert pseudonym_key(data_dir) == key
    assert key.hex() != keyring.get_password(KEYRING_SERVICE, header.keyring_username)


def test_redactor_units() -> None:
    redactor = Redactor(Pseudonymizer(b"k" * 32), {"hostname": HOSTNAME})
    # Binary bodies keep their length so length-prefixed formats stay parseable.
    blob = b"\x0a\x1e" + EMAIL.encode() + b"\x12\x10" + HOSTNAME.encode()
    out = redactor.redact_binary(blob)
    assert len(out) == len(blob) and EMAIL.encode() not in out and HOSTNAME.encode() not in out
    # JSON inside base64 inside a form (Mixpanel `data=`).
    payload = base64.b64encode(
        json.dumps({"distinct_id": "user-8812-xyz", "$os": "Linux"}).encode()
    ).decode()
    form = redactor.redact_body(
        f"data={quote_plus(payload)}&verbose=1".encode(), "application/x-www-form-urlencoded"
    )
    inner = json.loads(base64.b64decode(dict(parse_qsl(form.decode()))["data"]))
    assert inner["$os"] == "Linux" and inner["distinct_id"].startswith("p_")
    # Identifiers seen once are replaced everywhere after: URL path, free text.
    assert (
        redactor.redact_text("users/user-8812-xyz/profile")
        == f"users/{inner['distinct_id']}/profile"
    )
    # Secrets in free text and command lines.
    assert "hunter22" not in redactor.redact_text("--password=hunter22 --token hunter22x")
    assert (
        redactor.redact_text("Authorization: Bearer abc.def-ghi_123")
        == "Authorization: Bearer [redacted]"
    )
    # Credentials in a URL's userinfo.
    rec = tflow(id="1", session="s", ts=0.0,
                req=treq("https://bob:pw1234@h.example/x?key=AIza123456", method="GET"))  # fmt: skip
    red = redactor.redact_record(rec)
    assert (
        red.request is not None
        and "pw1234" not in red.request.url
        and "AIza" not in red.request.url
    )
    assert rec.request is not None and "pw1234" in rec.request.url  # the input is not modified
    # Undecodable compressed bodies are dropped, not exported unchecked.
    rec.request.headers = [("content-encoding", "gzip")]
    rec.request.body = b"not gzip at all " + EMAIL.encode()
    red = redactor.redact_record(rec)
    assert red.request is not None and red.request.body is None and red.dropped_bodies


def test_multipart_fields_by_name() -> None:
    redactor = Redactor(Pseudonymizer(b"k" * 32))
    body = (
        b'--XyZ\r\nContent-Disposition: form-data; name="password"\r\n\r\nhunter2hunter\r\n'
        b'--XyZ\r\nContent-Disposition: form-data; name="device_id"\r\n\r\ndev-1234-abcd\r\n'
        b'--XyZ\r\nContent-Disposition: form-data; name="log"; filename="a.json"\r\n'
        b"Content-Type: application/json\r\n\r\n"
        + json.dumps({"email": EMAIL, "n": 1}).encode()
        + b'\r\n--XyZ\r\nContent-Disposition: form-data; name="bin"\r\n\r\n\x00\xff\xfe raw\r\n'
        b"--XyZ--\r\n"
    )
    out = redactor.redact_body(body, "multipart/form-data; boundary=XyZ")
    assert b"hunter2hunter" not in out and b"dev-1234-abcd" not in out and EMAIL.encode() not in out
    assert out.count(b"--XyZ") == 5 and out.endswith(b"--XyZ--\r\n")
    assert b"\x00\xff\xfe raw" in out  # binary parts without known values stay as they were
    assert b'name="log"; filename="a.json"' in out


def test_item_id_after_a_people_collection_in_a_url_path_is_pseudonymised() -> None:
    # The labeller reads `/customers/<id>` as a user id (issue 15); export must not leak it.
    redactor = Redactor(Pseudonymizer(b"k" * 32))
    out = redactor.redact_url("https://track.example.io/api/v1/customers/usr_7Qe2Lk91/events")
    assert "usr_7Qe2Lk91" not in out
    assert out.startswith("https://track.example.io/api/v1/customers/") and out.endswith("/events")
    # Words after a collection are not ids and stay.
    assert (
        redactor.redact_url("https://api.example.io/users/me") == "https://api.example.io/users/me"
    )


def test_content_length_and_size_match_the_written_body() -> None:
    """A device id first seen under a neutral key and named by its key later in the same body is
    replaced in both places; the Content-Length and size written are the redacted body's (they
    were the length before the record's last replacements)."""
    redactor = Redactor(Pseudonymizer(b"k" * 32), use_labeller=False)
    body = json.dumps({"note": "seen dev-9f8e7d6c5b4a", "device_id": "dev-9f8e7d6c5b4a"}).encode()
    rec = tflow(
        req=treq(
            "https://t.example/v1",
            headers=[("content-type", "application/json"), ("content-length", str(len(body)))],
            body=body,
        )
    )
    red = redactor.redact_record(rec)
    assert red.request is not None and red.request.body is not None
    written = red.request.body
    assert b"dev-9f8e7d6c5b4a" not in written
    assert red.request.header("content-length") == str(len(written))
    assert red.request.size == len(written)


def test_a_credential_stays_redacted_when_an_identifier_reads_redacted() -> None:
    """Flows imported from a redacted export hold "[redacted]" where a value was: taking it as an
    identifier made every credential removed after it come out as that identifier's pseudonym."""
    from auditor.label.findings import Findings

    redactor = Redactor(Pseudonymizer(b"k" * 32), use_labeller=False)
    redactor.learn(Findings(identifiers={"[redacted]", "dev-9f8e7d6c5b4a"}))
    rec = tflow(
        req=treq(
            "https://t.example/v1?api_key=AIzaSyA-1234567890",
            headers=[
                ("Authorization", "Bearer abcdef0123456789"),
                ("X-Device", "dev-9f8e7d6c5b4a"),
            ],
            body=json.dumps({"secret": "s3cr3t-value-1", "user": "[redacted]"}).encode(),
        )
    )
    red = redactor.redact_record(rec)
    assert red.request is not None and red.request.body is not None
    assert red.request.header("authorization") == "[redacted]"
    assert "api_key=%5Bredacted%5D" in red.request.url or "api_key=[redacted]" in red.request.url
    assert json.loads(red.request.body) == {"secret": "[redacted]", "user": "[redacted]"}
    assert red.request.header("x-device") != "dev-9f8e7d6c5b4a"  # still pseudonymised


@pytest.mark.parametrize(
    "text",
    [
        "password=hunter22x",
        "x_passwd=hunter22x",
        "PWD=hunter22x",
        "meeting_passcode=hunter22x",
        "client_secret=hunter22x",
        "refresh-token=hunter22x",
        "api_key=hunter22x",
        "API-KEY=hunter22x",
        "apikey=hunter22x",
        "aws_access_key=hunter22x",
        "private-key=hunter22x",
        "sentry_key=hunter22x",
        "x-signature=hunter22x",
        "oauth=hunter22x",
        '{"Password": "hunter22x"}',
        '{"x_auth": "hunter22x"}',
        "Authorization: Bearer hunter22x",
        "negotiate hunter22x",
        "TOKEN\thunter22x",
    ],
)
def test_credential_shapes_in_text(text: str) -> None:
    """The substring tests in front of the shape rules never keep a rule from its match."""
    assert "hunter22x" not in Redactor(Pseudonymizer(b"k" * 32)).redact_text(text)


@pytest.mark.parametrize(
    ("url", "key"),
    [
        (
            "https://logs-01.loggly.example/inputs/c0ffee11-1b2c-4d3e-8f40-5a6b7c8d9e0f/tag/app",
            "c0ffee11-1b2c-4d3e-8f40-5a6b7c8d9e0f",
        ),
        ("https://flags.example.io/api/eval/sdk-Zq3kLmN8pQ7rT2", "sdk-Zq3kLmN8pQ7rT2"),
        (
            "https://collector.example/receiver/v1/http/ZaVnC4dhaV1q0Wm7Lx2aKqPdX0",
            "ZaVnC4dhaV1q0Wm7Lx2aKqPdX0",
        ),
        # a bot token as it is issued (without the path's `bot` word), found elsewhere too
        (
            "https://bots.example/bot7123456789:AAHk3v9QxW2mZ7pL0sT4uYbN8cR1eD6fGqJ/sendMessage",
            "7123456789:AAHk3v9QxW2mZ7pL0sT4uYbN8cR1eD6fGqJ",
        ),
        # publish and subscribe keys (issue 15): both read by `vocabulary.path_secret`
        (
            "https://pubsub.example.net/publish/pub-c-k3y9wq41-3b5c-4f6d-8e7a-1b2c3d4e5f6z"
            "/sub-c-s0bk3y42-ab12-4cd3-9ef0-a1b2c3d4e5f6/0/room-7/0/%22hi%22",
            "pub-c-k3y9wq41-3b5c-4f6d-8e7a-1b2c3d4e5f6z",
        ),
        (
            "https://pubsub.example.net/publish/pub-c-k3y9wq41-3b5c-4f6d-8e7a-1b2c3d4e5f6z"
            "/sub-c-s0bk3y42-ab12-4cd3-9ef0-a1b2c3d4e5f6/0/room-7/0/%22hi%22",
            "sub-c-s0bk3y42-ab12-4cd3-9ef0-a1b2c3d4e5f6",
        ),
        (
            "https://pubsub.example.net/v2/presence/sub-key/a7b3c9d2e8f14a6b/channel/room-7/leave",
            "a7b3c9d2e8f14a6b",
        ),
        # a bot token (id:secret) and an incoming webhook's token
        (
            "https://bots.example.net/bot7123456789:AAc0rpusB0tT0kenXyZ1234567/sendMessage",
            "bot7123456789:AAc0rpusB0tT0kenXyZ1234567",
        ),
        (
            "https://hooks.chat.example/services/T0ABC1234/B0DEF5678/k3ysecretweb00kt0ken24ch",
            "k3ysecretweb00kt0ken24ch",
        ),
        # an incoming webhook's user id and key as two segments under the API root (issue 15bd)
        (
            "https://acme.crm-example.com/rest/7/q4w8e2r6t0y3u5i9/crm.contact.add.json",
            "q4w8e2r6t0y3u5i9",
        ),
    ],
)
def test_a_key_in_a_url_path_vanishes_from_export(url: str, key: str) -> None:
    # The labeller reads these path segments as credentials (issue 15); the redactor removes
    # them from the URL and, learned from the labeller's findings, wherever else they show up.
    redactor = Redactor(Pseudonymizer(b"k" * 32))
    assert key not in redactor.redact_url(url)
    rec = tflow(id="p1", session="s", ts=0.0,
                req=treq(url, headers=[("x-echo", f"source {key}")],
                         body=json.dumps({"note": f"sent to {key}"}).encode()))  # fmt: skip
    red = redactor.redact_record(rec)
    assert red.request is not None
    assert key not in red.request.url and key not in red.request.path
    assert key not in str(red.request.headers) and key.encode() not in (red.request.body or b"")
    # Ids and names in paths stay as they were.
    kept = "https://api.example.io/v1/meetings/85512345678/builds/MeetCorpDesktop2Win64Build7"
    assert Redactor(Pseudonymizer(b"k" * 32), use_labeller=False).redact_url(kept) == kept


def test_standard_headers_are_not_pseudonymised_by_name() -> None:
    # `host` in a log record may be the machine's name (an identifier); the Host header names
    # the server the request goes to, and stays as the URL shows it.
    redactor = Redactor(Pseudonymizer(b"k" * 32))
    rec = tflow(id="h1", session="s", ts=0.0,
                req=treq("https://api.example-app.test/v1/sync",
                         headers=[("Host", "api.example-app.test"), ("X-Hostname", "ROOM-PC-7")]))  # fmt: skip
    red = redactor.redact_record(rec)
    assert red.request is not None
    headers = dict(red.request.headers)
    assert headers["Host"] == "api.example-app.test"
    assert headers["X-Hostname"] != "ROOM-PC-7"


def test_signed_request_query_auth_and_id_path_items_vanish_from_export() -> None:
    # The labeller reads `auth_key` + `auth_signature` as credentials and the item after an id
    # key (`/users/by/external_id/<id>`) as a user id (issue 15, heldout7); export follows.
    redactor = Redactor(Pseudonymizer(b"k" * 32))
    out = redactor.redact_url(
        "https://api-eu.pusher.example/apps/1873542/events?auth_key=c0rpus7a1b2c3d4e5f60"
        "&auth_signature=64627b19c4b7d2c2d6f6a0e0bc1ccb47&auth_timestamp=1796622468"
    )
    assert "c0rpus7a1b2c3d4e5f60" not in out and "64627b19c4b7d2c2d6f6a0e0bc1ccb47" not in out
    assert "auth_timestamp=1796622468" in out
    out = redactor.redact_url(
        "https://api.push.example/apps/5eb5/users/by/external_id/usr_3Hf8Wq20"
    )
    assert "usr_3Hf8Wq20" not in out and "/users/by/external_id/" in out


def test_lzstring_json_in_a_query_is_redacted_by_its_decoded_fields() -> None:
    # CleverTap's `d=` (issue 15, sdk9): the labeller reads the compressed profile; the export
    # must not carry its e-mail address or its user id in the compressed form either.
    vectors = json.loads(
        (Path(__file__).parents[1] / "decode" / "fixtures" / "lzstring_vectors.json").read_text(
            encoding="utf-8"
        )
    )
    vector = next(v for v in vectors["vectors"] if '"Email":"j@example.ch"' in v["text"])
    url = f"https://eu1.collector.example/a?t=96&d={quote(vector['base64'], safe='')}&r=1"
    redactor = Redactor(Pseudonymizer(b"k" * 32))
    out = redactor.redact_url(url)
    inner = json.loads(dict(parse_qsl(urlsplit(out).query))["d"])
    assert "j@example.ch" not in out and inner["profile"]["Email"] != "j@example.ch"
    assert inner["profile"]["Phone"] != 41791234567
    assert inner["type"] == "profile" and "t=96" in out


def test_json_in_a_url_path_segment_is_redacted_by_its_fields() -> None:
    # A message published as percent-encoded JSON in the path (issue 15): its e-mail address
    # and user id are replaced like the same fields of a body, the rest stays readable.
    message = {"type": "participant_joined", "user_id": "u-2291", "email": "zed@example.org"}
    url = (
        "https://pubsub.example.net/publish/pub-c-7d2a9e41-3b5c-4f6d-8e7a-1b2c3d4e5f60"
        "/sub-c-c0ffee42-ab12-4cd3-9ef0-a1b2c3d4e5f6/0/room-7/0/"
        + quote(json.dumps(message), safe="")
        + "?uuid=u-2291&state="
        + quote(json.dumps({"email": "zed@example.org"}), safe="")
    )
    red = Redactor(Pseudonymizer(b"k" * 32)).redact_record(
        tflow(id="j1", session="s", ts=0.0, req=treq(url, method="GET"))
    )
    assert red.request is not None
    for text in (red.request.url, red.request.path):
        decoded = unquote(text)
        assert "zed@example.org" not in decoded and '"u-2291"' not in decoded
        assert "participant_joined" in decoded and "pub-c-" not in decoded
    segment = urlsplit(red.request.url).path.split("/")[7]
    assert json.loads(unquote(segment))["type"] == "participant_joined"


def test_a_matrix_user_id_in_a_url_path_is_pseudonymised() -> None:
    url = "https://hs.example.org/_matrix/client/v3/presence/@zed.q:example.org/status"
    red = Redactor(Pseudonymizer(b"k" * 32)).redact_url(url)
    assert "zed.q" not in unquote(red) and red.endswith("/status")


def test_publish_and_subscribe_keys_in_a_body_are_removed() -> None:
    body = json.dumps({"publishKey": "pk9Qw2e4r6t8", "subscribe_key": "sk7Yx1c3v5b7"}).encode()
    rec = tflow(id="k1", session="s", ts=0.0,
                req=treq("https://pubsub.example.net/v1/init", body=body,
                         headers=[("Content-Type", "application/json")]))  # fmt: skip
    for use_labeller in (True, False):
        red = Redactor(Pseudonymizer(b"k" * 32), use_labeller=use_labeller).redact_record(rec)
        assert red.request is not None and red.request.body is not None
        assert b"pk9Qw2e4r6t8" not in red.request.body and b"sk7Yx1c3v5b7" not in red.request.body


def test_an_alerting_routing_key_in_a_body_is_removed() -> None:
    # PagerDuty Events v2: the integration's key rides in the event body (heldout10 h10-004).
    body = json.dumps(
        {"event_action": "trigger", "routing_key": "R0UT1NGc0rpus10KeyQw8Er5Ty2Ui9Op",
         "payload": {"summary": "Recording failed", "integrationKey": "1ntegr4tionKeyZq7Xw3"}}
    ).encode()  # fmt: skip
    rec = tflow(id="k2", session="s", ts=0.0,
                req=treq("https://events.example.net/v2/enqueue", body=body,
                         headers=[("Content-Type", "application/json")]))  # fmt: skip
    for use_labeller in (True, False):
        red = Redactor(Pseudonymizer(b"k" * 32), use_labeller=use_labeller).redact_record(rec)
        assert red.request is not None and red.request.body is not None
        assert b"R0UT1NGc0rpus10KeyQw8Er5Ty2Ui9Op" not in red.request.body
        assert b"1ntegr4tionKeyZq7Xw3" not in red.request.body
        assert b"Recording failed" in red.request.body  # what is not a secret stays


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.dictionaries(
        st.text(max_size=8),
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
        max_size=5,
    ),
    st.text(max_size=30),
)
def test_json_path_segments_redact_totally(message: dict[str, object], other: str) -> None:
    # Whatever else the message holds, its address goes, it stays JSON, and other segments
    # (any text, percent-encoded) never make the redactor raise.
    message["email"] = "zed@example.org"
    url = (
        "https://pubsub.example.net/publish/a/b/0/room/0/"
        + quote(json.dumps(message), safe="")
        + "/"
        + quote(other, safe="")
    )
    out = Redactor(Pseudonymizer(b"k" * 32), use_labeller=False).redact_url(url)
    segment = urlsplit(out).path.split("/")[7]
    assert json.loads(unquote(segment))["email"] != "zed@example.org"


# A signed token `<base64url JSON>.<signature>` (two segments; JWS compact has three) in a custom
# header whose name says "id": the labeller finds it as a credential by its shape, so no default
# output keeps it (issue 15o; heldout14's API-analytics write key).
_SIGNED_TOKENS = (
    "eyJhcHAiOiI3NzE6NDIiLCJ2ZXIiOiIyLjAiLCJvcmciOiI1MTI6OSJ9.q7Wm2TokenSig9Xz",
    "eyJhbGciOiJIUzI1NiJ9.eyJhcHAiOiI3NzE6NDIifQ.Zx81kQ0pLmN3vB7tSig",
)


@pytest.mark.parametrize("token", _SIGNED_TOKENS)
def test_a_signed_token_in_an_id_header_is_in_no_default_output(token: str, tmp_path: Path) -> None:
    from auditor.label import Labeller
    from tests.security.outputs import default_outputs, leaks

    record = tflow(
        id="tok1", session="s", ts=0.0,
        req=treq("https://api.analytics-example.net/v1/events",
                 headers=[("X-Analytics-Application-Id", token),
                          ("Content-Type", "application/json")],
                 body=json.dumps({"event": "call"}).encode()),
    )  # fmt: skip
    result = Labeller().label(record)
    record.labels, record.entity = result.labels, result.entity
    outputs = default_outputs([record], Redactor(Pseudonymizer(b"k" * 32)), tmp_path)
    assert {"jsonl", "har"} <= set(outputs)
    assert leaks(outputs, [token]) == set()


def _learned(*identifiers: str) -> Redactor:
    from auditor.label.findings import Findings

    redactor = Redactor(Pseudonymizer(b"k" * 32), use_labeller=False)
    redactor.learn(Findings(identifiers=set(identifiers)))
    return redactor


def test_a_learned_name_is_replaced_where_only_digits_or_an_underscore_border_it() -> None:
    """A first name labelled under `first_name` was kept inside an id built from it
    (`cont_c0r14Ingrid0001`): a name ends where its letters end, not where its digits do."""
    redactor = _learned("Ingrid", "Mateo Villanueva")
    for text in (
        "cont_c0r14Ingrid0001",
        "Ingrid wants the revised plan",
        "Hello Ingrid_2 and Mateo Villanueva3.",
    ):
        out = redactor.redact_text(text)
        assert "Ingrid" not in out and "Villanueva" not in out, out
    # Precision: a longer word that holds the name is another word.
    for text in ("Ingrids garden", "xIngrid", "Mateo Villanuevas"):
        assert redactor.redact_text(text) == text


def test_a_learned_id_in_framed_binary_is_replaced_whatever_byte_follows() -> None:
    """Protobuf frames a string by its length: the next tag byte (`J`, `2`) may be a letter or a
    digit, and the id was kept when it was."""
    redactor = _learned("usr_3Hf8Wq20", "corpus-host-01", "Ingrid")
    data = b"\n\x07user_id\x12\x0c" + b"usr_3Hf8Wq20J\x1c\x0ecorpus-host-012\x17"
    out = redactor.redact_binary(data)
    assert len(out) == len(data)
    assert b"usr_3Hf8Wq20" not in out and b"corpus-host-01" not in out
    # Short values keep the boundary rule in binary too.
    assert redactor.redact_binary(b"\x12\x07Ingrids") == b"\x12\x07Ingrids"


def test_base64_text_is_redacted_inside_and_encoded_the_same_way() -> None:
    """A topic sent base64-encoded (`topicEncoding: base64`) held a name in clear once decoded."""
    redactor = _learned("Dana Schultz")
    topic = base64.b64encode(b"Salary review with Dana Schultz").decode()
    body = json.dumps({"topic": topic, "topicEncoding": "base64"}).encode()
    out = json.loads(redactor.redact_body(body, "application/json"))
    decoded = base64.b64decode(out["topic"]).decode()
    assert "Dana Schultz" not in decoded and decoded.startswith("Salary review with ")
    urlsafe = base64.urlsafe_b64encode(b"Dana Schultz??>>?? wrote").decode().rstrip("=")
    again = redactor.redact_value(urlsafe)
    assert "=" not in again and "Dana" not in base64.urlsafe_b64decode(again + "==").decode()
    # Base64 text that holds nothing known stays byte for byte.
    plain = base64.b64encode(b"Quarterly planning review").decode()
    assert redactor.redact_value(plain) == plain


_INVITE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:evt-40917733@calendar.example\r\n"
    "SUMMARY:Berth planning\r\nORGANIZER;CN=Mereana Tuhoe:mailto:mereana.tuhoe@example.org\r\n"
    "ATTENDEE;CN=Losa Vainikolo;RSVP=TRUE:mailto:losa.v@example.net\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def test_base64_text_with_crlf_line_ends_is_redacted_inside() -> None:
    """An e-mail API's `.ics` attachment (iCalendar ends every line with CRLF, RFC 5545) was
    passed through whole: a CR made the decoded text count as binary (issue 13z)."""
    redactor = _learned("Mereana Tuhoe", "Losa Vainikolo", "evt-40917733@calendar.example")
    content = base64.b64encode(_INVITE.encode()).decode()
    body = json.dumps({"attachments": [{"content": content, "filename": "invite.ics"}]})
    out = json.loads(redactor.redact_body(body.encode(), "application/json"))
    decoded = base64.b64decode(out["attachments"][0]["content"]).decode()
    for value in ("Mereana", "Vainikolo", "evt-40917733", "mereana.tuhoe@", "losa.v@"):
        assert value not in decoded
    assert decoded.startswith("BEGIN:VCALENDAR\r\n") and "SUMMARY:Berth planning\r\n" in decoded
    # Precision: CRLF text that holds nothing known stays byte for byte, and bytes that are not
    # text (other control characters) are not taken for it.
    plain = base64.b64encode(b"Quarterly planning\r\nreview notes\r\n").decode()
    assert redactor.redact_value(plain) == plain
    binary = base64.b64encode(b"\x01\x02Mereana Tuhoe\r\n\x7f").decode()
    assert redactor.redact_value(binary) == binary


def test_an_ics_attachment_of_an_e_mail_api_leaks_nothing_the_labeller_finds() -> None:
    """End to end, driven by the labeller's findings: the names, addresses and event id it
    finds in a base64 `.ics` attachment appear in no form in the redacted body."""
    from auditor.label import Labeller
    from auditor.label.findings import FieldFinder
    from auditor.records import from_spec_dict
    from tests.security.outputs import expose

    content = base64.b64encode(_INVITE.encode()).decode()
    body = {
        "from": {"email": "invites@calendar.example", "name": "Mereana Tuhoe"},
        "to": [{"email": "losa.v@example.net", "name": "Losa Vainikolo"}],
        "subject": "Invitation",
        "attachments": [
            {"content": content, "filename": "invite.ics", "disposition": "attachment"}
        ],
    }
    # A recorded e-mail API flow as the template (its headers, host, session), with this body.
    corpus = Path(__file__).resolve().parents[1] / "label" / "corpus" / "heldout22.jsonl"
    spec = next(
        d
        for d in map(json.loads, corpus.read_text(encoding="utf-8").splitlines())
        if d["id"] == "h22-011"
    )
    spec["request"]["body_b64"] = base64.b64encode(json.dumps(body).encode()).decode()
    record = from_spec_dict(spec)
    result = Labeller().label(record)
    record.labels, record.entity = result.labels, result.entity
    found = FieldFinder().find(record)
    assert {"Mereana Tuhoe", "Losa Vainikolo"} <= found.identifiers
    # The names are the identifiers, not the whole invitation (which was pseudonymised whole).
    assert not any("BEGIN:VCALENDAR" in value for value in found.identifiers)
    redactor = Redactor(Pseudonymizer(b"k" * 32))
    redactor.prime([record])
    out = redactor.redact_record(record)
    assert out.request is not None and out.request.body is not None
    text = expose(out.request.body.decode("utf-8"))
    for value in found.identifiers:
        assert value not in text, value
    for value in ("Mereana", "Vainikolo", "mereana.tuhoe@example.org", "losa.v@example.net"):
        assert value not in text, value
    # Redacted inside and encoded again: still an invitation, its topic kept.
    content = json.loads(out.request.body)["attachments"][0]["content"]
    invite = base64.b64decode(content + "=" * (-len(content) % 4)).decode()
    assert invite.startswith("BEGIN:VCALENDAR\r\n") and "SUMMARY:Berth planning\r\n" in invite
    assert "ATTENDEE;CN=p_" in invite and "@pseudonym.invalid" in invite


_HOST_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*")


def _with_secrets(*secrets: str) -> Redactor:
    from auditor.label.findings import Findings

    redactor = Redactor(Pseudonymizer(b"k" * 32), use_labeller=False)
    redactor.learn(Findings(secrets=set(secrets)))
    return redactor


def test_a_credential_in_a_host_name_is_replaced_by_a_label_wherever_the_host_is_named() -> None:
    """A beacon key that is also the subdomain the beacons go to (Mux's `<env key>.litix.io`)
    was kept in every host name: the URL, Host and `:authority`, Referer and Origin, the TLS
    server name, the server address, a DNS question. The label becomes `redacted`, so the name
    stays a valid host name; nothing else of it changes."""
    from auditor.records import Entity, to_spec_dict

    key = "envkey7k2q9w4e1r"
    redactor = _with_secrets(key, "not/a+host=label==")
    host = f"{key}.beacons.example"
    request = treq(
        f"https://someone:pw12345678@{host}:8443/v1/beacon?x=1",
        headers=[
            ("Host", f"{host.upper()}:8443"),
            (":authority", host),
            ("Referer", f"https://{host}/page"),
            ("Origin", f"https://{key}-ingest.example"),
        ],
    )
    entity = Entity("Beacons Inc", "third", host)  # a suffix of its own: the domain is the host
    red = redactor.redact_record(
        tflow(req=request, sni=host, server_addr=(host, 443), entity=entity)
    )
    assert red.request is not None
    assert (red.entity.name, red.entity.party) == ("Beacons Inc", "third")
    assert red.entity.domain == "redacted.beacons.example" and entity.domain == host
    assert key not in json.dumps(to_spec_dict(red, include_bodies=True)).lower()
    assert red.request.host == red.sni == red.server_addr[0] == "redacted.beacons.example"
    url = urlsplit(red.request.url)
    assert (url.hostname, url.port, url.path) == ("redacted.beacons.example", 8443, "/v1/beacon")
    headers = dict(red.request.headers)
    assert headers["Host"] == "redacted.BEACONS.EXAMPLE:8443"  # the rest keeps its case
    assert headers[":authority"] == "redacted.beacons.example"
    assert headers["Referer"] == "https://redacted.beacons.example/page"
    assert headers["Origin"] == "https://redacted-ingest.example"
    dns = redactor.redact_record(tdnsflow(dns=tdns(host)))
    assert dns.dns is not None and dns.dns.question == "redacted.beacons.example"
    for name in (red.request.host, dns.dns.question, redactor.redact_host(f"a-{key}-b.example")):
        assert _HOST_NAME.fullmatch(name), name
    # Precision: other hosts, and a label that holds the key inside a longer run, stay as they
    # are; a credential that could not be a host label never changes one.
    for other in ("beacons.example", f"x{key}.beacons.example", f"{key}7.example", "img.litix.io"):
        assert redactor.redact_host(other) == other
    plain = _with_secrets("abcdefgh12")
    assert plain.redact_host("abcdefgh12x.example") == "abcdefgh12x.example"
    assert plain.redact_authority("[2001:db8::1]:443") == "[2001:db8::1]:443"


def test_a_learned_name_or_address_is_replaced_in_the_cases_software_gives_it() -> None:
    """A name learned as "Ingrid Solheim" was kept as "INGRID SOLHEIM" or "ingrid solheim", and
    an address percent-encoded in another case: text values are found in the cases software
    gives them (lower, upper, title, capitalised), with the pseudonym of the value as learned."""
    redactor = _learned("Ingrid Solheim", "Ingrid.Solheim@Example.no")
    name = redactor.redact_text("Ingrid Solheim")
    address = redactor.redact_text("Ingrid.Solheim@Example.no")
    assert name.startswith("p_") and address.endswith("@pseudonym.invalid")
    for text in ("INGRID SOLHEIM joined", "note: ingrid solheim", "by Ingrid solheim."):
        out = redactor.redact_text(text)
        assert "solheim" not in out.lower() and name in out, out
    assert redactor.redact_text("to=ingrid.solheim@example.no") == f"to={address}"
    assert "solheim" not in redactor.redact_text("u=INGRID.SOLHEIM%40EXAMPLE.NO").lower()
    assert "solheim" not in redactor.redact_text("q=INGRID+SOLHEIM&x=1").lower()
    assert redactor.redact_text("cc: Ingrid.Solheim@Example.No") == f"cc: {address}"
    body = json.dumps({"comment": "Call INGRID SOLHEIM back", "n": 1}).encode()
    out = redactor.redact_record(tflow(req=treq(body=body, headers=[("X-Who", "ingrid solheim")])))
    assert out.request is not None and out.request.body is not None
    assert b"SOLHEIM" not in out.request.body and name.encode() in out.request.body
    assert dict(out.request.headers)["X-Who"] == name
    blob = b"\x0a\x0eINGRID SOLHEIM\x12\x02ok"
    assert b"INGRID" not in redactor.redact_binary(blob)
    # Precision: a longer word holding it is another word; single words and short names keep
    # their case rule (a single word in another case may be a host label or an ordinary word).
    assert redactor.redact_text("INGRID SOLHEIMS garden") == "INGRID SOLHEIMS garden"
    words = _learned("MeetCorp", "Ingrid", "Ana Li")
    for text in ("https://chat.meetcorp-example.com/x", "ingrid", "INGRID wrote", "ANA LI"):
        assert words.redact_text(text) == text
    assert "MeetCorp" not in words.redact_text("MeetCorp") and "Ana Li" not in words.redact_text(
        "Ana Li"
    )
