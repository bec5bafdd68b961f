"""PyPI SDKs of the thirty-seventh held-out set (heldout37.py): the telemetry a meeting client's
own Python backend embeds (Apitally's API monitoring over OpenTelemetry, Atatus's APM agent),
each sending to its vendor's real default ingest host. Run one as a program: `python
heldout37_runs.py SCENARIO`; heldout37.py starts it through the auditor's proxy (`auditor
capture --sinkhole '*'`) with the environment `auditor launch` gives a program, so nothing
leaves the machine.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = str(CORPUS_VALUES["meeting_id"])
TOPIC = "Whale-watch permit renewal review"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# The outside participant the corpus user invited.
GUEST_NAME = "Hinewai Tautahi"
GUEST_EMAIL = "hinewai.tautahi@kaikoura-survey-example.co.nz"
GUEST_PHONE = "+64 3 319 5742"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def _local(method: str, url: str, body: dict[str, object] | None = None) -> None:
    """A request of the meeting client to its own backend on loopback (no proxy: not recorded)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", "Bearer h37-client-session-4b1f0e9a")
    _quietly(f"{method} {url}", lambda: opener.open(request, timeout=5).read())


def run_apitally() -> None:
    """apitally (Apitally's own SDK, API monitoring and request logging; since 1.0 built on
    OpenTelemetry): the meeting client's Flask backend, set up as its Flask setup guide says
    (apitally.flask.init with request-body capture on), serves the client's calls to join the
    meeting, invite the guest and post a call-quality report; the SDK exports the requests'
    spans and the app's log records to its default OTLP endpoint at shutdown."""
    from apitally.flask import init
    from apitally.shared import activation
    from flask import Flask, jsonify, request
    from werkzeug.serving import make_server

    app = Flask("acme-meet-backend")
    init(
        app,
        app_version="3.8.1",
        write_token="apt_H37q9Lx2Vb7Nc4Tr8Kw1Zs6M",
        env="prod",
        capture_request_body=True,
        capture_request_headers=True,
        capture_response_body=True,
    )
    log = logging.getLogger("acme-meet-backend")
    log.setLevel(logging.INFO)

    @app.post("/api/meetings/<meeting_id>/join")
    def join(meeting_id: str) -> object:
        payload = request.get_json(silent=True) or {}
        log.info("participant %s joined meeting %s", payload.get("display_name"), meeting_id)
        return jsonify({"meeting_id": meeting_id, "topic": TOPIC, "role": "host"})

    @app.post("/api/meetings/<meeting_id>/invites")
    def invite(meeting_id: str) -> object:
        payload = request.get_json(silent=True) or {}
        log.info("invite sent to %s for meeting %s", payload.get("email"), meeting_id)
        return jsonify({"status": "sent", "invitee": payload.get("email")}), 201

    @app.post("/api/meetings/<meeting_id>/quality")
    def quality(meeting_id: str) -> object:
        log.warning("poor network reported in meeting %s: mos 2.9", meeting_id)
        return jsonify({"accepted": True}), 202

    server = make_server("127.0.0.1", 0, app)
    port = server.server_port
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{port}/api/meetings/{MEETING_ID}"
    _local("POST", f"{base}/join", {"display_name": HOST_NAME, "email": HOST_EMAIL})
    _local(
        "POST",
        f"{base}/invites",
        {
            "name": GUEST_NAME,
            "email": GUEST_EMAIL,
            "phone": GUEST_PHONE,
            "message": f"Joining us for the {TOPIC}?",
        },
    )
    _local("POST", f"{base}/quality", {"mos": 2.9, "jitter_ms": 41, "packet_loss": 0.034})
    time.sleep(1.0)
    server.shutdown()
    activation.shutdown()


