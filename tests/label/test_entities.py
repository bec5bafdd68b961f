"""Receiving organisation and party."""

from __future__ import annotations

import pytest

from auditor.label.entities import _EXTRACT, entity_for, registrable_domain


@pytest.mark.parametrize(
    ("host", "app", "name", "party", "domain"),
    [
        ("us05web.zoom.us", "zoom", "Zoom", "first", "zoom.us"),
        ("o447951.ingest.us.sentry.io", "zoom", "Sentry", "third", "sentry.io"),
        ("o447951.ingest.us.sentry.io", None, "Sentry", "unknown", "sentry.io"),
        ("browser.events.data.msn.com", "teams", "Microsoft", "first", "msn.com"),
        ("mobile.events.data.microsoft.com", "zoom", "Microsoft", "third", "microsoft.com"),
        ("teams.microsoft.com", "Teams", "Microsoft", "first", "microsoft.com"),
        ("metrics-a.wbx2.com", "webex", "Cisco Webex", "first", "wbx2.com"),
        ("play.google.com", "meet", "Google", "first", "google.com"),
        ("slackb.com", "slack", "Slack", "first", "slackb.com"),
        ("discord.com", "zoom", "Discord", "third", "discord.com"),
        ("api.segment.io", None, "Twilio Segment", "unknown", "segment.io"),
        ("meet.jit.si", "jitsi", "8x8 Jitsi", "first", "jit.si"),
        ("x.in.applicationinsights.azure.com", "teams", "Microsoft", "first", "azure.com"),
        ("zoom.us.evil.com", "zoom", None, "unknown", "evil.com"),
        ("zoom.us.evil.example", "zoom", None, "unknown", None),
        ("api.example.co.uk", "zoom", None, "unknown", "example.co.uk"),
        ("192.0.2.10", "zoom", None, "unknown", None),
        ("[2001:db8::1]", "zoom", None, "unknown", None),
        ("localhost", None, None, "unknown", None),
    ],
)
def test_entity_for(
    host: str, app: str | None, name: str | None, party: str, domain: str | None
) -> None:
    entity = entity_for(host, app)
    assert (entity.name, entity.party, entity.domain) == (name, party, domain)


def test_public_suffix_list_is_the_bundled_snapshot() -> None:
    # Never fetched from the internet: the bundled snapshot is the list.
    assert tuple(_EXTRACT.suffix_list_urls) == ()
    assert _EXTRACT.fallback_to_snapshot
    assert registrable_domain("a.b.github.io") == "github.io"  # ICANN suffixes only
