"""Build the eighteenth held-out set `heldout18.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk*.jsonl,
npm/, heldout5_npm/ … heldout18_npm/, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/),
recorded through the real proxy offline, weighted toward the telemetry a meeting / collaboration
client embeds: product events and lifecycle e-mail (Bento), personalization and A/B-test events
(Ninetailed), feature-flag registration, download and evaluation events (Featureflow), NPS
customer feedback (Delighted) and usage metering (Amberflo); plus two platform APIs around a
meeting: live video rooms (100ms) and speech-to-text of the meeting's recording (Gladia).

Run: `.venv/bin/python tests/label/corpus/heldout18.py` (offline; `make setup`, then
`npm ci` in `heldout18_npm/` and `pip install -r heldout18-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout18_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout18_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout18.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
snapshot test) runs the labeller on it before its one scoring run.
"""

from __future__ import annotations

import base64
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.label.corpus.generate import Expectation  # noqa: E402
from tests.label.corpus.heldout_recording import (  # noqa: E402
    CRED,
    DID,
    EMAIL,
    LOCALE,
    MEETING,
    NAME,
    TELEMETRY,
    UID,
    USAGE,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout18.jsonl.frozen"

# Labels heldout_recording does not name.
AUDIO = "customer_content.audio"
CONSENT = "consent_signal"

BENTO = "app.bentonow.com"
NINETAILED = "experience.ninetailed.co"
NINETAILED_API = "/v2/organizations/h18c0r18-5e2d-4f7a-b9c1-0a3e6d8f4b27/environments/main"
HMS = "api.100ms.live"
HMS_ROOM = "/v2/active-rooms/6571h18c0r18e4a9b2c7d013"
DELIGHTED = "api.delightedapp.com"
GLADIA = "api.gladia.io"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "bento-node": {BENTO},
    "ninetailed-node": {NINETAILED},
    "featureflow-node": {"app.featureflow.io", "events.featureflow.io"},
    "hms-node": {HMS},
    "delighted-py": {DELIGHTED},
    "amberflo-py": {"app.amberflo.io", "ingest.amberflo.io"},
    "gladia-py": {GLADIA},
}

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout17.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout18".
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "bento-node",
        [
            Expectation(
                at(BENTO, "/api/v1/batch/events", b'"$meetingHosted"'),
                [CRED, EMAIL, NAME, MEETING, USAGE],
                "Bento",
                "event batch: $meetingHosted for email <corpus e-mail> (an address under a key "
                "that describes it: e-mail), fields first_name/last_name (name), details "
                "meeting_id and topic (meeting metadata), guest_email (e-mail), duration_minutes "
                "(a meeting's length: meeting metadata, no performance), recorded; the user "
                "hosted a meeting (product usage); site_uuid a site's id (not labelled); Basic "
                "publishable:secret key (credential); User-Agent bento-node-<site> earns nothing",
            ),
            Expectation(
                at(BENTO, "/api/v1/batch/events", b'"$update_fields"'),
                [CRED, EMAIL],
                "Bento",
                "event batch: $update_fields for email (e-mail): plan, meetings_hosted (a count), "
                "last_meeting_at (a profile field's date, no meeting named): a profile update, "
                "no product usage, no meeting metadata; Basic (credential)",
            ),
            Expectation(
                at(BENTO, "/api/v1/batch/events", b'"$tag"'),
                [CRED, EMAIL],
                "Bento",
                "event batch: $tag recording-user for email (e-mail): tagging a subscriber is a "
                "profile update (no product usage); Basic (credential)",
            ),
        ],
    ),
    (
        "ninetailed-node",
        [
            Expectation(
                at(NINETAILED, f"{NINETAILED_API}/events", b'"identify"'),
                [UID, DID, EMAIL, NAME, CONSENT],
                "Contentful Ninetailed",
                "identify event: userId alice.corpus (user id), anonymousId (an anonymous id: "
                "device id), traits email (e-mail), name (name), plan, meetingsHosted (a count); "
                "context.gdpr.isConsentGiven true (consent signal); an identify: no product "
                "usage; the organisation id in the path is a public client id, no credential; "
                "empty userAgent/locale, library name and version, messageId: nothing; "
                "User-Agent node-fetch earns nothing",
            ),
            Expectation(
                at(NINETAILED, f"{NINETAILED_API}/events", b'"track"'),
                [DID, MEETING, USAGE, CONSENT],
                "Contentful Ninetailed",
                "track event 'Meeting Hosted' (product usage): anonymousId (device id), "
                "properties meetingId, topic, participants, durationMinutes (meeting metadata; "
                "a meeting's length, no performance), gdpr.isConsentGiven true (consent signal)",
            ),
            Expectation(
                at(NINETAILED, f"{NINETAILED_API}/profiles/", method="GET"),
                [UID, LOCALE],
                "Contentful Ninetailed",
                "GET profiles/prof-h18c0r18-4d1a?locale=en-GB: the person's profile id after "
                "/profiles/ (user id), locale en-GB (locale)",
            ),
        ],
    ),
    (
        "featureflow-node",
        [
            Expectation(
                at("events.featureflow.io", "/api/sdk/v1/register", method="PUT"),
                [CRED, TELEMETRY],
                "Featureflow",
                "PUT register: the feature keys the SDK's code uses with their failover "
                "variants (an SDK registering itself: telemetry); Bearer server key "
                "(credential); X-Featureflow-Client NodeJsClient/0.6.6 (an SDK version, no "
                "runtime) earns nothing",
            ),
            Expectation(
                at("app.featureflow.io", "/api/sdk/v1/features", method="GET"),
                [CRED],
                "Featureflow",
                "GET features (a flag download, nothing about the user); Bearer (credential)",
            ),
            Expectation(
                at("events.featureflow.io", "/api/sdk/v1/events", method="POST"),
                [CRED, UID, EMAIL, MEETING, USAGE],
                "Featureflow",
                "evaluation events for live-captions and noise-suppression-v2 (flag "
                "exposures: product usage): user id alice.corpus and featureflow.user.id "
                "(user id), attributes email (e-mail), meetingId (meeting metadata), plan, "
                "clientVersion (the app's version, no label), featureflow.date; Bearer",
            ),
        ],
    ),
    (
        "hms-node",
        [
            Expectation(
                at(HMS, "/v2/rooms"),
                [CRED, MEETING],
                "100ms",
                "create room: name acme-meet-<meeting id> and description <topic> (meeting "
                "metadata), template_id, region eu (a cloud region, no location); Bearer "
                "management JWT (credential; its claims access_key, type management, iat, nbf, "
                "exp, jti name the API account, no person); User-Agent axios earns nothing",
            ),
            Expectation(
                at(HMS, "/v2/room-codes/room/"),
                [CRED],
                "100ms",
                "create a join code for the guest role of the room (body {}; room id and role "
                "in the path not labelled); Bearer",
            ),
            Expectation(
                at(HMS, f"{HMS_ROOM}/peers/"),
                [CRED, UID, NAME, EMAIL, MEETING],
                "100ms",
                "update a peer of the active room: name <guest full name> (the peer's display "
                "name, a real name: user id and name), metadata (a JSON string) email (e-mail), "
                "userId thandiwe.mokoena (user id), role guest (a participant in the meeting's "
                "room: meeting metadata); peer id in the path not labelled; Bearer",
            ),
            Expectation(
                at(HMS, f"{HMS_ROOM}/send-message"),
                [CRED],
                "100ms",
                "broadcast 'Recording and transcription have started for this meeting.' type "
                "system-notice: a notice the backend sends to the room, no person wrote it (not "
                "chat), no meeting named; Bearer",
            ),
            Expectation(
                at(HMS, f"{HMS_ROOM}/end-room"),
                [CRED],
                "100ms",
                "end the room: reason 'Meeting ended by host', lock (no label); Bearer",
            ),
        ],
    ),
    (
        "delighted-py",
        [
            Expectation(
                at(DELIGHTED, "/v1/people", b'"properties"', method="POST"),
                [CRED, EMAIL, NAME, UID, MEETING, LOCALE],
                "Qualtrics Delighted",
                "create person (schedules an NPS survey e-mail in an hour: a message the backend "
                "sends, no product usage): email (e-mail), name (name), properties customer_id "
                "alice.corpus (the client's reference to the user: user id), meeting_id and "
                "meeting_topic (meeting metadata), locale en-GB (locale), plan, participants, "
                "question_product_name (no label); Basic API key (credential); User-Agent "
                "Delighted Python 4.2.0 earns nothing",
            ),
            Expectation(
                at(DELIGHTED, "/v1/survey_responses"),
                [CRED, UID, USAGE, MEETING],
                "Qualtrics Delighted",
                "survey response: person pers-… (the vendor's id of the person answering: user "
                "id), score 6 and comment 'Screen sharing froze twice while Thandiwe was …' (the "
                "user's feedback to the product: product usage, not chat; a first name alone is "
                "no name), person_properties meeting_id (meeting metadata), client_version; Basic",
            ),
            Expectation(
                at(DELIGHTED, "/v1/people/", method="DELETE"),
                [CRED, UID, EMAIL],
                "Qualtrics Delighted",
                "DELETE people/<corpus e-mail, %40-encoded>/survey_requests/pending: an e-mail "
                "after /people/ names the account (user id and e-mail); Basic",
            ),
        ],
    ),
    (
        "amberflo-py",
        [
            Expectation(
                at("app.amberflo.io", "/customers/"),
                [CRED, NAME, EMAIL],
                "Amberflo",
                "create customer: customerId acme-meet-org-alice-example (the billed "
                "organisation's id: not a user id), customerName (name), customerEmail "
                "(e-mail), traits plan, seats, region (a cloud region, no location); X-API-KEY "
                "(credential); User-Agent 'Amberflo.io SDK 3.3.1; Python 3.12.1 …' is a "
                "User-Agent header: no os",
            ),
            Expectation(
                at("ingest.amberflo.io", "/ingest/"),
                [CRED, MEETING, UID, LOCALE, USAGE],
                "Amberflo",
                "gzip JSON meter records: recorded-meeting-minutes and transcription-minutes 47 "
                "for the organisation (usage the user's meeting consumed: product usage), "
                "dimensions meeting_id (meeting metadata), host alice.corpus (the person "
                "hosting: user id), language en (the meeting's spoken language: locale), region "
                "(no location); uniqueId (a record id, not labelled); X-API-KEY",
            ),
            Expectation(
                at("app.amberflo.io", "/usage/"),
                [CRED],
                "Amberflo",
                "usage query: meter, aggregation, time range, group by and a filter on the "
                "organisation's customerId (no person); X-API-KEY",
            ),
        ],
    ),
    (
        "gladia-py",
        [
            Expectation(
                at(GLADIA, "/v2/upload"),
                [CRED, AUDIO, MEETING],
                "Gladia",
                "multipart upload: part audio, filename meeting-<meeting id>-recording.wav "
                "(meeting metadata), application/octet-stream holding a WAV (the meeting's "
                "recorded audio: audio); x-gladia-key (credential); x-gladia-version "
                "SdkPython/2.2.1 (an SDK version) and User-Agent python-httpx earn nothing",
            ),
            Expectation(
                at(GLADIA, "/v2/pre-recorded"),
                [CRED, NAME, MEETING, UID, EMAIL],
                "Gladia",
                "start a transcription: audio_url (the uploaded file's URL), diarization with 2 "
                "speakers, custom_vocabulary <guest full name> and two technical terms (name), "
                "summarization, callback_config url …/hooks/gladia/<meeting id> and "
                "custom_metadata meeting_id and topic (meeting metadata), host <corpus e-mail> "
                "(an e-mail under a key for the person hosting: user id and e-mail); key",
            ),
            Expectation(
                at(GLADIA, "/v2/live"),
                [CRED, LOCALE, MEETING, UID, EMAIL],
                "Gladia",
                "start a live session: encoding, sample_rate, bit_depth, channels (no label), "
                "language_config languages [en] (the spoken language: locale), custom_metadata "
                "meeting_id (meeting metadata) and participant <guest e-mail> (an e-mail under a "
                "key for a person taking part: user id and e-mail), messages_config; key",
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "bento-node": "JSON analytics event batches",
    "ninetailed-node": "JSON analytics event batches",
    "featureflow-node": "JSON flag registration and evaluation events",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    headers = dict((k.lower(), v) for k, v in request["headers"])
    content_type = headers.get("content-type", "")
    if request["method"] == "GET":
        return "GET with query parameters"
    if content_type.startswith("multipart/"):
        if b"filename=" in base64.b64decode(request.get("body_b64") or ""):
            return "multipart file upload"
        return "multipart form fields"
    if "gzip" in headers.get("content-encoding", ""):
        return "gzip JSON meter records"
    return FORMAT_CLASSES.get(scenario, "JSON REST API calls")


HELDOUT = HeldoutSet(
    name="heldout18",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