def run_atatus() -> None:
    """atatus (Atatus's own Python APM agent, a fork of Elastic's): the meeting client's Flask
    backend set up as its Flask guide says (app.config['ATATUS'], Atatus(app)) with API
    analytics, tracing and request bodies on; the client joins the meeting, invites the guest
    and reports a failed recording upload, whose handler sets the user and raises (an error the
    agent reports); at exit the agent sends host info, transactions, errors and metrics."""
    import atatus
    from atatus.contrib.flask import Atatus
    from flask import Flask, jsonify, request

    app = Flask("acme-meet-backend")
    app.config["ATATUS"] = {
        "APP_NAME": "acme-meet-backend",
        "LICENSE_KEY": "lic_apm_h37c4e9b1f07a2d68e53b0c9f1a4d7e26",
        "APP_VERSION": "3.8.1",
        "ENVIRONMENT": "production",
        "ANALYTICS": True,
        "TRACING": True,
        "LOG_BODY": "all",
    }
    agent = Atatus(app)

    @app.post("/api/meetings/<meeting_id>/join")
    def join(meeting_id: str) -> object:
        payload = request.get_json(silent=True) or {}
        atatus.set_user_context(username=payload.get("display_name"), email=payload.get("email"))
        with atatus.capture_span("SFU allocate", span_type="external", span_subtype="http"):
            time.sleep(0.05)
        return jsonify({"meeting_id": meeting_id, "topic": TOPIC, "role": "host"})

    @app.post("/api/meetings/<meeting_id>/invites")
    def invite(meeting_id: str) -> object:
        payload = request.get_json(silent=True) or {}
        return jsonify({"status": "sent", "invitee": payload.get("email")}), 201

    @app.post("/api/meetings/<meeting_id>/recording")
    def recording(meeting_id: str) -> object:
        atatus.set_user_context(username=HOST_USERNAME, email=HOST_EMAIL, user_id="u_10f2")
        raise ConnectionError(
            f"recording upload for meeting {meeting_id} ({TOPIC}) failed: bucket unreachable"
        )

    client = app.test_client()
    base = f"/api/meetings/{MEETING_ID}"
    headers = {"Authorization": "Bearer h37-client-session-4b1f0e9a"}
    client.post(
        f"{base}/join", json={"display_name": HOST_NAME, "email": HOST_EMAIL}, headers=headers
    )
    client.post(
        f"{base}/invites",
        json={
            "name": GUEST_NAME,
            "email": GUEST_EMAIL,
            "phone": GUEST_PHONE,
            "message": f"Joining us for the {TOPIC}?",
        },
        headers=headers,
    )
    _quietly(
        "recording",
        lambda: client.post(f"{base}/recording", json={"bytes": 48213390}, headers=headers),
    )
    time.sleep(0.5)
    agent.client.close()


def run_hightouch() -> None:
    """events-sdk-python (Hightouch's own Python SDK of its Events collection, a Segment-style
    product-analytics API): the meeting client's Python process identifies the host, tracks the
    call (meeting joined, guest admitted, screen share started, meeting left) and a screen view
    with the device context the client passes, gzip on, as its README shows (Client(write_key,
    gzip=True), identify, track, screen, flush); two flushes, so two batches."""
    from hightouch.htevents import Client

    client = Client("h37ht_wk_5d0e8b2c7a914f63", gzip=True, max_retries=0)
    context = {
        "app": {"name": "AcmeMeet", "version": "3.8.1", "build": "3801"},
        "os": {"name": "Windows", "version": "10.0.22631"},
        "device": {"id": CORPUS_VALUES["machine_id"], "manufacturer": "LENOVO", "model": "20XW"},
        "network": {"wifi": True, "cellular": False},
        "locale": "en-NZ",
        "timezone": "Pacific/Auckland",
        "ip": CORPUS_VALUES["local_ip"],
    }
    client.identify(
        HOST_USERNAME,
        {"email": HOST_EMAIL, "name": HOST_NAME, "plan": "business"},
        context=context,
    )
    client.track(
        HOST_USERNAME,
        "Meeting Joined",
        {"meeting_id": MEETING_ID, "topic": TOPIC, "role": "host", "join_ms": 1840},
        context=context,
    )
    client.flush()
    client.track(
        HOST_USERNAME,
        "Guest Admitted",
        {"meeting_id": MEETING_ID, "guest_name": GUEST_NAME, "guest_email": GUEST_EMAIL},
        context=context,
    )
    client.screen(HOST_USERNAME, "Meeting", "Screen Share Picker", {"windows": 4}, context=context)
    client.track(
        HOST_USERNAME,
        "Screen Share Started",
        {"meeting_id": MEETING_ID, "surface": "window", "resolution": "1920x1080"},
        context=context,
    )
    client.track(
        HOST_USERNAME,
        "Meeting Left",
        {"meeting_id": MEETING_ID, "duration_s": 2710, "reason": "host_ended"},
        context=context,
    )
    client.flush()
    client.shutdown()


SCENARIOS: dict[str, Callable[[], None]] = {
    "apitally-py": run_apitally,
    "atatus-py": run_atatus,
    "hightouch-py": run_hightouch,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
