"""Real SDKs from PyPI, each making the calls a meeting client would make, to the vendor's real
ingest host.

Run one scenario as a program: `python sdk_runs.py SCENARIO`. The corpus generator and
tests/label/test_live_sdks.py start it through the auditor's proxy (proxy_recorder.py: `auditor
capture --sinkhole '*'`, the environment `auditor launch` sets), so the SDK's HTTPS requests to
o447951.ingest.us.sentry.io, us.i.posthog.com, … are answered inside the proxy and stored as
captured flows; nothing leaves the machine.

Values that stand for this user and machine are fixed (CORPUS_VALUES) so the corpus is stable
and the known-value search can be tested against them.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Callable

CORPUS_VALUES = {
    "hostname": "corpus-host-01",
    "username": "alice.corpus",
    "email": "alice.example@example.com",
    "name": "Alice Example",
    "meeting_id": "85512345678",
    # the topic of that meeting (the one heldout12's scenarios name; issue 15i): a user's own
    # meeting topics are known values as the meeting ids are
    "meeting_topic": "Vendor onboarding sync",
    "mac": "3c:22:fb:12:34:56",
    "local_ip": "192.168.1.23",
    "machine_id": "4f7c2a9e1b3d4e5f8a6b7c8d9e0f1a2b",
}

SENTRY_KEY = "0123456789abcdef0123456789abcdef"
SENTRY_DSN = f"https://{SENTRY_KEY}@o447951.ingest.us.sentry.io/4507123"
POSTHOG_HOST = "https://us.i.posthog.com"
OTEL_COLLECTOR = "https://otel-collector.example.com"
# snowplow-tracker stands in for Zoom's web Snowplow tracker, so it sends to Zoom's collector.
SNOWPLOW_COLLECTOR = "us01.telemetry.zoom.us"


def _fresh_sentry_scopes() -> None:
    """Scopes outlive `sentry_sdk.init` in one process: start every run from empty scopes."""
    import sentry_sdk

    for scope in (
        sentry_sdk.get_global_scope(),
        sentry_sdk.get_isolation_scope(),
        sentry_sdk.get_current_scope(),
    ):
        scope.clear()


def run_sentry_error() -> None:
    import sentry_sdk

    _fresh_sentry_scopes()
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        server_name=CORPUS_VALUES["hostname"],
        release="meeting-client@5.17.11",
        environment="production",
        include_local_variables=True,
        send_default_pii=False,
        auto_session_tracking=False,
        traces_sample_rate=0.0,
        default_integrations=False,
    )

    def join_meeting(meeting_number: str) -> float:
        contact = "support@example.org"  # a literal in source: stack-frame context, not user data
        participants = 0
        _ = contact
        return len(meeting_number) / participants

    try:
        join_meeting("123")
    except ZeroDivisionError:
        sentry_sdk.capture_exception()
    sentry_sdk.flush(timeout=5)
    sentry_sdk.get_client().close(timeout=5)


def run_sentry_message_with_user() -> None:
    import sentry_sdk

    _fresh_sentry_scopes()
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        server_name=CORPUS_VALUES["hostname"],
        release="meeting-client@5.17.11",
        send_default_pii=True,
        auto_session_tracking=False,
        default_integrations=False,
    )
    sentry_sdk.set_user(
        {
            "id": "u-48213",
            "email": CORPUS_VALUES["email"],
            "username": "alice.corpus",
            "ip_address": "203.0.113.45",
        }
    )
    sentry_sdk.set_tag("meeting_id", CORPUS_VALUES["meeting_id"])
    sentry_sdk.capture_message("audio device switched during call", level="warning")
    sentry_sdk.flush(timeout=5)
    sentry_sdk.get_client().close(timeout=5)


def run_sentry_scrubbed() -> None:
    """send_default_pii off and the SDK's own EventScrubber: secrets come out as [Filtered]."""
    import sentry_sdk

    _fresh_sentry_scopes()
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        server_name=CORPUS_VALUES["hostname"],
        send_default_pii=False,
        auto_session_tracking=False,
        default_integrations=False,
        before_send=lambda event, hint: _redact_user(event),
    )
    sentry_sdk.set_user({"id": "u-48213", "email": CORPUS_VALUES["email"]})
    sentry_sdk.set_extra("password", "hunter2-secret")
    sentry_sdk.set_extra("api_key", "sk_live_abcdef0123456789")
    sentry_sdk.capture_message("login failed", level="error")
    sentry_sdk.flush(timeout=5)
    sentry_sdk.get_client().close(timeout=5)


def _redact_user(event: dict) -> dict:
    user = event.get("user") or {}
    for key in list(user):
        user[key] = "[redacted]"
    return event


