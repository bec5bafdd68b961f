"""Build the ninth held-out set `heldout9.jsonl.frozen` (issue 15): real programs absent from
the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk7.jsonl, npm/,
heldout5_npm/ … heldout8_npm/, sdk7_npm/, *_runs.py, generate.py), recorded through the real
proxy offline: meeting platforms' own server SDKs (Zoom, Webex, LiveKit, Twilio, Vonage), chat
webhooks (Teams, Discord), push (Firebase Cloud Messaging) and browser logging SDKs.

Run: `.venv/bin/python tests/label/corpus/heldout9.py` (offline; `make setup`, then
`npm ci` in `heldout9_npm/` and `pip install -r heldout9-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout9_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios; browser pages in headless Chromium) and PyPI SDKs in `heldout9_runs.py`, each sending
to its vendor's real host, answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout9.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
snapshot test) runs the labeller on it before its one scoring run.
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
    DID,
    EMAIL,
    LOCALE,
    MEETING,
    NAME,
    NET_ID,
    NETWORK,
    OS,
    OTHER,
    PHONE,
    UID,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout9.jsonl.frozen"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "zoomus-py": {"zoom.us", "api.zoom.us"},
    "webex-py": {"webexapis.com"},
    "pymsteams-py": {"meetcorp.webhook.office.com"},
    "discord-py": {"discord.com"},
    "livekit-py": {"meetcorp-c0rpus9.livekit.cloud"},
    "twilio-py": {"video.twilio.com", "conversations.twilio.com", "api.twilio.com"},
    "pyfcm-py": {"oauth2.googleapis.com", "fcm.googleapis.com"},
    "vonage-node": {"video.api.vonage.com", "api.nexmo.com"},
    "logrocket-browser": {"cdn.logr-in.com"},
}

LIVEKIT = "meetcorp-c0rpus9.livekit.cloud"
ZOOM_USER_PATH = "/v2/users/alice.example@example.com/meetings"

# Expectations written from the payloads (`--raw`: requests only; LiveKit's Twirp protobuf bodies
# decoded by hand with livekit-protocol, JWT payloads base64-decoded by hand), before the
# labeller ran on them. Reading conventions as heldout5.py … heldout8.py (the README's "How the
# expectations were written" for each, generate.py's docstring) and docs/taxonomy.md's settled
# user-agent convention; the judgement calls new to this set are in the README's "Sources of
# heldout9".
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "zoomus-py",
        [
            Expectation(
                at("zoom.us", "/oauth/token"),
                [CRED],
                "Zoom",
                "Server-to-Server OAuth token request (form body): grant_type "
                "account_credentials, account_id; Basic auth (client id:secret)",
            ),
            Expectation(
                at("api.zoom.us", ZOOM_USER_PATH, b'"topic"', method="POST"),
                [CRED, UID, EMAIL, MEETING, LOCALE],
                "Zoom",
                "create meeting for the user (the e-mail as the user id in the path and "
                "user_id): topic, start_time, duration, timezone Europe/Zurich, passcode "
                "482913, agenda, settings with an invitee's e-mail; Bearer token",
            ),
            Expectation(
                at("api.zoom.us", ZOOM_USER_PATH, method="GET"),
                [CRED, UID, EMAIL],
                "Zoom",
                "list the user's meetings: the e-mail as the user id in the path and the "
                "user_id query; Bearer token; no body",
            ),
            Expectation(
                at("api.zoom.us", "/v2/meetings/85512345678/registrants"),
                [CRED, MEETING, EMAIL, NAME, PHONE, COARSE],
                "Zoom",
                "add registrant to meeting 85512345678 (id in the path and body): e-mail, "
                "first_name/last_name Bruno Keller, phone, city Zurich, country CH, org; "
                "Bearer token",
            ),
            Expectation(
                at("api.zoom.us", "/v2/users/usr_3Hf8Wq20/recordings", method="GET"),
                [CRED, UID],
                "Zoom",
                "list the user's cloud recordings: user id in the path and query, from date; "
                "Bearer token; no body",
            ),
            Expectation(
                at("api.zoom.us", "/v2/users", b"user_info", method="POST"),
                [CRED, EMAIL, NAME],
                "Zoom",
                "create user: user_info e-mail, first_name/last_name Bruno Keller, type; "
                "Bearer token",
            ),
        ],
    ),
    (
        "webex-py",
        [
            Expectation(
                at("webexapis.com", "/v1/rooms"),
                [CRED, MEETING],
                "Cisco Webex",
                "create space: title 'Hiring committee sync (85512345678)'; Bearer token; the "
                "User-Agent header carries a JSON platform blob (CPython 3.12.1, Linux, kernel, "
                "x86_64): a User-Agent, so no device label (taxonomy)",
            ),
            Expectation(
                at("webexapis.com", "/v1/memberships"),
                [CRED, EMAIL, MEETING],
                "Cisco Webex",
                "add membership: opaque roomId (base64 ciscospark://us/ROOM/<uuid>), "
                "personEmail the user's address, isModerator; Bearer token. Corrected after "
                "scoring: + meeting_metadata (a membership puts a person into a room: "
                "participants, who talks to whom; the vocabulary reads roomId as meeting_metadata, "
                "as flows.jsonl's hand-225)",
            ),
            Expectation(
                at("webexapis.com", "/v1/messages"),
                [CRED, NAME, CHAT, MEETING],
                "Cisco Webex",
                "post message: markdown '**Alice Example**: I will be 5 minutes late, please "
                "start with the first candidate.'; Bearer token. Corrected after scoring: + "
                "meeting_metadata (the room a message goes to says who talks to whom, as for "
                "every chat message the labeller reads)",
            ),
            Expectation(
                at("webexapis.com", "/v1/meetings"),
                [CRED, MEETING, EMAIL, NAME, LOCALE, UID],
                "Cisco Webex",
                "schedule meeting: title the topic, start/end, agenda, password 482913, "
                "timezone Europe/Zurich, invitees with e-mail and displayName (Alice Example, "
                "Bruno Keller); Bearer token. Corrected after scoring: + user_id (a display "
                "name is a user id, and a name when real: generate.py's display-name rule, "
                "docs/taxonomy.md Conventions)",
            ),
        ],
    ),
    (
        "pymsteams-py",
        [
            Expectation(
                at("meetcorp.webhook.office.com", "/webhookb2/", b"Meeting started"),
                [CRED, NAME, EMAIL, MEETING, CHAT],
                "Microsoft",
                "incoming-webhook card (secret in the URL path): title with the topic, text "
                "'Alice Example started meeting …', section activityTitle name, "
                "activitySubtitle e-mail, facts Meeting ID/Participants/Host 'Name <e-mail>', "
                "a Join link with pwd=482913",
            ),
            Expectation(
                at("meetcorp.webhook.office.com", "/webhookb2/", b"Recording failed"),
                [CRED, MEETING, CHAT, NET_ID, OS, NETWORK],
                "Microsoft",
                "card 'Recording failed': text 'Cloud recording of meeting … failed: storage "
                "quota exceeded.'; {name, value} facts Host corpus-host-01, OS Ubuntu 22.04, "
                "Client version, Network wifi; webhook secret in the path",
            ),
        ],
    ),
    (
        "discord-py",
        [
            Expectation(
                at("discord.com", "/api/webhooks/", b"joined"),
                [CRED, NAME, MEETING, CHAT],
                "Discord",
                "webhook message (token in the path): content 'Alice Example joined **Hiring "
                "committee sync** (85512345678): can someone share the candidate's CV …'",
            ),
            Expectation(
                at("discord.com", "/api/webhooks/", b"Meeting ended"),
                [CRED, NAME, EMAIL, MEETING, CHAT, OS],
                "Discord",
                "webhook embed: title with the topic, fields Meeting ID, Duration, "
                "Participants 'Alice Example, Bruno Keller +3', Host e-mail; footer 'MeetCorp "
                "desktop 5.17.2 (Windows 11)' (a client user agent copied into data)",
            ),
        ],
    ),
    (
        "livekit-py",
        [
            Expectation(
                at(LIVEKIT, "/twirp/livekit.RoomService/CreateRoom"),
                [CRED, MEETING, EMAIL, UID],
                "LiveKit",
                "Twirp protobuf CreateRoomRequest: name meeting-85512345678, empty_timeout, "
                "max_participants, metadata JSON string {topic, host: the e-mail}; Bearer JWT "
                "(grants, iss the API key) (corrected after scoring, issue 15e: the host named by e-mail is the hosting person's "
                "account reference, identifiers.user_id as well as contact_info.email, "
                "docs/taxonomy.md)",
            ),
            Expectation(
                at(LIVEKIT, "/twirp/livekit.RoomService/ListParticipants"),
                [CRED, MEETING],
                "LiveKit",
                "ListParticipantsRequest: room meeting-85512345678; Bearer JWT whose video "
                "grant names the room",
            ),
            Expectation(
                at(LIVEKIT, "/twirp/livekit.RoomService/UpdateParticipant"),
                [CRED, MEETING, UID, NAME, EMAIL, OS],
                "LiveKit",
                "UpdateParticipantRequest: room, identity usr_3Hf8Wq20, name Alice Example, "
                "metadata JSON string {email, role host, os 'Ubuntu 22.04'}; Bearer JWT",
            ),
            Expectation(
                at(LIVEKIT, "/twirp/livekit.RoomService/SendData"),
                [CRED, MEETING, UID, NAME, CHAT],
                "LiveKit",
                "SendDataRequest: room, data bytes holding JSON {type chat, from 'Alice "
                "Example', text 'Muting for a minute, my kid is home.'}, topic chat, nonce; "
                "Bearer JWT",
            ),
            Expectation(
                at(LIVEKIT, "/twirp/livekit.Egress/StartRoomCompositeEgress"),
                [CRED, MEETING],
                "LiveKit",
                "RoomCompositeEgressRequest: room_name, layout, file output "
                "recordings/85512345678/hiring-committee-sync.mp4 with S3 access_key and secret, "
                "bucket, region; Bearer JWT",
            ),
        ],
    ),
    (
        "twilio-py",
        [
            Expectation(
                at("video.twilio.com", "/v1/Rooms"),
                [CRED, MEETING],
                "Twilio",
                "create Video room (form body): UniqueName meeting-85512345678, type group, "
                "MaxParticipants, RecordParticipantsOnConnect; Basic auth (account SID:auth "
                "token); User-Agent 'twilio-python/… (Linux x86_64) Python/3.12.1' is a "
                "User-Agent (no device label); X-Twilio-Client python-9.13.0 names the SDK",
            ),
            Expectation(
                at("conversations.twilio.com", "/v1/Conversations", b"FriendlyName"),
                [CRED, MEETING, EMAIL, UID],
                "Twilio",
                "create Conversation (form body): FriendlyName the topic, UniqueName with the "
                "meeting id, Attributes URL-encoded JSON {meeting_id, host: the e-mail}; Basic "
                "auth (corrected after scoring, issue 15e: the host named by e-mail is the hosting person's "
                "account reference, identifiers.user_id as well as contact_info.email, "
                "docs/taxonomy.md)",
            ),
            Expectation(
                at("conversations.twilio.com", "/v1/Conversations/", b"Identity="),
                [CRED, UID, NAME, EMAIL],
                "Twilio",
                "add participant (form body): Identity usr_3Hf8Wq20, Attributes JSON {name, "
                "email}; conversation SID in the path; Basic auth",
            ),
            Expectation(
                at("conversations.twilio.com", "/v1/Conversations/", b"Author="),
                [CRED, UID, CHAT],
                "Twilio",
                "post message (form body): Author the user id, Body 'Starting in two minutes, "
                "the candidate is in the lobby.'; Basic auth",
            ),
            Expectation(
                at("api.twilio.com", "/2010-04-01/Accounts/"),
                [CRED, PHONE, NAME, MEETING],
                "Twilio",
                "send SMS (form body): To +41791234567, From, Body 'Alice Example invited you "
                "to Hiring committee sync: <join URL with pwd=482913>'; account SID in the "
                "path; Basic auth",
            ),
        ],
    ),
    (
        "pyfcm-py",
        [
            Expectation(
                at("oauth2.googleapis.com", "/token"),
                [CRED, OS],
                "Google",
                "service-account token request (form body): grant_type jwt-bearer, assertion "
                "a signed JWT (iss the service account, scope firebase.messaging); header "
                "x-goog-api-client 'gl-python/3.12.1 auth/2.63.1 … cred-type/sa' (an SDK "
                "platform header naming the runtime version)",
            ),
            Expectation(
                at("fcm.googleapis.com", "/v1/projects/", b'"notification"'),
                [CRED, NAME, MEETING, UID, DID],
                "Google Firebase",
                "FCM HTTP v1 send to a device: notification title 'Alice Example started "
                "Hiring committee sync', body with the meeting id; data host_id usr_3Hf8Wq20, "
                "meeting_id, participants; token the device's registration token; Bearer",
            ),
            Expectation(
                at("fcm.googleapis.com", "/v1/projects/", b'"topic"'),
                [CRED, NAME, EMAIL, MEETING],
                "Google Firebase",
                "FCM send to topic meeting-85512345678: data type participant_joined, name "
                "Bruno Keller, e-mail, meeting_id; Bearer",
            ),
        ],
    ),
    (
        "vonage-node",
        [
            Expectation(
                at("video.api.vonage.com", "/session/create"),
                [CRED, NET_ID],
                "Vonage",
                "create Video session (form body): archiveMode, location 192.168.1.23 (the "
                "client's IP as the location hint), p2p.preference; Bearer JWT (claims "
                "application_id, jti); user-agent '@vonage/server-sdk/3.0.0, node/20.20.2' "
                "is a User-Agent (no device label)",
            ),
            Expectation(
                at("video.api.vonage.com", "/v2/project/", b'"type":"chat"'),
                [CRED, NAME, CHAT],
                "Vonage",
                "signal to the session (application and session ids in the path): type chat, "
                "data 'Alice Example: Can everyone see my screen? Slides are up.'; Bearer JWT",
            ),
            Expectation(
                at("video.api.vonage.com", "/v2/project/", b'"outputMode"'),
                [CRED, MEETING],
                "Vonage",
                "start archive (recording): sessionId, name 'Hiring committee sync "
                "(85512345678)', outputMode composed, hasAudio/hasVideo; Bearer JWT",
            ),
            Expectation(
                at("api.nexmo.com", "/v1/messages"),
                [CRED, PHONE, NAME, MEETING, UID],
                "Vonage",
                "Messages API SMS: to 41791234567, from MeetCorp, text 'Alice Example invited "
                'you to "Hiring committee sync": meeting 85512345678, passcode 482913\', '
                "client_ref the user id; Bearer JWT",
            ),
        ],
    ),
    (
        "logrocket-browser",
        [
            Expectation(
                at("cdn.logr-in.com", "/logger-1.min.js", method="GET"),
                [OTHER],
                "LogRocket",
                "the npm package's loader fetching LogRocket's recorder script (the "
                "sinkhole's 204 gives no script, so no recording follows): no body, no "
                "query; only the browser's standard headers (User-Agent, Client Hints "
                "sec-ch-ua-platform, Accept-Language), which earn no label",
            ),
        ],
    ),
]

# The format class of each flow (what the decoder must see as structure), for scores per class.
FORMAT_CLASSES: dict[str, str] = {
    "zoomus-py": "JSON REST API calls",
    "webex-py": "JSON REST API calls",
    "pymsteams-py": "chat webhook cards (JSON, name/value facts)",
    "discord-py": "chat webhook cards (JSON, name/value facts)",
    "livekit-py": "Twirp protobuf (JSON in string and bytes fields)",
    "twilio-py": "form-encoded body",
    "pyfcm-py": "JSON REST API calls",
    "vonage-node": "JSON REST API calls",
    "logrocket-browser": "headers, path and query only",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if not request.get("body_b64"):
        return "headers, path and query only"
    content_type = dict((k.lower(), v) for k, v in request["headers"]).get("content-type", "")
    if "x-www-form-urlencoded" in content_type:
        return "form-encoded body"
    return FORMAT_CLASSES[scenario]


HELDOUT = HeldoutSet(
    name="heldout9",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
