"""Build the second held-out set `heldout2.jsonl` (issue 15): sources absent from the
development set and from `heldout.jsonl`.

Run: `.venv/bin/python tests/label/corpus/heldout2.py` (offline, ~30 s; `make setup` first).
`--show` prints every decoded field of every flow (what the expectations were written from).

1. Browser SDKs not used before, in headless Chromium through `auditor capture --sinkhole '*'`
   exactly as generate.py records the others (proxy_recorder.py): Snowplow's browser tracker
   (tracker protocol 2, the format of Zoom's web telemetry) sending to a Zoom collector host,
   Datadog's browser logs SDK, and posthog-js.
2. Hand-built flows written from public format documentation (heldout2_hand.py): Snowplow tp2
   with Zoom-style schemas, a gzip text/plain NDJSON log upload, JWT-bearing requests, Datadog
   log intake tags, Mozilla Glean and legacy Telemetry pings, 1DS event names, a Webex
   TrackingID header, Client Hints pair arrays.

The expectations below were written from the payloads, committed, and only then was the
labeller run on the file; that first score is in the corpus README and the git log.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.label.corpus.generate import (  # noqa: E402
    CorpusError,
    Expectation,
    chromium_own,
    corpus_line,
    match_flows,
    path_is,
    plain_body,
)
from tests.label.corpus.heldout2_hand import heldout2_hand_flows  # noqa: E402
from tests.label.corpus.proxy_recorder import ProxyRecorder  # noqa: E402

OUT = HERE / "heldout2.jsonl"

# The format class of each flow (what the decoder must see as structure), for scores per class.
FORMAT_CLASSES: dict[str, str] = {
    "web2-001": "browser own telemetry (Omaha JSON)",
    "web2-002": "browser own telemetry (Omaha JSON)",
    "web2-003": "Snowplow tp2 schemas",
    "web2-004": "NDJSON text/plain + tag strings",
    "web2-005": "gzip declared text/plain",
    "web2-006": "gzip declared text/plain",
    "web2-007": "gzip declared text/plain",
    "hand-700": "Snowplow tp2 schemas",
    "hand-701": "Snowplow tp2 schemas",
    "hand-702": "Snowplow tp2 schemas",
    "hand-703": "NDJSON in a JSON string in gzip text/plain",
    "hand-704": "JWT claims + base64 text",
    "hand-705": "JWT claims + base64 text",
    "hand-706": "NDJSON text/plain + tag strings",
    "hand-707": "Glean / Telemetry pings (dotted keys)",
    "hand-708": "Glean / Telemetry pings (dotted keys)",
    "hand-709": "Glean / Telemetry pings (dotted keys)",
    "hand-710": "Glean / Telemetry pings (dotted keys)",
    "hand-711": "Glean / Telemetry pings (dotted keys)",
    "hand-712": "1DS event names",
    "hand-713": "1DS event names",
    "hand-714": "correlation headers",
    "hand-715": "pair arrays in JSPB",
}


def _body(flow: dict[str, Any]) -> bytes:
    """The request body, gzip undone whether declared or not (posthog-js sends gzip as
    text/plain)."""
    raw = plain_body(flow)
    if raw[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(raw)
        except (OSError, EOFError):
            return raw
    return raw


def first_try(prefix: str, contains: bytes) -> Any:
    """A request to `prefix` whose body holds `contains`, not a retry."""

    def check(flow: dict[str, Any]) -> bool:
        path = flow["request"]["path"]
        return path.startswith(prefix) and "retry_count" not in path and contains in _body(flow)

    return check


def retry(prefix: str) -> Any:
    def check(flow: dict[str, Any]) -> bool:
        path = flow["request"]["path"]
        return path.startswith(prefix)

    return check


POSTHOG_COMMON = [
    "service_generated.product_usage",
    "identifiers.user_id",
    "identifiers.device_id",
    "identifiers.session_id",
    "credentials",
    "device_info.os",
    "device_info.locale",
    "device_info.hardware",
]

# Expectations written from the payloads (`--raw`), before the labeller ran on them.
BROWSER2_SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "snowplow-browser",
        [
            Expectation(
                path_is("/com.snowplowanalytics.snowplow/tp2"),
                [
                    "service_generated.product_usage",
                    "service_generated.diagnostics",
                    "service_generated.performance",
                    "service_generated.telemetry",
                    "meeting_metadata",
                    "identifiers.user_id",
                    "identifiers.device_id",
                    "identifiers.session_id",
                    "device_info.locale",
                    "device_info.hardware",
                    "device_info.network",
                ],
                "Zoom",
                "Snowplow browser tracker tp2 batch to a Zoom collector: a page view, a log_trace "
                "(error log line), a media_quality report (jitter/loss/RTT/fps, meeting number, "
                "wifi) and a heartbeat; uid, duid, sid, lang, tz, screen resolution",
            ),
        ],
    ),
    (
        "datadog-logs-browser",
        [
            Expectation(
                path_is("/api/v2/logs"),
                [
                    "service_generated.diagnostics",
                    "service_generated.performance",
                    "meeting_metadata",
                    "identifiers.user_id",
                    "identifiers.device_id",
                    "identifiers.session_id",
                    "contact_info.name",
                    "contact_info.email",
                    "device_info.network",
                    "credentials",
                ],
                "Datadog",
                "browser logs NDJSON (text/plain): a warning with fps and effective connection "
                "type and an error; usr id/name/email, anonymous_id, session id, meeting "
                "id/topic in the global context, ddtags; client token in the URL",
            ),
        ],
    ),
    (
        "posthog-browser",
        [
            Expectation(
                first_try("/e/", b'"event":"$pageview"'),
                POSTHOG_COMMON,
                "PostHog",
                "posthog-js $pageview (gzip body declared text/plain): distinct_id, $device_id, "
                "$session_id, $os and raw user agent, time zone and browser language, screen "
                "size, project token",
            ),
            Expectation(
                first_try("/e/", b'"event":"$identify"'),
                [*POSTHOG_COMMON, "contact_info.email", "contact_info.name"],
                "PostHog",
                "posthog-js $identify with $set email and name",
            ),
            Expectation(
                first_try("/e/", b'"event":"meeting_joined"'),
                [*POSTHOG_COMMON, "meeting_metadata"],
                "PostHog",
                "posthog-js meeting_joined with meeting_id and participants",
            ),
            Expectation(
                retry("/e/"),
                [*POSTHOG_COMMON, "contact_info.email", "contact_info.name", "meeting_metadata"],
                "PostHog",
                "retries and later sends (the sinkhole's 204 is not the 200 posthog-js waits for)",
                followups=True,
            ),
        ],
    ),
]

# Debian Chromium's own traffic while it ran the Snowplow page (its component updater's
# Omaha ping and its time query), kept from that one scenario.
CHROMIUM_OWN: list[Expectation] = [
    Expectation(
        lambda flow: flow["request"]["url"].startswith(
            "https://update.googleapis.com/service/update2/json"
        ),
        [
            "service_generated.telemetry",
            "identifiers.session_id",
            "device_info.os",
            "device_info.hardware",
            "device_info.locale",
        ],
        "Google",
        "Debian Chromium's component-updater ping (Omaha protocol 4): os platform/version/arch, "
        "hw.physmemory and CPU features, lang, sessionid, prodversion",
    ),
    Expectation(
        lambda flow: flow["request"]["path"].startswith("/time/1/current"),
        ["other"],
        "Google",
        "Debian Chromium's secure time query (cup2key nonce, no data about the user)",
    ),
]


def browser_flows() -> list[dict[str, Any]]:
    with ProxyRecorder() as recorder:
        recorder.run_all([recorder.browser_job(name) for name, _ in BROWSER2_SCENARIOS])
        stored = recorder.take()
    out: list[dict[str, Any]] = []
    own = [f for f in stored.get("snowplow-browser", []) if f.get("request") and chromium_own(f)]
    for expectation in CHROMIUM_OWN:
        flow = next((f for f in own if expectation.predicate(f)), None)
        if flow is None:
            raise CorpusError(f"chromium did not send: {expectation.note}")
        out.append(
            corpus_line(flow, f"web2-{len(out) + 1:03d}", "corpus:browser", expectation, "chromium")
        )
    for scenario, expectations in BROWSER2_SCENARIOS:
        for flow, expectation in match_flows(scenario, stored.get(scenario, []), expectations):
            if expectation.followups:
                continue
            out.append(
                corpus_line(
                    flow, f"web2-{len(out) + 1:03d}", "corpus:browser-sdk", expectation, scenario
                )
            )
    return out


def record_raw(scenarios: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The stored flows of `scenarios` as exported, for writing expectations (`--raw`)."""
    with ProxyRecorder() as recorder:
        recorder.run_all([recorder.browser_job(name) for name in scenarios])
        return recorder.take()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the decoded fields")
    parser.add_argument("--raw", nargs="*", metavar="SCENARIO", help="record and dump only")
    args = parser.parse_args()
    if args.raw is not None:
        stored = record_raw(args.raw)
        print(json.dumps(stored, indent=1, sort_keys=True))
        return 0
    lines = browser_flows() + heldout2_hand_flows()
    for line in lines:
        line["format_class"] = FORMAT_CLASSES[line["id"]]
    with OUT.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(line, sort_keys=True) + "\n")
    print(f"wrote {len(lines)} flows to {OUT}")
    if args.show:
        from auditor.decode import decode_flow
        from auditor.records import from_spec_dict

        for line in lines:
            record = from_spec_dict(line)
            print(
                "=====", record.id, record.request.url if record.request else "", line["expected"]
            )
            for fld in decode_flow(record).fields:
                print("  " + fld.where, "=", repr(fld.value)[:100])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
