"""Build the twelfth held-out set `heldout12.jsonl.frozen` (issue 15): real programs absent from
the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk7/sdk9.jsonl,
npm/, heldout5_npm/ … heldout11_npm/, sdk7_npm/, sdk9_npm/, *_runs.py, generate.py), recorded
through the real proxy offline: telephony and messaging APIs a meeting backend sends reminders,
calls and faxes through (RingCentral, Telnyx), speech-to-text services it sends recordings to
(Deepgram, Rev.ai), work tools it files action items into (Trello, Smartsheet, GitLab) and
social networks its users post and message on (Mastodon, Bluesky).

Run: `.venv/bin/python tests/label/corpus/heldout12.py` (offline; `make setup`, then
`npm ci` in `heldout12_npm/` and `pip install -r heldout12-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout12_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios; a browser page in headless Chromium) and PyPI SDKs in `heldout12_runs.py`, each
sending to its vendor's real host, answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout12.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    EMAIL,
    HW,
    LOCALE,
    MEETING,
    NAME,
    OS,
    PHONE,
    SID,
    UID,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout12.jsonl.frozen"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "ringcentral-py": {"platform.ringcentral.com"},
    "telnyx-py": {"api.telnyx.com"},
    "deepgram-py": {"api.deepgram.com"},
    "revai-py": {"api.rev.ai"},
    "trello-py": {"api.trello.com"},
    "smartsheet-py": {"api.smartsheet.com"},
    "gitlab-py": {"gitlab.com"},
    "mastodon-py": {"mastodon.social"},
    "bluesky-py": {"bsky.social"},
    "okta-node": {"meetcorp.okta.com"},
}

# Categories of the taxonomy the shared recorder has no constant for.
AUDIO = "customer_content.audio"
FILES = "customer_content.files"
TRANSCRIPT = "customer_content.transcript"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout11.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions" (the settled
# user-agent convention and which ids name a person); the judgement calls new to this set are in
# the README's "Sources of heldout12".
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "ringcentral-py",
        [
            Expectation(
                at("platform.ringcentral.com", "/restapi/oauth/token"),
                [CRED, OS],
                "RingCentral",
                "token request, form body: grant_type jwt-bearer and the JWT credential as "
                "assertion (its claims are part of the credential); Basic auth with the app's "
                "client id and secret; X-User-Agent 'Unnamed/0.0.0 linux/VERSION PYTHON/VERSION "
                "RCPYTHONSDK/VERSION' (a user agent copied into a custom header, naming the OS)",
            ),
            Expectation(
                at("platform.ringcentral.com", "/restapi/v1.0/account/~/extension/~/sms"),
                [CRED, OS, PHONE, NAME, MEETING],
                "RingCentral",
                "SMS from the host's number to the guest's: 'Hi Priya Raman, reminder: <topic> "
                "starts at 15:00, meeting ID <id>…' (a reminder notification, not chat); Bearer "
                "token; X-User-Agent",
            ),
            Expectation(
                at("platform.ringcentral.com", "/team-messaging/v1/chats/"),
                [CRED, OS, CHAT],
                "RingCentral",
                "team chat post: 'Running five minutes late, please start without me. Priya has "
                "the deck.' (a person's message to colleagues; a first name alone is not "
                "labelled; chat id not labelled); Bearer; X-User-Agent",
            ),
            Expectation(
                at("platform.ringcentral.com", "/rcvideo/v2/account/~/extension/~/bridges"),
                [CRED, OS, MEETING],
                "RingCentral",
                "create a video bridge: name '<topic> (<meeting id>)', security password 418207 "
                "(a meeting passcode: credential), waiting-room preferences; Bearer; X-User-Agent",
            ),
            Expectation(
                at("platform.ringcentral.com", "/restapi/v1.0/account/~/extension/~/fax"),
                [CRED, OS, PHONE, FILES, MEETING, NAME],
                "RingCentral",
                "multipart fax: request.json part {to: [{phoneNumber: <guest>}]} and the "
                "attachment agenda.txt '<topic> - agenda / Attendees: Alice Example, Priya "
                "Raman / …' (a file sent); Bearer; X-User-Agent",
            ),
        ],
    ),
    (
        "telnyx-py",
        [
            Expectation(
                at("api.telnyx.com", "/v2/messages"),
                [CRED, OS, HW, PHONE, MEETING],
                "Telnyx",
                "send SMS from/to E.164 numbers: '<topic> moved to 16:00 CET. Dial-in +1 650 555 "
                "0199, meeting <id>, PIN 418207. - Alice' (a notification, not chat; the PIN is "
                "a meeting passcode: credential; a first name alone is not labelled); Bearer; "
                "X-Stainless-OS Linux, -Runtime-Version 3.12.1 (os), -Arch x64 (hardware)",
            ),
            Expectation(
                at("api.telnyx.com", "/v2/calls"),
                [CRED, OS, HW, PHONE, UID, NAME, MEETING, EMAIL],
                "Telnyx",
                "dial: from/to numbers, from_display_name 'Alice Example' (a display name: user "
                "id and name), client_state base64 of {meeting_id, invitee: <guest e-mail>} (an "
                "e-mail under a key for the person invited: user id and e-mail), connection id "
                "(not labelled); Bearer; X-Stainless-* platform headers",
            ),
            Expectation(
                at("api.telnyx.com", "/v2/number_lookup/", method="GET"),
                [CRED, OS, HW, PHONE],
                "Telnyx",
                "number lookup of the guest's number in the path; Bearer; X-Stainless-* platform "
                "headers",
            ),
        ],
    ),
    (
        "deepgram-py",
        [
            Expectation(
                at("api.deepgram.com", "/v1/listen", b"RIFF"),
                [CRED, OS, SID, AUDIO, MEETING, NAME, LOCALE],
                "Deepgram",
                "prerecorded transcription: the meeting recording as the WAV body "
                "(application/octet-stream); query callback URL and tag with the meeting id, "
                "keyterm 'Priya Raman', language en-US, model, diarize; Authorization 'Token "
                "<key>'; X-Fern-Runtime python/3.12.1 and X-Fern-Platform linux/<release> (SDK "
                "platform headers: os); x-deepgram-session-id (a session id)",
            ),
            Expectation(
                at("api.deepgram.com", "/v1/listen", b'"url"'),
                [CRED, OS, SID, MEETING, UID, EMAIL],
                "Deepgram",
                "transcription of a hosted recording: JSON {url: …/<meeting id>/audio.wav} (a "
                "reference, no audio sent); query extra 'meeting_id:<id>' and 'host:<corpus "
                "e-mail>' (the host named by e-mail: user id and e-mail), summarize v2; Token; "
                "X-Fern-* headers; session id header",
            ),
            Expectation(
                at("api.deepgram.com", "/v1/read"),
                [CRED, OS, SID, TRANSCRIPT, NAME, LOCALE],
                "Deepgram",
                "text intelligence on the meeting transcript: JSON text of three speaker turns "
                "'Alice Example: …', 'Priya Raman: …' (no meeting id or topic), query summarize, "
                "topics, language en; Token; X-Fern-* headers; session id header",
            ),
        ],
    ),
    (
        "revai-py",
        [
            Expectation(
                at("api.rev.ai", "/speechtotext/v1/jobs", b'name="media"'),
                [CRED, AUDIO, MEETING, EMAIL, LOCALE],
                "Rev",
                "multipart job: media part meeting-<id>.wav (the recording) and an options part "
                "(JSON) with callback_url …/<meeting id>, metadata '<topic> (<id>), host <corpus "
                "e-mail>' (an e-mail in prose: e-mail only), language en, speakers_count; Bearer",
            ),
            Expectation(
                at("api.rev.ai", "/speechtotext/v1/jobs", b"media_url"),
                [CRED, MEETING],
                "Rev",
                "job for a hosted recording: media_url …/<meeting id>/audio.wav (a reference, no "
                "audio sent), metadata 'meeting <id>', delete_after_seconds; Bearer",
            ),
            Expectation(
                at("api.rev.ai", "/speechtotext/v1/vocabularies"),
                [CRED, NAME, MEETING],
                "Rev",
                "custom vocabulary: phrases 'Alice Example', 'Priya Raman', 'Meetcorp', 'DPA'; "
                "metadata 'names for meeting <id>'; Bearer",
            ),
        ],
    ),
    (
        "trello-py",
        [
            Expectation(
                at("api.trello.com", "/1/cards", b'"idList"'),
                [CRED, MEETING, NAME, EMAIL, PHONE],
                "Atlassian Trello",
                "create card: name 'Send signed DPA to Priya Raman', desc with topic, meeting "
                "id, the guest's name, e-mail and phone, due date, list id; OAuth 1 "
                "Authorization header (consumer key, token, signature)",
            ),
            Expectation(
                at("api.trello.com", "/1/cards/64c0r12card42/actions/comments"),
                [CRED, CHAT],
                "Atlassian Trello",
                "comment on a card: 'Legal says Thursday at the earliest, I'll keep you posted.' "
                "(to colleagues); OAuth 1",
            ),
            Expectation(
                at("api.trello.com", "/1/cards/64c0r12card42/attachments"),
                [CRED, FILES, MEETING, NAME],
                "Atlassian Trello",
                "multipart attachment minutes.txt: '<topic> - minutes / Present: Alice Example, "
                "Priya Raman / Decision: …'; OAuth 1",
            ),
        ],
    ),
    (
        "smartsheet-py",
        [
            Expectation(
                at("api.smartsheet.com", "/2.0/sheets/4583173393803140/rows", b'"cells"'),
                [CRED, MEETING, NAME, EMAIL, COARSE],
                "Smartsheet",
                "add a row to the meetings tracker: cells by columnId, '<topic> (<meeting id>)', "
                "'Priya Raman', her e-mail (a value in a cell: e-mail only), a date, 'Berlin, "
                "Germany'; Bearer",
            ),
            Expectation(
                at("api.smartsheet.com", "/2.0/sheets/4583173393803140/rows/", b'"comment"'),
                [CRED, CHAT],
                "Smartsheet",
                "discussion on a row: comment 'Priya, can you confirm the go-live date with your "
                "team?' (to a colleague; a first name alone is not labelled); Bearer",
            ),
            Expectation(
                at("api.smartsheet.com", "/2.0/sheets/4583173393803140/rows/", b"notes.txt"),
                [CRED, FILES, MEETING, NAME],
                "Smartsheet",
                "multipart attachment notes.txt: 'Notes from <topic> / Priya Raman confirmed the "
                "questionnaire; DPA outstanding.'; Bearer",
            ),
        ],
    ),
    (
        "gitlab-py",
        [
            Expectation(
                at("gitlab.com", "/api/v4/projects/48213012/issues", b'"title"'),
                [CRED, MEETING, NAME, EMAIL, UID],
                "GitLab",
                "create issue: title with topic and meeting id, description naming Priya Raman "
                "with her e-mail, assignee_ids [10442871] (a person's account id), labels; "
                "PRIVATE-TOKEN",
            ),
            Expectation(
                at("gitlab.com", "/api/v4/projects/48213012/issues/42/notes"),
                [CRED, CHAT],
                "GitLab",
                "note on the issue: 'I can take the SAML part, but I need the metadata XML from "
                "Priya first.' (to colleagues; a first name alone is not labelled); "
                "PRIVATE-TOKEN",
            ),
            Expectation(
                at("gitlab.com", "/api/v4/projects/48213012/uploads"),
                [CRED, FILES, MEETING, NAME],
                "GitLab",
                "multipart upload minutes.md: '# <topic> / Present: Alice Example, Priya Raman / "
                "…' (and an empty avatar part the SDK adds); PRIVATE-TOKEN",
            ),
            Expectation(
                at("gitlab.com", "/api/v4/users", method="GET"),
                [CRED, EMAIL],
                "GitLab",
                "user search with search=<guest e-mail> (a search string, not an id); "
                "PRIVATE-TOKEN",
            ),
        ],
    ),
    (
        "mastodon-py",
        [
            Expectation(
                at("mastodon.social", "/api/v1/media"),
                [CRED, AUDIO, MEETING],
                "Mastodon",
                "multipart media upload: description 'Voice note: summary of the vendor "
                "onboarding sync' (names the meeting's topic) and voice-note.wav (audio/wav): a "
                "voice message; Bearer",
            ),
            Expectation(
                at("mastodon.social", "/api/v1/statuses"),
                [CRED, CHAT, UID, LOCALE],
                "Mastodon",
                "form-encoded status, visibility direct: '@priya@fosstodon.org the DPA draft is "
                "in your inbox, can we talk tomorrow at 10?' (a direct message; the recipient's "
                "handle is a user id, not an e-mail), language en; Bearer",
            ),
            Expectation(
                at("mastodon.social", "/api/v1/accounts/search", method="GET"),
                [CRED, UID],
                "Mastodon",
                "account search q=priya@fosstodon.org (a fediverse handle: user id, not an "
                "e-mail), limit, resolve; Bearer",
            ),
        ],
    ),
    (
        "bluesky-py",
        [
            Expectation(
                at("bsky.social", "/xrpc/com.atproto.server.createSession"),
                [CRED, UID],
                "Bluesky",
                "XRPC createSession: identifier alice-example.bsky.social (the user's handle) and "
                "the app password",
            ),
            Expectation(
                at("bsky.social", "/xrpc/com.atproto.repo.uploadBlob"),
                [CRED, FILES],
                "Bluesky",
                "XRPC uploadBlob: a PNG image as the body (content-type */*), the photo a user "
                "attaches (an attachment: files); Bearer access JWT (its claims are part of the "
                "credential)",
            ),
            Expectation(
                at("bsky.social", "/xrpc/com.atproto.repo.createRecord"),
                [CRED, CHAT, NAME, MEETING, UID, LOCALE],
                "Bluesky",
                "XRPC createRecord app.bsky.feed.post: text 'Great vendor onboarding sync today "
                "with Priya Raman, go-live is set for January.' (a post a person writes to "
                "others, naming the meeting's topic), langs [en], repo <the user's DID> (the "
                "account writing: user id), createdAt; Bearer",
            ),
            Expectation(
                at("bsky.social", "/xrpc/app.bsky.actor.getProfile", method="GET"),
                [CRED, UID],
                "Bluesky",
                "XRPC getProfile query actor=priya-raman.bsky.social (a handle); Bearer",
            ),
            Expectation(
                at("bsky.social", "/xrpc/chat.bsky.convo.sendMessage"),
                [CRED, CHAT],
                "Bluesky",
                "XRPC sendMessage through the chat proxy (atproto-proxy header): convoId (not "
                "labelled), message text 'Priya, here is the whiteboard from today, …' (a first "
                "name alone is not labelled); Bearer",
            ),
        ],
    ),
    (
        "okta-node",
        [
            Expectation(
                at("meetcorp.okta.com", "/api/v1/users", method="POST"),
                [CRED, NAME, EMAIL, UID, PHONE, COARSE, LOCALE],
                "Okta",
                "create user (activate=false): profile firstName Priya, lastName Raman, email, "
                "login = the e-mail (the account's login: user id and e-mail), mobilePhone, "
                "organization, city Manchester, countryCode GB, preferredLanguage en-GB, "
                "timezone Europe/London; Authorization 'SSWS <token>'",
            ),
            Expectation(
                at("meetcorp.okta.com", "/api/v1/groups/", method="PUT"),
                [CRED, UID],
                "Okta",
                "assign user to group: group id and the user id after /users/ in the path, no "
                "body; SSWS",
            ),
            Expectation(
                at("meetcorp.okta.com", "/api/v1/users", method="GET"),
                [CRED, EMAIL],
                "Okta",
                "list users with search 'profile.email eq \"<guest e-mail>\"' (a filter, not an "
                "id), limit; SSWS",
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "ringcentral-py": "JSON REST API calls + user agent copied into a custom header",
    "telnyx-py": "JSON REST API calls + SDK platform headers",
    "deepgram-py": "JSON REST API calls + SDK platform headers",
    "revai-py": "JSON REST API calls",
    "trello-py": "JSON REST API calls",
    "smartsheet-py": "JSON REST API calls",
    "gitlab-py": "JSON REST API calls",
    "okta-node": "JSON REST API calls",
    "bluesky-py": "XRPC procedures (JSON)",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if not request.get("body_b64"):
        return "headers, path and query only"
    content_type = dict((k.lower(), v) for k, v in request["headers"]).get("content-type", "")
    if "multipart/form-data" in content_type:
        return "multipart file upload"
    if "x-www-form-urlencoded" in content_type:
        return "form-encoded body"
    if "json" not in content_type:
        return "binary upload (audio or image body)"
    return FORMAT_CLASSES[scenario]


HELDOUT = HeldoutSet(
    name="heldout12",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
