"""Build the dev set `sdk9.jsonl` (issue 15): real SDKs absent from every earlier set (chat and
messaging APIs, transactional e-mail, a metrics ingest, a browser engagement SDK), recorded through
the real proxy offline, to widen the conventions the labeller has seen. Built exactly as a held-out
set (expectations from the payloads, committed before the labeller ran on them, the first score
reported as is), but dev data from its first score on.

Run: `.venv/bin/python tests/label/corpus/sdk9.py` (offline; `make setup`, then `npm ci` in
`sdk9_npm/` and `pip install -r sdk9-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: the browser SDK in `sdk9_npm/` (headless Chromium) and PyPI SDKs in `sdk9_runs.py`,
each sending to its vendor's real host (self-hosted products to a host under
`meetcorp-example.com`), answered inside the proxy by `auditor capture --sinkhole '*'`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.label.corpus.generate import Expectation  # noqa: E402
from tests.label.corpus.heldout_recording import (  # noqa: E402
    CHAT,
    COARSE,
    CRED,
    EMAIL,
    LOCALE,
    MEETING,
    NAME,
    NET_ID,
    NETWORK,
    OS,
    PERF,
    UID,
    USAGE,
    HeldoutSet,
    at,
)

# Taxonomy categories no earlier recorded set expected (docs/taxonomy.md).
PHONE = "contact_info.phone"
PRECISE = "location.precise"
CONSENT = "consent_signal"

OUT = HERE / "sdk9.jsonl"


SCENARIO_HOSTS: dict[str, set[str]] = {
    "slack-py": {"slack.com", "www.slack.com", "hooks.slack.com"},
    "sendgrid-py": {"api.sendgrid.com"},
    "brevo-py": {"api.brevo.com", "api.sendinblue.com"},
    "mattermost-py": {"mattermost.meetcorp-example.com"},
    "rocketchat-py": {"chat.meetcorp-example.com"},
    "signalfx-py": {"ingest.us1.signalfx.com"},
    "telegram-py": {"api.telegram.org"},
    "clevertap-browser": {"eu1.clevertap-prod.com"},
}

# Expectations written from the payloads (`--raw`: requests only; SignalFx's protobuf bodies read
# by their field strings, CleverTap's `d` query value decompressed by hand with lz-string's
# decompressFromBase64), before the labeller ran on them. Conventions as heldout8.py and sdk7.py
# (the README's "How the expectations were written" for each, docs/taxonomy.md); the judgement
# calls new to this set are in the README's "Sources of sdk9". In short: no User-Agent header
# earns device_info.os (slack_sdk's `Python/3.12.1 slackclient/3.48.0 Linux/…` included); a
# message a person or bot posts into a chat channel or to a user is chat, an e-mail or SMS body
# is not; notification and messaging backends are the service's function (meeting_metadata when
# they carry the meeting, no product usage); presence and status values are not chat.
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "slack-py",
        [
            Expectation(
                at("slack.com", "/api/chat.postMessage"),
                [CRED, NAME, MEETING, CHAT],
                "Slack",
                "bot message (JSON): channel id, text 'Alice Example started meeting <id> "
                "(topic, 5 participants): <join link>'; Bearer xoxb- token",
            ),
            Expectation(
                at("slack.com", "/api/users.lookupByEmail"),
                [CRED, EMAIL],
                "Slack",
                "form-encoded body email=<the user's address>; Bearer token",
            ),
            Expectation(
                at("slack.com", "/api/users.profile.set"),
                [CRED, MEETING],
                "Slack",
                "profile status_text 'In a meeting: <topic>', status emoji; Bearer token",
            ),
            Expectation(
                at("hooks.slack.com", "/services/"),
                [CRED, MEETING, EMAIL, CHAT],
                "Slack",
                "incoming webhook (the secret in the URL path): text about the meeting's "
                "recording with topic, meeting id and the user's e-mail",
            ),
        ],
    ),
    (
        "sendgrid-py",
        [
            Expectation(
                at("api.sendgrid.com", "/v3/mail/send"),
                [CRED, EMAIL, NAME, MEETING],
                "Twilio SendGrid",
                "mail send: to the user's e-mail, subject with the topic, HTML 'Hi Alice "
                "Example, join meeting <id> (5 participants): <join link>'; Bearer SG. key",
            ),
            Expectation(
                at("api.sendgrid.com", "/v3/marketing/contacts", method="PUT"),
                [CRED, EMAIL, NAME, COARSE, UID],
                "Twilio SendGrid",
                "contact upsert: email, first_name/last_name, city Zurich, country "
                "Switzerland, external_id the user id",
            ),
        ],
    ),
    (
        "brevo-py",
        [
            Expectation(
                at("api.sendinblue.com", "/v3/smtp/email"),
                [CRED, EMAIL, NAME, MEETING, UID],
                "Brevo",
                "transactional e-mail: to email/name, subject with the topic, htmlContent "
                "with meeting id and participants, params meeting_id/user_id; api-key header",
            ),
            Expectation(
                at("api.sendinblue.com", "/v3/transactionalSMS/sms"),
                [CRED, PHONE, MEETING],
                "Brevo",
                "transactional SMS: recipient the phone number (digits only), content with "
                "topic and meeting id; api-key header",
            ),
            Expectation(
                at("api.sendinblue.com", "/v3/contacts"),
                [CRED, EMAIL, UID, NAME, PHONE],
                "Brevo",
                "contact: email, ext_id the user id, attributes FIRSTNAME/LASTNAME and SMS "
                "(phone number); api-key header",
            ),
        ],
    ),
    (
        "mattermost-py",
        [
            Expectation(
                at("mattermost.meetcorp-example.com", "/api/v4/posts"),
                [CRED, UID, MEETING, CHAT],
                "",
                "post (self-hosted Mattermost): message '@alice.corpus started meeting <id> "
                "(topic): <join link>', props meeting_id/participants; Bearer",
            ),
            Expectation(
                at("mattermost.meetcorp-example.com", "/api/v4/users/", method="PUT"),
                [CRED, UID],
                "",
                "status update: the user id in the path and body, status dnd",
            ),
            Expectation(
                at("mattermost.meetcorp-example.com", "/api/v4/users/search"),
                [CRED, EMAIL],
                "",
                "user search: term the user's e-mail",
            ),
        ],
    ),
    (
        "rocketchat-py",
        [
            Expectation(
                at("chat.meetcorp-example.com", "/api/v1/chat.postMessage"),
                [CRED, UID, NAME, MEETING, CHAT],
                "",
                "message (self-hosted Rocket.Chat): channel #meeting-<id>, text the user wrote "
                "about joining the meeting (topic, id), alias 'Alice Example'; X-Auth-Token, "
                "X-User-Id",
            ),
            Expectation(
                at("chat.meetcorp-example.com", "/api/v1/users.setStatus"),
                [CRED, UID],
                "",
                "status 'In a meeting' busy (no particular meeting); X-Auth-Token, X-User-Id",
            ),
        ],
    ),
    (
        "signalfx-py",
        [
            Expectation(
                at("ingest.us1.signalfx.com", "/v2/datapoint"),
                [CRED, NET_ID, UID, MEETING, NETWORK, OS, PERF],
                "Splunk",
                "datapoints (protobuf, gzip): gauges meeting.rtt_ms/jitter_ms, counter "
                "meeting.packets_lost, dimensions host corpus-host-01, user_id, meeting_id, "
                "network_type wifi, os Linux; X-SF-Token",
            ),
            Expectation(
                at("ingest.us1.signalfx.com", "/v2/event"),
                [CRED, UID, MEETING, EMAIL, USAGE],
                "Splunk",
                "custom event meeting_joined (protobuf, gzip): dimensions user_id, meeting_id, "
                "properties topic, participants, email; X-SF-Token",
            ),
        ],
    ),
    (
        "telegram-py",
        [
            Expectation(
                at("api.telegram.org", "/bot", b"text="),
                [CRED, UID, NAME, MEETING, CHAT],
                "Telegram",
                "sendMessage (form-encoded; the bot token in the URL path): chat_id of a private "
                "chat (the user's Telegram id), text 'Alice Example, your meeting <topic> (<id>) "
                "starts now: <join link>'",
            ),
            Expectation(
                at("api.telegram.org", "/bot", b"latitude="),
                [CRED, UID, PRECISE],
                "Telegram",
                "sendLocation: chat_id, latitude 47.376887, longitude 8.541694",
            ),
            Expectation(
                at("api.telegram.org", "/bot", b"phone_number="),
                [CRED, UID, PHONE, NAME],
                "Telegram",
                "sendContact: chat_id, phone_number +41…, first_name Alice, last_name Example",
            ),
        ],
    ),
    (
        "clevertap-browser",
        [
            Expectation(
                at("eu1.clevertap-prod.com", "/a", method="GET"),
                [UID, NAME, EMAIL, PHONE, LOCALE, CONSENT],
                "CleverTap",
                "login as a JSONP GET: the query's d is lz-string base64 JSON of type profile "
                "with Name, Identity (the user id), Email, Phone, Gender, MSG-email true (the "
                "user's e-mail subscription), tz GMT+0000; useIP=false in the query; the "
                "account id is a public project id, not a credential",
            ),
            Expectation(
                at("eu1.clevertap-prod.com", "/a", method="GET"),
                [UID, NAME, EMAIL, PHONE, LOCALE, CONSENT],
                "CleverTap",
                "the same login sent again (the sinkhole's answer sets no cookie)",
                followups=True,
            ),
        ],
    ),
]

# The format class of each flow (what the decoder must see as structure), for scores per class.
FORMAT_CLASSES: dict[str, str] = {
    "slack-py": "JSON API calls",
    "sendgrid-py": "JSON API calls",
    "brevo-py": "JSON API calls",
    "mattermost-py": "JSON API calls",
    "rocketchat-py": "JSON API calls + identifier headers",
    "signalfx-py": "protobuf (gzip; SignalFx ingest)",
    "telegram-py": "form-encoded body + token in the URL path",
    "clevertap-browser": "lz-string base64 JSON in a query (JSONP GET)",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    if flow["request"]["path"].startswith("/api/users.lookupByEmail"):
        return "form-encoded body"
    return FORMAT_CLASSES[scenario]


SDK9 = HeldoutSet(
    name="sdk9",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
    id_prefix="s9",
)


if __name__ == "__main__":
    raise SystemExit(SDK9.main((__doc__ or "").splitlines()[0]))
