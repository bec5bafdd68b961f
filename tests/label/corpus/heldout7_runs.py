"""PyPI SDKs of the seventh held-out set (heldout7.py), each making the calls a meeting client
would make, to its vendor's real ingest host (a host under `meetcorp-example.com` for self-hosted
products). Run one as a program: `python heldout7_runs.py SCENARIO`; heldout7.py starts it through
the auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives
a program, so nothing leaves the machine.
"""

from __future__ import annotations

import http.client
import logging
import os
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

USER_ID = "usr_3Hf8Wq20"
MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Hiring committee sync"
PARTICIPANTS = 5


def _proxy() -> str:
    return os.environ.get("HTTPS_PROXY") or os.environ.get("https_proxy") or ""


def _logger(name: str, handler: logging.Handler) -> logging.Logger:
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    return logger


def _join_error() -> Exception:
    try:
        raise ConnectionError(f"media connection failed for meeting {MEETING_ID}: ICE timeout")
    except ConnectionError as err:
        return err


def run_logfire() -> None:
    """Pydantic Logfire: a span for the join, a log with the user and an exception (OTLP/HTTP)."""
    import logfire

    logfire.configure(
        token="pylf_v1_eu_C0rpusW8x2Lq5Tz9Hk3Nb7Vd1Rf4Gj6Mp0Sc",
        service_name="meeting-desktop",
        service_version="5.17.2",
        console=False,
    )
    with logfire.span("join meeting {meeting_id}", meeting_id=MEETING_ID, topic=TOPIC):
        logfire.info(
            "user {user_email} joined",
            user_email=CORPUS_VALUES["email"],
            user_id=USER_ID,
            user_name=CORPUS_VALUES["name"],
            participants=PARTICIPANTS,
            network_type="wifi",
            locale="de_CH",
        )
    # Each export flushed on its own, so what goes in which request does not depend on timing.
    logfire.force_flush()
    try:
        raise _join_error()
    except ConnectionError:
        logfire.exception("media failed in meeting {meeting_id}", meeting_id=MEETING_ID)
    logfire.force_flush()
    logfire.metric_histogram("audio_jitter", unit="ms").record(
        23.5, {"meeting_id": MEETING_ID, "network_type": "wifi"}
    )
    logfire.force_flush()
    logfire.shutdown()


def run_watchtower() -> None:
    """watchtower: the logging module to AWS CloudWatch Logs through boto3 (fake keys)."""
    import boto3
    import watchtower

    client = boto3.client(
        "logs",
        region_name="eu-central-1",
        aws_access_key_id="AKIAC0RPUS7EXAMPLE4Q",
        aws_secret_access_key="c0rpusSecretKey/7Hq2Wm9Xz4Lb8Nd1Rf5Tk3Vp6Gs0Ja",
        # Scenario plumbing: botocore trusts its own CA bundle (or AWS_CA_BUNDLE), not
        # SSL_CERT_FILE / REQUESTS_CA_BUNDLE; this is the capture's CA that `auditor launch` gives.
        verify=os.environ["SSL_CERT_FILE"],
    )
    handler = watchtower.CloudWatchLogHandler(
        log_group_name="meeting-desktop",
        log_stream_name=f"{CORPUS_VALUES['hostname']}-client",
        boto3_client=client,
        send_interval=1,
    )
    logger = _logger("watchtower-corpus", handler)
    logger.info(
        {
            "event": "meeting_joined",
            "user_id": USER_ID,
            "user_email": CORPUS_VALUES["email"],
            "meeting_id": MEETING_ID,
            "topic": TOPIC,
            "participants": PARTICIPANTS,
        }
    )
    logger.error("media connection failed", exc_info=_join_error())
    handler.flush()
    handler.close()