def run_sentry_transaction() -> None:
    import sentry_sdk

    _fresh_sentry_scopes()
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        server_name=CORPUS_VALUES["hostname"],
        traces_sample_rate=1.0,
        auto_session_tracking=False,
        default_integrations=False,
    )
    with (
        sentry_sdk.start_transaction(op="meeting.join", name="join_meeting"),
        sentry_sdk.start_span(op="http.client", name="GET /api/v1/meeting"),
    ):
        time.sleep(0.01)
    sentry_sdk.flush(timeout=5)
    sentry_sdk.get_client().close(timeout=5)


def run_sentry_session() -> None:
    import sentry_sdk

    _fresh_sentry_scopes()
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        release="meeting-client@5.17.11",
        server_name=CORPUS_VALUES["hostname"],
        auto_session_tracking=True,
        default_integrations=False,
    )
    scope = sentry_sdk.get_isolation_scope()
    scope.set_user({"id": "u-48213"})
    scope.start_session()
    scope.end_session()
    sentry_sdk.flush(timeout=5)
    sentry_sdk.get_client().close(timeout=5)


def run_posthog() -> None:
    from posthog import Posthog

    client = Posthog(
        "phc_CorpusKey0123456789abcdefABCDEF0123456789",
        host=POSTHOG_HOST,
        sync_mode=True,
        enable_local_evaluation=False,
    )
    client.capture(
        "meeting_joined",
        distinct_id="u-48213",
        properties={"participants": 6, "meeting_type": "scheduled", "$os": "Linux"},
    )
    client.capture(
        "$identify",
        distinct_id="u-48213",
        properties={"$set": {"email": CORPUS_VALUES["email"], "name": CORPUS_VALUES["name"]}},
    )
    client.get_feature_flag("new-gallery-view", "u-48213")
    client.shutdown()


def run_posthog_exception() -> None:
    from posthog import Posthog

    client = Posthog(
        "phc_CorpusKey0123456789abcdefABCDEF0123456789",
        host=POSTHOG_HOST,
        sync_mode=True,
        enable_local_evaluation=False,
    )
    try:
        raise RuntimeError("camera busy")
    except RuntimeError as exc:
        client.capture_exception(exc, distinct_id="u-48213")
    client.shutdown()


def run_mixpanel() -> None:
    import mixpanel

    consumer = mixpanel.Consumer(request_timeout=5)  # api.mixpanel.com
    mp = mixpanel.Mixpanel("mpTokenCorpus0123456789abcdef01", consumer=consumer)
    # The sinkhole answers 204 with no body, which the SDK reports as an error after sending.
    with contextlib.suppress(mixpanel.MixpanelException):
        mp.track("u-48213", "Screen Share Started", {"source": "toolbar", "$screen_width": 2560})
    with contextlib.suppress(mixpanel.MixpanelException):
        mp.people_set(
            "u-48213",
            {
                "$email": CORPUS_VALUES["email"],
                "$first_name": "Alice",
                "$last_name": "Example",
                "plan": "pro",
            },
        )


def run_segment() -> None:
    from segment.analytics.client import Client

    client = Client("segWriteKeyCorpus0123456789", sync_mode=True)  # api.segment.io
    client.track(
        user_id="u-48213",
        event="Recording Started",
        properties={"meeting_id": CORPUS_VALUES["meeting_id"], "cloud": True},
        context={
            "locale": "de-DE",
            "timezone": "Europe/Berlin",
            "os": {"name": "Windows", "version": "10.0.22631"},
        },
    )
    client.identify(
        user_id="u-48213",
        traits={
            "email": CORPUS_VALUES["email"],
            "name": CORPUS_VALUES["name"],
            "phone": "+49 30 1234567",
        },
    )
    client.page(
        user_id="u-48213",
        category="Docs",
        name="Privacy Settings",
        properties={"url": "https://example.com/settings/privacy"},
    )
    client.flush()


def run_amplitude() -> None:
    from amplitude import Amplitude, BaseEvent, Config, EventOptions, Identify

    client = Amplitude(
        "ampApiKeyCorpus0123456789abcdef",
        # api2.amplitude.com/2/httpapi; a short interval so its consumer thread exits soon.
        configuration=Config(flush_queue_size=10, flush_interval_millis=500),
    )
    client.track(
        BaseEvent(
            event_type="Virtual Background Enabled",
            user_id="u-48213",
            device_id="0b6ab4f2-9a4c-4e4e-9b1e-5f7d3c2a1e90",
            event_properties={"background": "blur"},
            os_name="macOS",
            os_version="14.5",
            device_model="MacBookPro18,3",
            language="en-US",
            city="Berlin",
            country="Germany",
        )
    )
    identify = Identify().set("plan", "business")
    client.identify(identify, EventOptions(user_id="u-48213"))
    client.flush()
    client.shutdown()


def run_rollbar_error() -> None:
    import rollbar

    rollbar.init(
        "rbAccessTokenCorpus0123456789ab",
        environment="production",
        handler="blocking",
        host=CORPUS_VALUES["hostname"],
        locals={"enabled": True},
    )

    def sync_calendar(user_token: str) -> None:
        calendar_url = "https://calendar.example.com/feed"  # source context
        raise ConnectionError(f"cannot reach {calendar_url}")

    try:
        sync_calendar("tok-not-sent")
    except ConnectionError:
        rollbar.report_exc_info()
    rollbar.report_message(
        "meeting reconnect storm",
        "warning",
        extra_data={"reconnects": 7},
        payload_data={
            "person": {"id": "u-48213", "username": "alice.corpus", "email": CORPUS_VALUES["email"]}
        },
    )


