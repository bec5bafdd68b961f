"""Flows with credentials of many kinds planted where meeting clients and SDKs put them, labelled
by the real labeller. Every value in `SECRETS` must be absent from every default output and from
the GUI's detail pane while "Show credential values" is off."""

from __future__ import annotations

import base64
import gzip
import json
import secrets
import xmlrpc.client
import zlib

import brotli
import zstandard

from auditor.label import Labeller
from auditor.records import FlowRecord, RequestRecord
from tests.tflow import tflow, treq, tresp, tws


def _token(kind: str) -> str:
    return f"{kind}{secrets.token_hex(10)}"


def _jwt(claims: dict[str, object]) -> str:
    def part(obj: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.{secrets.token_hex(16)}"


def _path_key() -> str:
    """An incoming webhook's key as such services issue it: 16 random lower-case letters and
    digits (here alternating, so that it always mixes both)."""
    return "".join(
        secrets.choice("abcdefghijklmnopqrstuvwxyz") + secrets.choice("0123456789")
        for _ in range(8)
    )


def _item_token() -> str:
    """A room's access key or a guest's token as video platforms issue them: random letters of
    both cases and digits (here in turn, so that it always mixes all three; no hex letters)."""
    return "".join(
        secrets.choice("GHJKLMNPQRSTUVWXYZ")
        + secrets.choice("ghjkmnpqrstuvwxyz")
        + secrets.choice("23456789")
        for _ in range(7)
    )


CLAIM_SECRET = _token("JwtClaimSecretKey")
SECRETS: dict[str, str] = {
    "url_zak": _jwt({"aud": "clientsm", "uid": "zoom-user-1"}),
    "url_tk": _token("ZoomTk"),
    "url_userinfo_password": _token("UserinfoPw"),
    "url_sentry_key": _token("SentryKey"),
    "header_bearer": _token("BearerTok"),
    "header_cookie": _token("CookieSess"),
    "header_skypetoken": _token("SkypeTok"),
    "header_basic_password": _token("BasicPw"),
    "form_password": _token("FormPw"),
    "nested_json_refresh_token": _token("RefreshTok"),
    "gzip_sdk_key": _token("ZoomSdkKey"),
    "gzip_secret_key": _token("ZoomSecretKey"),
    "base64_context_api_key": _token("SnowplowCtxKey"),
    "jwt_in_field": _jwt({"sub": "user-7", "secretKey": CLAIM_SECRET}),
    "jwt_claim": CLAIM_SECRET,
    "aws_access_key_id": "AKIA" + secrets.token_hex(8).upper(),
    "aws_secret_access_key": _token("AwsSecretAccess"),
    "segment_write_key": _token("SegmentWriteKey"),
    "onedss_ikey": "o:" + secrets.token_hex(16),
    "deflate_client_secret": _token("DeflateSecret"),
    "br_access_token": _token("BrotliAccess"),
    "zstd_api_key": _token("ZstdApiKey"),
    "multipart_password": _token("MultipartPw"),
    "websocket_token": _token("WsToken"),
    "set_cookie": _token("SetCookieSess"),
    # an object-service XML-RPC call's positional password (issue 15bc)
    "xmlrpc_password": _token("XmlRpcPw"),
    # a beacon key that is also the subdomain the beacons go to (`<env key>.litix.io`)
    "host_label_key": _token("hostlabelkey"),
    # an incoming webhook's secret key in the path after its user id (`/rest/<user>/<key>/`)
    "url_path_webhook_key": _path_key(),
    # a learning platform's API key as HTTP Basic's user name
    "lms_api_key": _token("LmsApiKey"),
    # a video room's access key and a guest's token as the only credential of their calls, an
    # item of a collection in the path (`/rooms/<key>/messages`, `/guests/<token>`; issue 15bq)
    "url_path_room_access_key": _item_token(),
    "url_path_guest_token": _item_token(),
}
USER_EMAIL = "planted.person@corp-example.org"
# An address only the learning platform's flows hold (no other flow teaches the redactor it):
# found where the labeller reads it, in a path parameter and under a sign-in id key.
LEARNER_EMAIL = "planted.learner@school-example.org"


def _request(
    url: str,
    headers: list[tuple[str, str]] | None = None,
    body: bytes | None = None,
    method: str = "POST",
) -> RequestRecord:
    return treq(url, method=method, headers=headers, body=body)


def planted_records(session: str = "planted") -> list[FlowRecord]:
    s = SECRETS
    js = [("Content-Type", "application/json")]
    basic = base64.b64encode(f"someone:{s['header_basic_password']}".encode()).decode()
    snowplow_cx = base64.urlsafe_b64encode(
        json.dumps(
            {
                "schema": "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0",
                "data": [{"schema": "iglu:com.acme/app/1-0-0", "data": {"apiKey": s["base64_context_api_key"]}}],
            }
        ).encode()
    ).decode().rstrip("=")  # fmt: skip
    boundary = "plantedBoundary42"
    multipart = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="user"\r\n\r\nsomeone\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="password"\r\n\r\n'
        f"{s['multipart_password']}\r\n--{boundary}--\r\n"
    ).encode()
    requests = [
        _request(
            f"https://someone:{s['url_userinfo_password']}@zoom.us/wc/join/81234567890"
            f"?zak={s['url_zak']}&tk={s['url_tk']}&pwd=x",
            method="GET",
        ),
        _request(
            f"https://o0.ingest.sentry.io/api/1/store/?sentry_key={s['url_sentry_key']}"
            "&sentry_version=7",
            js,
            json.dumps({"message": "boom", "user": {"email": USER_EMAIL}}).encode(),
        ),
        _request(
            "https://teams.microsoft.com/api/chatsvc/v1/users/ME/conversations",
            [
                ("Authorization", f"Bearer {s['header_bearer']}"),
                ("Cookie", f"session={s['header_cookie']}; theme=dark"),
                ("X-Skypetoken", s["header_skypetoken"]),
                ("Proxy-Authorization", f"Basic {basic}"),
                (":authority", "teams.microsoft.com"),
                *js,
            ],
            json.dumps(
                {"payload": json.dumps({"refresh_token": s["nested_json_refresh_token"]})}
            ).encode(),
        ),
        _request(
            "https://zoom.us/signin",
            [("Content-Type", "application/x-www-form-urlencoded")],
            f"email={USER_EMAIL}&password={s['form_password']}".encode(),
        ),
        _request(
            "https://marketplace.zoom.us/api/v1/sdk/auth",
            [*js, ("Content-Encoding", "gzip")],
            gzip.compress(
                json.dumps({"sdkKey": s["gzip_sdk_key"], "secretKey": s["gzip_secret_key"]}).encode()
            ),
        ),
        _request(
            f"https://c.acme-snowplow.example/i?e=pv&aid=zoom-web&cx={snowplow_cx}", method="GET"
        ),
        _request(
            "https://api.example-meeting.com/v1/session",
            js,
            json.dumps({"blob": s["jwt_in_field"], "note": "ok"}).encode(),
        ),
        _request(
            "https://s3.amazonaws.com/upload",
            js,
            json.dumps(
                {"accessKeyId": s["aws_access_key_id"], "secretAccessKey": s["aws_secret_access_key"]}
            ).encode(),
        ),
        _request(
            "https://api.segment.io/v1/batch",
            js,
            json.dumps({"writeKey": s["segment_write_key"], "batch": [{"event": "joined"}]}).encode(),
        ),
        _request(
            "https://mobile.events.data.microsoft.com/OneCollector/1.0/",
            [("Content-Type", "application/x-json-stream")],
            (json.dumps({"name": "Ms.Teams.Event", "iKey": s["onedss_ikey"], "data": {}}) + "\n").encode(),
        ),
        _request(
            "https://api.example-meeting.com/oauth/token",
            [("Content-Type", "application/json"), ("Content-Encoding", "deflate")],
            zlib.compress(json.dumps({"client_secret": s["deflate_client_secret"]}).encode()),
        ),
        _request(
            "https://api.example-meeting.com/v2/events",
            [("Content-Type", "application/json"), ("Content-Encoding", "br")],
            brotli.compress(json.dumps({"access_token": s["br_access_token"]}).encode()),
        ),
        _request(
            "https://api.example-meeting.com/v3/events",
            [("Content-Type", "application/json"), ("Content-Encoding", "zstd")],
            zstandard.ZstdCompressor().compress(json.dumps({"api_key": s["zstd_api_key"]}).encode()),
        ),
        _request(
            "https://api.example-meeting.com/upload",
            [("Content-Type", f"multipart/form-data; boundary={boundary}")],
            multipart,
        ),
        _request(
            f"https://{s['host_label_key']}.beacons.example-meeting.com/v1/beacon",
            [("Host", f"{s['host_label_key']}.beacons.example-meeting.com"), *js],
            json.dumps({"api_key": s["host_label_key"], "event": "view"}).encode(),
        ),
        _request(
            f"https://acme.crm-example.com/rest/7/{s['url_path_webhook_key']}/crm.contact.add.json",
            js,
            json.dumps({"fields": {"NAME": "Planted", "EMAIL": [{"VALUE": USER_EMAIL}]}}).encode(),
        ),
        _request(
            "https://erp.example-meeting.com/xmlrpc/2/object",
            [("Content-Type", "text/xml")],
            xmlrpc.client.dumps(
                ("acme", 2, s["xmlrpc_password"], "res.partner", "create", [{"name": "Ann"}], {}),
                methodname="execute_kw",
            ).encode(),
        ),
        # the person's address as a `key:value` parameter of the path, percent-encoded, and as
        # a login under a sign-in id key in a form (a learning platform's; issue 15bj)
        _request(
            f"https://lms.example-meeting.com/api/v1/users/email:{LEARNER_EMAIL.replace('@', '%40')}",
            [("Authorization", "Basic " + base64.b64encode(f"{s['lms_api_key']}:".encode()).decode())],
            method="GET",
        ),
        _request(
            "https://lms.example-meeting.com/api/v1/accounts/1/users",
            [("Content-Type", "application/x-www-form-urlencoded")],
            f"user%5Bname%5D=Planted&pseudonym%5Bunique_id%5D={LEARNER_EMAIL.replace('@', '%40')}".encode(),
        ),
        # no header or parameter authorises these calls: the path's token does (issue 15bq)
        _request(
            f"https://api.video-example.com/rooms/{s['url_path_room_access_key']}/messages?type=chat&content=Hello",
        ),
        _request(
            f"https://api.video-example.com/guests/{s['url_path_guest_token']}?name=Planted%20Guest",
        ),
    ]  # fmt: skip
    labeller = Labeller()
    records = []
    for number, request in enumerate(requests):
        record = tflow(
            id=f"{number:032x}",
            session=session,
            ts=1_767_000_000.0 + number,
            req=request,
            resp=tresp(
                200,
                headers=[("Set-Cookie", f"sid={s['set_cookie']}; HttpOnly; Secure")],
                body=b"{}",
            ),
            server_addr=("203.0.113.7", 443),
            sni=request.host if s["host_label_key"] in request.host else None,
        )
        records.append(record)
    records.append(
        tflow(
            id=f"{len(records):032x}",
            session=session,
            ts=1_767_000_100.0,
            req=_request("https://wss.example-meeting.com/socket", method="GET"),
            resp=tresp(101),
            ws=[
                tws(
                    json.dumps({"type": "auth", "token": s["websocket_token"]}).encode(),
                    ts=1_767_000_101.0,
                    size=60,
                )
            ],
        )
    )
    for record in records:
        result = labeller.label(record)
        record.labels, record.entity = result.labels, result.entity
    return records
