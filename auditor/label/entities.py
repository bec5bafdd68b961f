"""Who receives a flow: registrable domain (public suffix list) → organisation, and party.

The public suffix list comes from tldextract's bundled snapshot: it is constructed with
`suffix_list_urls=()` so it never fetches the list from the internet, and without a disk cache.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

import tldextract

from auditor.records import Entity, Party

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

# Host suffix → organisation. The longest matching suffix wins, so a more specific entry (a vendor
# service on a shared cloud domain) can override its parent.
ORGANISATIONS: dict[str, str] = {
    # Zoom
    "zoom.us": "Zoom",
    "zoom.com": "Zoom",
    "zoomgov.com": "Zoom",
    "zoomus.cn": "Zoom",
    "zoom.com.cn": "Zoom",
    # Microsoft
    "microsoft.com": "Microsoft",
    "teams.microsoft.com": "Microsoft",
    "events.data.microsoft.com": "Microsoft",
    "live.com": "Microsoft",
    "live.net": "Microsoft",
    "office.com": "Microsoft",
    "office.net": "Microsoft",
    "office365.com": "Microsoft",
    "skype.com": "Microsoft",
    "msn.com": "Microsoft",
    "bing.com": "Microsoft",
    "microsoftonline.com": "Microsoft",
    "msedge.net": "Microsoft",
    "msftauth.net": "Microsoft",
    "visualstudio.com": "Microsoft",
    "applicationinsights.azure.com": "Microsoft",
    "azure.com": "Microsoft",
    "windows.net": "Microsoft",
    "windows.com": "Microsoft",
    "svc.ms": "Microsoft",
    "teams.cloud.microsoft": "Microsoft",
    # Cisco Webex
    "webex.com": "Cisco Webex",
    "wbx2.com": "Cisco Webex",
    "ciscospark.com": "Cisco Webex",
    "webexcontent.com": "Cisco Webex",
    "cisco.com": "Cisco Webex",
    # Google
    "google.com": "Google",
    "googleapis.com": "Google",
    "gstatic.com": "Google",
    "google-analytics.com": "Google",
    "analytics.google.com": "Google",
    "googletagmanager.com": "Google",
    "doubleclick.net": "Google",
    "googleusercontent.com": "Google",
    "gvt1.com": "Google",
    "gvt2.com": "Google",
    "youtube.com": "Google",
    "firebaseio.com": "Google",
    "app-measurement.com": "Google",
    "crashlytics.com": "Google",
    # Slack
    "slack.com": "Slack",
    "slack-edge.com": "Slack",
    "slackb.com": "Slack",
    "slack-msgs.com": "Slack",
    "slack-files.com": "Slack",
    # Discord
    "discord.com": "Discord",
    "discordapp.com": "Discord",
    "discordapp.net": "Discord",
    "discord.gg": "Discord",
    "discord.media": "Discord",
    # 8x8 Jitsi
    "jit.si": "8x8 Jitsi",
    "8x8.vc": "8x8 Jitsi",
    "8x8.com": "8x8 Jitsi",
    # SDK and analytics vendors
    "sentry.io": "Sentry",
    "sentry-cdn.com": "Sentry",
    "segment.io": "Twilio Segment",
    "segment.com": "Twilio Segment",
    "segmentapis.com": "Twilio Segment",
    "amplitude.com": "Amplitude",
    "mixpanel.com": "Mixpanel",
    "mxpnl.com": "Mixpanel",
    "posthog.com": "PostHog",
    "datadoghq.com": "Datadog",
    "datadoghq.eu": "Datadog",
    "ddog-gov.com": "Datadog",
    "browser-intake-datadoghq.com": "Datadog",
    "browser-intake-datadoghq.eu": "Datadog",
    "bugsnag.com": "SmartBear Bugsnag",
    "rollbar.com": "Rollbar",
    "launchdarkly.com": "LaunchDarkly",
    "snowplowanalytics.com": "Snowplow",
    "sharepoint.com": "Microsoft",
    "appsflyer.com": "AppsFlyer",
    "adjust.com": "Adjust",
    "branch.io": "Branch",
    "facebook.com": "Meta",
    "facebook.net": "Meta",
    "goto.com": "GoTo",
    "gotomeeting.com": "GoTo",
    "logmeininc.com": "GoTo",
}

# Audited app (ProcessInfo.app) → the organisation that ships it: flows to that organisation are
# first party, flows to any other known organisation third party.
APP_ORGANISATIONS: dict[str, str] = {
    "zoom": "Zoom",
    "teams": "Microsoft",
    "msteams": "Microsoft",
    "skype": "Microsoft",
    "outlook": "Microsoft",
    "webex": "Cisco Webex",
    "slack": "Slack",
    "discord": "Discord",
    "meet": "Google",
    "google-meet": "Google",
    "chrome": "Google",
    "jitsi": "8x8 Jitsi",
    "gotomeeting": "GoTo",
    "goto": "GoTo",
}


def registrable_domain(host: str) -> str | None:
    """`a.telemetry.zoom.us` → `zoom.us`; None for IP literals, single labels and bare suffixes."""
    return _registrable_domain(host.strip().strip("[]").rstrip(".").lower())


@lru_cache(maxsize=4096)
def _registrable_domain(host: str) -> str | None:
    if not host or _is_ip(host):
        return None
    result = _EXTRACT(host)
    return result.top_domain_under_public_suffix or None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def organisation_for_host(host: str) -> str | None:
    """The organisation a host belongs to, by the longest known host suffix."""
    host = host.strip().strip("[]").rstrip(".").lower()
    labels = host.split(".")
    for start in range(len(labels)):
        org = ORGANISATIONS.get(".".join(labels[start:]))
        if org is not None:
            return org
    return None


def app_organisation(app: str | None) -> str | None:
    if not app:
        return None
    key = app.strip().lower()
    org = APP_ORGANISATIONS.get(key)
    if org is not None:
        return org
    for name in set(ORGANISATIONS.values()):
        if name.lower() == key:
            return name
    return None


def party_for(organisation: str | None, app: str | None) -> Party:
    """First party when the receiver ships the audited app; third when it is someone else."""
    app_org = app_organisation(app)
    if app_org is None or organisation is None:
        return "unknown"
    return "first" if organisation == app_org else "third"


def entity_for(host: str, app: str | None) -> Entity:
    host = host or ""
    name = organisation_for_host(host) if host else None
    return Entity(name=name, party=party_for(name, app), domain=registrable_domain(host))
