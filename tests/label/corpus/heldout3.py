"""Build the third held-out set `heldout3.jsonl` (issue 15): written after the labeller was
changed for heldout2 (which is dev data from then on), from sources absent from both.

Run: `.venv/bin/python tests/label/corpus/heldout3.py` (offline; `make setup` first).

1. Grafana Faro's web SDK (not used before) in headless Chromium through `auditor capture
   --sinkhole '*'`, recorded as generate.py records every browser SDK.
2. Hand-built flows written from public format documentation (heldout3_hand.py).

Expectations were written from the payloads and committed before the labeller ran on them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.label.corpus.generate import Expectation, corpus_line, match_flows, path_is  # noqa: E402
from tests.label.corpus.heldout3_hand import heldout3_hand_flows  # noqa: E402
from tests.label.corpus.proxy_recorder import ProxyRecorder  # noqa: E402

OUT = HERE / "heldout3.jsonl"

SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "faro-browser",
        [
            Expectation(
                path_is("/collect/"),
                [
                    "service_generated.product_usage",
                    "service_generated.diagnostics",
                    "service_generated.performance",
                    "meeting_metadata",
                    "identifiers.user_id",
                    "contact_info.email",
                    "device_info.os",
                    "device_info.locale",
                    "credentials",
                ],
                "Grafana Labs",
                "Faro batch: meta.user id/username/email, meta.browser os/userAgent/language, a "
                "meeting_joined event with meeting id and participants, a log line, an exception, "
                "a call_quality measurement (jitter/loss/RTT); app key in the URL path",
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "web3-001": "browser SDK JSON batch",
    "hand-800": "Sentry envelope item types",
    "hand-801": "tag lists",
    "hand-802": "JWT claims",
    "hand-803": "correlation headers",
    "hand-804": "Snowplow tp2 schemas/contexts",
    "hand-805": "Snowplow tp2 schemas/contexts",
    "hand-806": "Glean pings",
    "hand-807": "1DS event names",
    "hand-808": "JWT claims",
}


def browser_flows() -> list[dict[str, Any]]:
    with ProxyRecorder() as recorder:
        recorder.run_all([recorder.browser_job(name) for name, _ in SCENARIOS])
        stored = recorder.take()
    out: list[dict[str, Any]] = []
    for scenario, expectations in SCENARIOS:
        for flow, expectation in match_flows(scenario, stored.get(scenario, []), expectations):
            out.append(
                corpus_line(
                    flow, f"web3-{len(out) + 1:03d}", "corpus:browser-sdk", expectation, scenario
                )
            )
    return out


def main() -> int:
    lines = browser_flows() + heldout3_hand_flows()
    for line in lines:
        line["format_class"] = FORMAT_CLASSES[line["id"]]
    with OUT.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(line, sort_keys=True) + "\n")
    print(f"wrote {len(lines)} flows to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
