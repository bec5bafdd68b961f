"""Fast synthetic flows for benchmarks and tests: plausible meeting-client traffic, already
labelled (no labeller run), deterministic for a seed. Not used for the demo, which is real."""

from __future__ import annotations

import random
from collections.abc import Iterator

from auditor.records import (
    Entity,
    Evidence,
    FlowRecord,
    Label,
    PolicyFinding,
    ProcessInfo,
    RequestRecord,
    ResponseRecord,
)

# (app, process, host, path, entity, party, labels)
_TEMPLATES: tuple[tuple[str, str, str, str, str, str, tuple[str, ...]], ...] = (
    ("zoom", "zoom", "us05-qos.zoom.us", "/qos/v2/report", "Zoom", "first",
     ("customer_content.audio", "device_info.hardware", "meeting_metadata")),
    ("zoom", "ZoomWebviewHost", "us-east-1.telemetry.zoom.us",
     "/com.snowplowanalytics.snowplow/tp2", "Zoom", "first",
     ("service_generated.product_usage", "identifiers.device_id", "identifiers.user_id")),
    ("zoom", "zoom", "zoom.us", "/client/latest/config", "Zoom", "first", ("other",)),
    ("teams", "teams-for-linux", "mobile.events.data.microsoft.com", "/OneCollector/1.0/",
     "Microsoft", "first", ("service_generated.telemetry", "identifiers.device_id", "consent_signal")),
    ("teams", "teams-for-linux", "emea.ng.msg.teams.microsoft.com", "/v1/users/ME/conversations",
     "Microsoft", "first", ("customer_content.chat", "contact_info.name")),
    ("zoom", "ZoomWebviewHost", "o447951.ingest.sentry.io", "/api/5296541/envelope/", "Sentry",
     "third", ("service_generated.diagnostics", "contact_info.email", "device_info.os")),
    ("discord", "Discord", "discord.com", "/api/v9/science", "Discord", "first",
     ("service_generated.product_usage", "device_info.locale", "identifiers.user_id")),
    ("slack", "slack", "api.segment.io", "/v1/batch", "Segment", "third",
     ("service_generated.product_usage", "identifiers.advertising_id")),
)  # fmt: skip
_VERDICTS = ("clear", "vague", "omitted", "consent_required", "contradicted")


def synthetic_flows(
    count: int, *, session: str = "synthetic", start_ts: float = 1794837600.0, seed: int = 7
) -> Iterator[FlowRecord]:
    """`count` flows, one every 0.05-0.5 s from `start_ts`, with labels, evidence and verdicts."""
    rng = random.Random(seed)
    ts = start_ts
    for i in range(count):
        app, proc, host, path, entity, party, labels = _TEMPLATES[rng.randrange(len(_TEMPLATES))]
        ts += rng.uniform(0.05, 0.5)
        size = rng.randrange(80, 9000)
        verdict = _VERDICTS[rng.randrange(len(_VERDICTS))]
        yield FlowRecord(
            id=f"syn{seed:02d}{i:010d}",
            session=session,
            ts=ts,
            kind="http",
            process=ProcessInfo(pid=4000 + rng.randrange(4), name=proc, app=app),
            request=RequestRecord(
                method="POST",
                url=f"https://{host}{path}?n={i}",
                host=host,
                port=443,
                path=f"{path}?n={i}",
                headers=[("content-type", "application/json")],
                size=size,
            ),
            response=ResponseRecord(status=200 if i % 11 else 204, size=rng.randrange(0, 400)),
            entity=Entity(name=entity, party=party, domain=host.split(".", 1)[-1]),  # type: ignore[arg-type]
            labels=[
                Label(c, [Evidence("synthetic", f"body › {c.rsplit('.', 1)[-1]}", "***")])
                for c in labels
            ],
            policy=[
                PolicyFinding(
                    document=f"{app}/terms-of-service",
                    version="2026-08-06",
                    section="10.5",
                    verdict=verdict,
                    quote="Service Generated Data",
                    category=labels[0],
                )
            ],
            bytes_sent=size + 300,
            bytes_received=200,
            source="synthetic",
        )