def run_pygelf() -> None:
    """pygelf: GELF records to a self-hosted Graylog's GELF HTTP input (TLS)."""
    from pygelf import GelfHttpsHandler, handlers

    proxy = urlsplit(_proxy())

    # Scenario plumbing: pygelf opens http.client.HTTPSConnection to the input directly (no proxy
    # setting); this connects to the capture and tunnels to the same host and port instead. pygelf
    # drops the connection right after sending without reading the answer, and the capture then
    # sometimes stored the request with an empty body, so the answer is read before it goes.
    class ThroughProxy(http.client.HTTPSConnection):
        def __init__(self, host: str, port: int, **kwargs: Any) -> None:
            super().__init__(proxy.hostname or "", proxy.port, **kwargs)
            self.set_tunnel(host, port)

        def request(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
            super().request(*args, **kwargs)
            self.getresponse().read()
            self.close()

    handlers.httplib = types.SimpleNamespace(HTTPSConnection=ThroughProxy)  # type: ignore[attr-defined]
    handler = GelfHttpsHandler(
        host="graylog.meetcorp-example.com",
        port=12202,
        validate=True,
        ca_certs=os.environ["SSL_CERT_FILE"],
        include_extra_fields=True,
        _app="meeting-desktop",
    )
    logger = _logger("pygelf-corpus", handler)
    logger.info(
        "user joined meeting",
        extra={
            "user_id": USER_ID,
            "user_email": CORPUS_VALUES["email"],
            "meeting_id": MEETING_ID,
            "participants": PARTICIPANTS,
        },
    )
    logger.warning(
        "audio device changed",
        extra={
            "meeting_id": MEETING_ID,
            "device": "Jabra Evolve2 65",
            "previous_device": "Built-in Audio Analog Stereo",
            "os": "Debian GNU/Linux 12",
        },
    )
    logger.error(
        "media connection failed",
        exc_info=_join_error(),
        extra={"meeting_id": MEETING_ID, "network_type": "wifi", "rtt_ms": 412},
    )


def run_influxdb() -> None:
    """influxdb-client: call-quality points in line protocol to InfluxDB Cloud."""
    from influxdb_client import InfluxDBClient, Point
    from influxdb_client.client.write_api import SYNCHRONOUS

    # Scenario plumbing: its urllib3 client does not read HTTPS_PROXY; it takes a proxy option.
    with InfluxDBClient(
        url="https://eu-central-1-1.aws.cloud2.influxdata.com",
        token="c0rpusInfluxToken_Qm7Wx2Lz9Hb4Nd8Rf1Tk5Vp3Gs6Ja0Ce==",
        org="meetcorp",
        proxy=_proxy(),
        ssl_ca_cert=os.environ["SSL_CERT_FILE"],
    ) as client:
        write_api = client.write_api(write_options=SYNCHRONOUS)
        points = [
            Point("call_quality")
            .tag("meeting_id", MEETING_ID)
            .tag("user_id", USER_ID)
            .tag("host", CORPUS_VALUES["hostname"])
            .tag("network_type", "wifi")
            .field("jitter_ms", 23.5)
            .field("packet_loss_pct", 1.8)
            .field("rtt_ms", 87)
            .field("participants", PARTICIPANTS),
            Point("client_event")
            .tag("meeting_id", MEETING_ID)
            .tag("user_id", USER_ID)
            .field("event", "screen_share_started")
            .field("os", "Debian GNU/Linux 12"),
        ]
        write_api.write(bucket="meeting-telemetry", record=points)
        write_api.write(
            bucket="meeting-telemetry",
            record=Point("client_error")
            .tag("meeting_id", MEETING_ID)
            .tag("user_id", USER_ID)
            .tag("host", CORPUS_VALUES["hostname"])
            .field("message", f"media connection failed for meeting {MEETING_ID}: ICE timeout")
            .field("local_ip", CORPUS_VALUES["local_ip"]),
        )


def run_prometheus() -> None:
    """prometheus_client: the client's meeting gauges pushed to a self-hosted Pushgateway."""
    from prometheus_client import (
        CollectorRegistry,
        Counter,
        Gauge,
        delete_from_gateway,
        push_to_gateway,
    )

    registry = CollectorRegistry()
    jitter = Gauge(
        "meeting_audio_jitter_ms",
        "Audio jitter in the current meeting",
        ["meeting_id", "network_type"],
        registry=registry,
    )
    jitter.labels(meeting_id=MEETING_ID, network_type="wifi").set(23.5)
    loss = Gauge("meeting_packet_loss_ratio", "Packet loss", ["meeting_id"], registry=registry)
    loss.labels(meeting_id=MEETING_ID).set(0.018)
    joins = Counter("meeting_joins", "Meetings joined", ["user_id"], registry=registry)
    joins.labels(user_id=USER_ID).inc()
    push_to_gateway(
        "https://pushgateway.meetcorp-example.com",
        job="meeting-desktop",
        grouping_key={"instance": CORPUS_VALUES["hostname"]},
        registry=registry,
    )
    # The meeting ended: its group is removed, as the Pushgateway documentation advises.
    delete_from_gateway(
        "https://pushgateway.meetcorp-example.com",
        job="meeting-desktop",
        grouping_key={"instance": CORPUS_VALUES["hostname"]},
    )


def run_humio() -> None:
    """humiolib: structured events and unstructured log lines to Falcon LogScale (Humio)."""
    from humiolib.HumioClient import HumioIngestClient

    client = HumioIngestClient(
        base_url="https://cloud.humio.com",
        ingest_token="c0rpus5e-7a1b-4c2d-9e3f-humio0ingest",
    )
    try:
        client.ingest_json_data(
            [
                {
                    "tags": {"host": CORPUS_VALUES["hostname"], "source": "meeting-desktop"},
                    "events": [
                        {
                            "timestamp": "2026-12-07T05:30:00+01:00",
                            "attributes": {
                                "event": "meeting_joined",
                                "user_id": USER_ID,
                                "user_email": CORPUS_VALUES["email"],
                                "meeting_id": MEETING_ID,
                                "topic": TOPIC,
                                "participants": PARTICIPANTS,
                            },
                        }
                    ],
                }
            ]
        )
    except ValueError as err:  # the sinkhole's empty answer is no JSON
        print("humio:", err, file=sys.stderr)
    try:
        client.ingest_messages(
            [
                f"2026-12-07T05:30:04Z ERROR media connection failed meeting={MEETING_ID} "
                f"user={USER_ID} network=wifi rtt_ms=412",
            ]
        )
    except ValueError as err:
        print("humio:", err, file=sys.stderr)


def run_harness() -> None:
    """harness-featureflags (Harness Feature Flags): a flag for the user as target."""
    from featureflags.client import CfClient
    from featureflags.evaluations.auth_target import Target

    client = CfClient("c0rpus5e-7a1b-4c2d-9e3f-0a1b2c3d4e5f")
    client.wait_for_initialization()
    target = Target(
        identifier=USER_ID,
        name=CORPUS_VALUES["name"],
        attributes={"email": CORPUS_VALUES["email"], "location": "emea", "plan": "business"},
    )
    client.bool_variation("noise_suppression", target, False)
    time.sleep(2)
    try:
        client.close()
    except AttributeError as err:  # its close() fails when authentication never succeeded
        print("harness:", err, file=sys.stderr)


def run_pusher() -> None:
    """pusher (Channels HTTP API): the server side of a meeting app triggers events."""
    import pusher

    client = pusher.Pusher(
        app_id="1873542",
        key="c0rpus7a1b2c3d4e5f60",
        secret="c0rpus9e8d7c6b5a4f30",
        cluster="eu",
        ssl=True,
    )
    # Scenario plumbing: with ssl the client verifies against the bundle shipped in the package,
    # not REQUESTS_CA_BUNDLE; this is the capture's CA that `auditor launch` gives.
    client._pusher_client.http.options["verify"] = os.environ["REQUESTS_CA_BUNDLE"]
    events = [
        (
            f"presence-meeting-{MEETING_ID}",
            "participant-joined",
            {
                "user_id": USER_ID,
                "name": CORPUS_VALUES["name"],
                "email": CORPUS_VALUES["email"],
                "topic": TOPIC,
                "participants": PARTICIPANTS,
            },
        ),
        (
            f"private-meeting-{MEETING_ID}",
            "chat-message",
            {"from": CORPUS_VALUES["name"], "text": "Can everyone see my screen?"},
        ),
    ]
    for channel, event, data in events:
        try:
            client.trigger(channel, event, data)
        except Exception as err:  # the sinkhole's 204 is not the 200 it expects
            print("pusher:", err, file=sys.stderr)
    try:
        # The host hears that someone waits in the lobby (User Authentication's server-to-user).
        client.send_to_user(
            "usr_h0st9Kd2",
            "lobby-waiting",
            {
                "meeting_id": MEETING_ID,
                "name": CORPUS_VALUES["name"],
                "email": CORPUS_VALUES["email"],
            },
        )
    except Exception as err:
        print("pusher:", err, file=sys.stderr)


def run_appsignal() -> None:
    """appsignal: its agent ships a traced join with custom data and an error to AppSignal."""
    from appsignal import Appsignal, send_error, set_custom_data, set_tag
    from opentelemetry import trace

    appsignal = Appsignal(
        active=True,
        name="meeting-desktop",
        push_api_key="c0rpus5e-7a1b-4c2d-9e3f-appsignal0key",
        environment="production",
        http_proxy=_proxy(),
        ca_file_path=os.environ["SSL_CERT_FILE"],
    )
    appsignal.start()
    tracer = trace.get_tracer(__name__)
    with tracer.start_as_current_span("join_meeting"):
        set_tag("user_id", USER_ID)
        set_tag("meeting_id", MEETING_ID)
        set_custom_data(
            {"user_email": CORPUS_VALUES["email"], "topic": TOPIC, "participants": PARTICIPANTS}
        )
        send_error(_join_error())
    # The agent pushes on its own schedule, not when asked.
    time.sleep(60)
    appsignal.stop()


SCENARIOS: dict[str, Callable[[], None]] = {
    "logfire-py": run_logfire,
    "watchtower-py": run_watchtower,
    "pygelf-py": run_pygelf,
    "influxdb-py": run_influxdb,
    "prometheus-py": run_prometheus,
    "humio-py": run_humio,
    "harness-py": run_harness,
    "pusher-py": run_pusher,
    "appsignal-py": run_appsignal,
}


def main() -> int:
    name = sys.argv[1]
    SCENARIOS[name]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
