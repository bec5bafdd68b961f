"""What the recorded held-out sets (heldout5.py, heldout6.py) share: how a scenario runs (a Node
script in the set's npm dir, a page in headless Chromium, or the set's PyPI runs script), recording
with the capture's own labels dropped, the `--raw` printer the expectations are written from, and
writing the set. Each set's module keeps only its scenarios, expectations and format classes.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.label.corpus.generate import CorpusError, Expectation, corpus_line, match_flows, path_is
from tests.label.corpus.proxy_recorder import NPM_DIR, ProxyRecorder, RecorderError

Job = tuple[str, list[str]]


# The label names the sets' expectations are written with (the taxonomy's categories).
CRED = "credentials"
UID = "identifiers.user_id"
DID = "identifiers.device_id"
SID = "identifiers.session_id"
NET_ID = "identifiers.network_id"
EMAIL = "contact_info.email"
NAME = "contact_info.name"
PHONE = "contact_info.phone"
OS = "device_info.os"
HW = "device_info.hardware"
LOCALE = "device_info.locale"
NETWORK = "device_info.network"
COARSE = "location.coarse"
MEETING = "meeting_metadata"
CHAT = "customer_content.chat"
USAGE = "service_generated.product_usage"
TELEMETRY = "service_generated.telemetry"
DIAG = "service_generated.diagnostics"
PERF = "service_generated.performance"
OTHER = "other"


def at(
    host: str, prefix: str = "/", contains: bytes | None = None, method: str | None = None
) -> Any:
    """A request to `host` whose path starts with `prefix` (and whose body, content-encoding
    undone, holds `contains`)."""
    in_path = path_is(prefix, contains)

    def check(flow: dict[str, Any]) -> bool:
        request = flow["request"]
        return (
            request["host"] == host
            and (method is None or request["method"] == method)
            and in_path(flow)
        )

    return check


def request_only(flow: dict[str, Any]) -> dict[str, Any]:
    """What was sent, nothing the product derived from it (labels, entity, verdicts)."""
    request = flow["request"]
    body = base64.b64decode(request.get("body_b64") or "")
    encoding = dict((k.lower(), v) for k, v in request["headers"]).get("content-encoding", "")
    if "gzip" in encoding or body[:2] == b"\x1f\x8b":
        try:
            body = gzip.decompress(body)
        except (OSError, EOFError):
            pass
    try:
        text: str = body.decode("utf-8")
    except UnicodeDecodeError:
        text = "b64:" + base64.b64encode(body).decode()
    return {
        "process": (flow.get("process") or {}).get("name"),
        "method": request["method"],
        "url": request["url"],
        "headers": request["headers"],
        "body": text,
    }


@dataclass(frozen=True)
class HeldoutSet:
    """One recorded held-out set: where its programs live and what it expects of them."""

    name: str  # "heldout5": names the npm dir, the runs script and the flow ids ("h5-001")
    here: Path
    out: Path
    scenarios: list[tuple[str, list[Expectation]]]
    # A short-lived Node program may be gone before attribution reads its /proc entry: such a
    # flow has no launch tag. Each scenario's ingest host is its own, so the host says which.
    scenario_hosts: dict[str, set[str]]
    format_class: Callable[[str, dict[str, Any]], str]
    # Flow ids are PREFIX-NNN; by default "h5" for "heldout5".
    id_prefix: str = ""

    @property
    def npm_dir(self) -> Path:
        return self.here / f"{self.name}_npm"

    def node_job(self, scenario: str) -> Job:
        node = shutil.which("node")
        if node is None:
            raise RecorderError("node is not installed: run scripts/setup-system.sh")
        if not (self.npm_dir / "node_modules").is_dir():
            raise RecorderError(
                f"{self.name} npm SDKs not installed: run `npm ci` in {self.npm_dir}"
            )
        return scenario, [
            node,
            "--require",
            str(NPM_DIR / "proxy-preload.js"),
            str(self.npm_dir / f"{scenario}.js"),
        ]

    def python_job(self, scenario: str) -> Job:
        return scenario, [sys.executable, str(self.here / f"{self.name}_runs.py"), scenario]

    def browser_job(self, recorder: ProxyRecorder, scenario: str) -> Job:
        """Headless Chromium as proxy_recorder's browser scenarios, opening the set's page."""
        name, argv = recorder.browser_job(scenario)
        page = (self.npm_dir / f"{scenario}.html").as_uri()
        default = (NPM_DIR / f"{scenario}.html").as_uri()
        return name, [page if arg == default else arg for arg in argv]

    def job(self, recorder: ProxyRecorder, scenario: str) -> Job:
        if (self.npm_dir / f"{scenario}.js").is_file():
            return self.node_job(scenario)
        if (self.npm_dir / f"{scenario}.html").is_file():
            return self.browser_job(recorder, scenario)
        return self.python_job(scenario)

    def record(self, scenarios: list[str]) -> dict[str, list[dict[str, Any]]]:
        with ProxyRecorder() as recorder:
            try:
                recorder.run_all([self.job(recorder, name) for name in scenarios], timeout=90)
            except RecorderError as err:
                print(err, file=sys.stderr)
            stored = recorder.take()
        for flow in stored.pop("", []):
            host = (flow.get("request") or {}).get("host", "")
            scenario = next(
                (name for name, hosts in self.scenario_hosts.items() if host in hosts), ""
            )
            stored.setdefault(scenario, []).append(flow)
        for flows in stored.values():
            flows.sort(key=lambda f: f["ts"])
            for flow in flows:
                flow["labels"] = []
                flow["entity"] = {}
                flow["policy"] = []
        return stored

    def recorded_flows(self) -> list[dict[str, Any]]:
        stored = self.record([name for name, _ in self.scenarios])
        prefix = self.id_prefix or "h" + self.name.removeprefix("heldout")
        out: list[dict[str, Any]] = []
        for scenario, expectations in self.scenarios:
            for flow, expectation in match_flows(scenario, stored.get(scenario, []), expectations):
                if expectation.followups:
                    continue
                page = (self.npm_dir / f"{scenario}.html").is_file()
                source = "corpus:browser-sdk" if page else "corpus:sdk"
                line = corpus_line(
                    flow, f"{prefix}-{len(out) + 1:03d}", source, expectation, scenario
                )
                line["format_class"] = self.format_class(scenario, flow)
                out.append(line)
        return out

    def main(self, description: str) -> int:
        parser = argparse.ArgumentParser(description=description)
        parser.add_argument(
            "--raw", nargs="*", metavar="SCENARIO", help="record and print requests"
        )
        args = parser.parse_args()
        if args.raw is not None:
            stored = self.record(args.raw)
            for scenario, flows in stored.items():
                for flow in flows:
                    if flow.get("request"):
                        print("=====", scenario)
                        print(json.dumps(request_only(flow), indent=1))
            return 0
        lines = self.recorded_flows()
        if not lines:
            raise CorpusError("no flows recorded")
        with self.out.open("w", encoding="utf-8") as out:
            for line in lines:
                out.write(json.dumps(line, sort_keys=True) + "\n")
        print(f"wrote {len(lines)} flows to {self.out}")
        return 0
