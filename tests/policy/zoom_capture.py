"""An imported Zoom capture for the purpose-answer tests: the Zoom desktop client's flows of the
demo meeting as `auditor export har` writes them on another machine (per-entry `_auditor`
process), preceded by the client's own tracking report with its data-collection flag off."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from auditor.demo import DEMO_HAR


def write_zoom_capture(path: Path) -> Path:
    har: dict[str, Any] = json.loads(DEMO_HAR.read_text("utf-8"))
    entries = [
        e
        for e in har["log"]["entries"]
        if ((e.get("_auditor") or {}).get("process") or {}).get("app") == "zoom"
    ]
    first = entries[0]
    report = copy.deepcopy(first)
    report["startedDateTime"] = "2026-11-16T13:59:59.000Z"
    body = json.dumps({"action": "join_meeting", "dataCollectionFlag": 0})
    report["request"].update(
        method="POST",
        url="https://us05web.zoom.us/wc/tracking/report",
        headers=[
            {"name": "content-type", "value": "application/json"},
            {"name": "user-agent", "value": "ZoomWebviewHost/6.2.5"},
        ],
        queryString=[],
        bodySize=len(body),
        postData={"mimeType": "application/json", "text": body},
    )
    report["response"] = {
        "status": 204,
        "statusText": "No Content",
        "httpVersion": "HTTP/2.0",
        "cookies": [],
        "headers": [],
        "content": {"size": 0, "mimeType": "text/plain"},
        "redirectURL": "",
        "headersSize": -1,
        "bodySize": 0,
    }
    har["log"]["entries"] = [report, *entries]
    har["log"]["comment"] = "Zoom desktop client, exported by auditor export har"
    path.write_text(json.dumps(har), "utf-8")
    return path
