"""A Zoom web SDK-like page in headless Chromium through `auditor launch`, offline.

The page is served at https://app.zoom.us/wc/sdk/ by mitmproxy's own map_local (`--set`), every
other request is answered inside the proxy (`--sinkhole '*'`): nothing leaves the machine. The
browser is app `chrome`; its flows from the Zoom page are "zoom (web)", judged by Zoom's terms,
and what the page sends to a third party (Sentry) is judged against Zoom's terms too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from auditor.paths import DataDir
from tests.helpers.capture import TEST_PASSPHRASE
from tests.helpers.cli import child_env, run_auditor
from tests.helpers.store import all_flows

ZOOM_SDK_PAGE = """<!doctype html><html><head><title>Zoom Meeting SDK</title></head><body>
<div id="zmmtg-root"></div>
<script>
const snowplow = {schema: "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4",
  data: [{e: "ue", tv: "js-3.5.0", aid: "zoom-web-sdk", p: "web",
          duid: "5f0d5a0e-6a3b-4e4c-9a4e-2d8f3b1c0a9e", sid: "8c2e6a3f-1b4d-4f9a-a0b3-6e5c7d8f9a0b",
          tz: "Europe/Berlin", lang: "de-DE", res: "2560x1440"}]};
const envelope = JSON.stringify({event_id: "9ec79c33ec9942ab8353589fcb2e04dc",
    dsn: "https://abc123@o447951.ingest.us.sentry.io/5"}) + "\\n" +
  JSON.stringify({type: "event"}) + "\\n" +
  JSON.stringify({exception: {values: [{type: "TypeError", value: "x is undefined"}]},
                  platform: "javascript", contexts: {os: {name: "Linux"}}});
const form = new FormData();
form.append("file", new Blob([new Uint8Array([0x50, 0x4b, 3, 4, 20, 0])],
            {type: "application/zip"}), "zoom_web_logs.zip");
Promise.allSettled([
  fetch("https://us01.telemetry.zoom.us/com.snowplowanalytics.snowplow/tp2",
        {method: "POST", headers: {"Content-Type": "application/json; charset=UTF-8"},
         body: JSON.stringify(snowplow)}),
  fetch("https://us05web.zoom.us/uploadlog?type=web", {method: "POST", body: form}),
  fetch("https://o447951.ingest.us.sentry.io/api/5/envelope/?sentry_version=7",
        {method: "POST", headers: {"Content-Type": "text/plain;charset=UTF-8"}, body: envelope}),
]).then(() => { document.title = "done"; });
</script></body></html>"""


def test_zoom_web_sdk_page_in_chromium_gets_zoom_verdicts(
    data_dir: DataDir, tmp_path: Path
) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "chromium is missing: scripts/setup-system.sh installs it"
    page = tmp_path / "sdk.html"
    page.write_text(ZOOM_SDK_PAGE, "utf-8")
    proc = run_auditor(
        [
            "launch",
            "--session",
            "zoomweb",
            "--sinkhole",
            "*",
            "--set",
            f"map_local=|app\\.zoom\\.us/wc/sdk/|{page}",
            "--",
            chromium,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            # The sinkhole answers CORS preflights without CORS headers (Zoom's collectors allow
            # the app's origin): CORS off so the SDK's requests follow as they would.
            "--disable-web-security",
            "--virtual-time-budget=20000",
            "--dump-dom",
            "https://app.zoom.us/wc/sdk/index.html",
        ],
        env=child_env(data_dir.root, passphrase=TEST_PASSPHRASE),
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    flows = {f.host: f for f in all_flows(data_dir.root, session="zoomweb") if f.request}
    page_flow = flows["app.zoom.us"]
    assert page_flow.process.name == "chromium" and page_flow.process.app == "zoom (web)"

    for host in ("us01.telemetry.zoom.us", "us05web.zoom.us"):
        flow = flows[host]
        assert flow.process.app == "zoom (web)", host
        assert (flow.entity.name, flow.entity.party) == ("Zoom", "first")
        tos = [f for f in flow.policy if f.document == "zoom/terms-of-service"]
        assert tos and all(f.chosen_by == "app+recipient" for f in tos), host
        assert {f.section for f in tos} == {"10.5"}  # Service Generated Data, latest version
        assert all(f.quote for f in tos)

    sentry = flows["o447951.ingest.us.sentry.io"]
    assert sentry.process.app == "zoom (web)"
    assert (sentry.entity.name, sentry.entity.party) == ("Sentry", "third")
    assert "service_generated.diagnostics" in sentry.label_categories()
    judged = {(f.document, f.chosen_by) for f in sentry.policy}
    assert judged == {("zoom/terms-of-service", "app"), ("zoom/privacy-statement", "app")}
    privacy = next(
        f
        for f in sentry.policy
        if f.document == "zoom/privacy-statement" and f.category == "service_generated.diagnostics"
    )
    assert privacy.verdict == "vague" and "third party Sentry" in privacy.explanation

    # The browser's own requests (Google's update service) stay Chrome's.
    assert all(
        f.process.app == "chrome"
        for h, f in flows.items()
        if h.endswith(("google.com", "googleapis.com"))
    )