def run_snowplow_post() -> None:
    from snowplow_tracker import Emitter, SelfDescribingJson, Subject, Tracker
    from snowplow_tracker.events import PageView, SelfDescribing

    emitter = Emitter(SNOWPLOW_COLLECTOR, protocol="https", method="post", batch_size=3)
    subject = (
        Subject()
        .set_user_id("u-48213")
        .set_domain_user_id("5f0d5a0e-6a3b-4e4c-9a4e-2d8f3b1c0a9e")
        .set_domain_session_id("8c2e6a3f-1b4d-4f9a-a0b3-6e5c7d8f9a0b")
        .set_timezone("Europe/Berlin")
        .set_lang("de-DE")
        .set_screen_resolution(2560, 1440)
        .set_platform("web")
    )
    tracker = Tracker("zoom-web", emitter, subject=subject, app_id="zoom-web-client")
    tracker.track(PageView(page_url="https://app.zoom.us/wc/home", page_title="Zoom"))
    tracker.track(
        SelfDescribing(
            SelfDescribingJson(
                "iglu:us.zoom/meeting_action/jsonschema/1-0-0",
                {"action": "toggle_video", "state": "off"},
            )
        )
    )
    tracker.track(
        SelfDescribing(
            SelfDescribingJson(
                "iglu:us.zoom/meeting_action/jsonschema/1-0-0",
                {"action": "raise_hand"},
            )
        )
    )
    tracker.flush()


def run_snowplow_get() -> None:
    from snowplow_tracker import Emitter, Subject, Tracker
    from snowplow_tracker.events import StructuredEvent

    emitter = Emitter(SNOWPLOW_COLLECTOR, protocol="https", method="get", batch_size=1)
    subject = Subject().set_domain_user_id("5f0d5a0e-6a3b-4e4c-9a4e-2d8f3b1c0a9e").set_lang("en-US")
    tracker = Tracker("zoom-web", emitter, subject=subject, app_id="zoom-web-client")
    tracker.track(StructuredEvent(category="toolbar", action="click", label="reactions"))
    tracker.flush()


def _otel_resource():  # type: ignore[no-untyped-def]
    from opentelemetry.sdk.resources import Resource

    return Resource.create(
        {
            "service.name": "meeting-client",
            "service.version": "5.17.11",
            "host.name": CORPUS_VALUES["hostname"],
            "os.type": "linux",
        }
    )


def run_otel_traces() -> None:
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=_otel_resource())
    provider.add_span_processor(
        # One export, at shutdown, whatever the machine's load.
        BatchSpanProcessor(
            OTLPSpanExporter(endpoint=f"{OTEL_COLLECTOR}/v1/traces"), schedule_delay_millis=600_000
        )
    )
    tracer = provider.get_tracer("meeting.client")
    with tracer.start_as_current_span("join_meeting") as span:
        span.set_attribute("meeting.participants", 6)
        with tracer.start_as_current_span("media.connect"):
            time.sleep(0.005)
    provider.shutdown()


def run_otel_metrics() -> None:
    from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader

    reader = PeriodicExportingMetricReader(
        OTLPMetricExporter(endpoint=f"{OTEL_COLLECTOR}/v1/metrics"), export_interval_millis=60_000
    )
    provider = MeterProvider(resource=_otel_resource(), metric_readers=[reader])
    meter = provider.get_meter("meeting.client")
    jitter = meter.create_histogram("call.audio.jitter", unit="ms")
    for value in (4, 7, 12):
        jitter.record(value, {"codec": "opus"})
    provider.shutdown()


def run_otel_logs() -> None:
    from opentelemetry.exporter.otlp.proto.http._log_exporter import OTLPLogExporter
    from opentelemetry.sdk._logs import LoggerProvider, LoggingHandler
    from opentelemetry.sdk._logs.export import SimpleLogRecordProcessor

    provider = LoggerProvider(resource=_otel_resource())
    provider.add_log_record_processor(
        SimpleLogRecordProcessor(OTLPLogExporter(endpoint=f"{OTEL_COLLECTOR}/v1/logs"))
    )
    logger = logging.getLogger("corpus.otel")
    handler = LoggingHandler(level=logging.INFO, logger_provider=provider)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.error("audio device disconnected: %s", "USB Headset")
    provider.shutdown()
    logger.removeHandler(handler)


SdkRun = Callable[[], None]


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].startswith("run_") or argv[0] not in globals():
        print(f"usage: {__file__} run_SCENARIO", file=sys.stderr)
        return 2
    run: SdkRun = globals()[argv[0]]
    run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
