"""Build the sixteenth held-out set `heldout16.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk*.jsonl,
npm/, heldout5_npm/ … heldout16_npm/, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/),
recorded through the real proxy offline: telemetry and analytics SDKs a meeting backend or client
reports product usage, AI-assistant threads and LLM calls through (journy.io, Lunary, Keywords
AI), and the platform APIs around a meeting: e-signature (BoldSign), forms and surveys
(Typeform) and push notifications (Pushbullet).

Run: `.venv/bin/python tests/label/corpus/heldout16.py` (offline; `make setup`, then
`npm ci` in `heldout16_npm/` and `pip install -r heldout16-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout16_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout16_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout16.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    CHAT,
    CRED,
    DID,
    EMAIL,
    HW,
    LOCALE,
    MEETING,
    NAME,
    PERF,
    PHONE,
    SID,
    UID,
    USAGE,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout16.jsonl.frozen"

# Content labels heldout_recording does not name.
TRANSCRIPT = "customer_content.transcript"
VIDEO = "customer_content.video"
FILES = "customer_content.files"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "keywordsai-py": {"api.keywordsai.co"},
    "boldsign-py": {"api.boldsign.com"},
    "journy-node": {"api.journy.io"},
    "lunary-node": {"api.lunary.ai"},
    "typeform-node": {"api.typeform.com"},
    "pushbullet-node": {"api.pushbullet.com"},
}

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout15.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout16".
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "keywordsai-py",
        [
            Expectation(
                at("api.keywordsai.co", "/request-logs/create"),
                [CRED, TRANSCRIPT, NAME, EMAIL, UID, MEETING, PERF, SID, USAGE],
                "Keywords AI",
                "LLM request log: prompt_messages, a system message with a transcript line "
                "'[00:11:40] <guest full name>: …' of meeting <id> and the user's question naming "
                "the guest and the topic, completion_message, the assistant's answer derived from "
                "it (transcript; names; meeting metadata; a question the user put to the product "
                "is product usage, not chat), customer_params {customer_identifier alice.corpus "
                "(user id), name, email} (name, e-mail), session_identifier "
                "meeting-<id>-assistant (links one conversation: session id; meeting metadata), "
                "metadata meeting_id, prompt and completion tokens, latency 1.37, cost "
                "(performance); Bearer API key (credential); User-Agent python-httpx earns no os",
            ),
        ],
    ),
    (
        "boldsign-py",
        [
            Expectation(
                at("api.boldsign.com", "/v1/document/send"),
                [CRED, FILES, NAME, EMAIL, PHONE, MEETING],
                "BoldSign",
                "multipart send for signature: Files part customs-signoff-<id>.pdf, a one-page "
                "PDF declared application/pdf naming the meeting, topic and guest (a document "
                "sent for signature: files), title with the topic and message '<guest full "
                "name>, please sign … meeting <id>.' (meeting metadata, name; the request's "
                "message to the signer is part of the e-signature record, as DocuSign's "
                "emailSubject: not chat), signers JSON part {name, emailAddress, phoneNumber "
                "{countryCode +234, number} (phone), authenticationType SMSOTP}, cc "
                "{emailAddress <corpus e-mail>} (e-mail), metaData[meeting_id] (meeting "
                "metadata), booleans not labelled; X-API-KEY (credential)",
            ),
            Expectation(
                at("api.boldsign.com", "/v1/document/remind"),
                [CRED, EMAIL, NAME],
                "BoldSign",
                "remind: query receiverEmails <guest e-mail> (e-mail), documentId (a document's "
                "id: not labelled), JSON message 'Reminder from Alice Example: the customs broker "
                "needs it by Friday.' (a name; a reminder the backend sends on the envelope, "
                "as heldout15's Pushover notification: not chat); X-API-KEY",
            ),
        ],
    ),
    (
        "lunary-node",
        [
            Expectation(
                at("api.lunary.ai", "/v1/runs/ingest", b'"tokensUsage"'),
                [CRED, UID, NAME, EMAIL, MEETING, TRANSCRIPT, USAGE, PERF, SID],
                "Lunary",
                "runs batch: thread chat events (the user's question to the meeting assistant "
                "naming the guest and the topic, and the assistant's answer: product usage, not "
                "chat), userId alice.corpus (user id), userProps name and email (name, e-mail), "
                "threadTags meeting-<id> (meeting metadata), an llm start event whose input holds "
                "the transcript lines '[00:11:40] <guest full name>: …' and its end event with "
                "the answer naming the guest and her e-mail (transcript, names, e-mail), "
                "tokensUsage (performance), parentRunId the thread id linking the messages and "
                "runId (session id); Bearer project key (credential); user-agent node earns no os",
            ),
            Expectation(
                at("api.lunary.ai", "/v1/runs/ingest", b'"feedback"'),
                [CRED, USAGE, SID],
                "Lunary",
                "feedback event: thumbs down with comment 'It missed the customs deadline.' on "
                "the llm run (the user's rating of an AI answer: product usage; feedback to the "
                "product, not to people: not chat), runId the llm run's id (session id); Bearer "
                "project key",
            ),
        ],
    ),
    (
        "journy-node",
        [
            Expectation(
                at("api.journy.io", "/users/upsert"),
                [CRED, UID, EMAIL, NAME, LOCALE],
                "journy.io",
                "user upsert: identification userId alice.corpus (user id) and email (e-mail), "
                "properties full_name (name), locale en-GB (locale), plan not labelled; "
                "x-api-key (credential)",
            ),
            Expectation(
                at("api.journy.io", "/accounts/upsert"),
                [CRED, UID],
                "journy.io",
                "account upsert: accountId acct-lagoon-freight and domain "
                "lagoon-freight-example.ng (an organisation's reference and domain, not a "
                "person's: not labelled), properties name Lagoon Freight Ltd (a company), plan, "
                "seats, members [{identification {userId folasade.adeyemi}}] (the guest's "
                "account: user id); x-api-key",
            ),
            Expectation(
                at("api.journy.io", "/events"),
                [CRED, UID, USAGE, MEETING, EMAIL],
                "journy.io",
                "event meeting_hosted for user alice.corpus (user id) in the account (the user "
                "hosted a meeting: product usage), metadata meeting_id, topic, duration_minutes "
                "47 and recording true (meeting metadata; a meeting's length, not a timing of "
                "the software: no performance), guest_email <guest e-mail> (an address under a "
                "key that describes it: e-mail only); x-api-key",
            ),
            Expectation(
                at("api.journy.io", "/link"),
                [CRED, DID, UID],
                "journy.io",
                "link web activity: deviceId jny-dev-… (the id the vendor's web snippet keeps in "
                "its `__journey` cookie, persistent across visits: device id) with userId "
                "alice.corpus (user id); x-api-key",
            ),
        ],
    ),
    (
        "typeform-node",
        [
            Expectation(
                at("api.typeform.com", "/forms", method="POST"),
                [CRED, MEETING, NAME],
                "Typeform",
                "create form: title with the topic (meeting metadata), welcome screen title "
                "'<guest full name>, thank you for joining Alice Example on <topic>.' (names, "
                "meeting metadata), hidden field names meeting_id and host_email (names of "
                "fields, no values: not labelled), questions, settings.language en (the form's "
                "language, not a person's: not labelled); bearer token (credential); User-Agent "
                "axios earns no os",
            ),
            Expectation(
                at("api.typeform.com", "/forms/", method="PUT"),
                [CRED, MEETING],
                "Typeform",
                "webhook PUT /forms/<form>/webhooks/meeting-<id>-feedback: the meeting number "
                "in the tag and in the callback url (meeting metadata), secret whsec_… (a "
                "webhook signing secret: credential), enabled; bearer token",
            ),
            Expectation(
                at("api.typeform.com", "/workspaces/", method="PATCH"),
                [CRED, EMAIL],
                "Typeform",
                "workspace PATCH: a JSON Patch array [{op add, path /members, value {email "
                "<guest e-mail>}}] (an address under a key that describes it: e-mail only); "
                "workspace id in the path not labelled; bearer token",
            ),
            Expectation(
                at("api.typeform.com", "/forms/", method="GET"),
                [CRED, EMAIL],
                "Typeform",
                "responses search GET /forms/<form>/responses?page_size=25&query=<guest "
                "e-mail> (an e-mail in the query: e-mail); bearer token",
            ),
        ],
    ),
    (
        "pushbullet-node",
        [
            Expectation(
                at("api.pushbullet.com", "/v2/pushes", b'"note"'),
                [CRED, MEETING, NAME, PHONE, DID],
                "Pushbullet",
                "note push to the user's own device: title 'Action items: <topic>' (meeting "
                "metadata), body '1. <guest full name> sends … 2. Alice Example books the "
                "customs broker call (<guest phone>).' (names, phone; a note to the user's own "
                "phone, not a message to other people: not chat), device_iden (the target "
                "device's persistent id: device id); Access-Token header (credential)",
            ),
            Expectation(
                at("api.pushbullet.com", "/v2/pushes", b'"link"'),
                [CRED, MEETING, NAME, EMAIL, CHAT],
                "Pushbullet",
                "link push to the guest's address: title 'Recording of meeting <id>' and url "
                "https://meet.acme-meet.example/rec/<id>?pwd=Xc4mT9qL (meeting metadata; a "
                "recording passcode: credential), body 'Hi <guest full name>, here is the "
                "recording of our <topic>.' (the user's message to another person: chat; name, "
                "meeting metadata), email <guest e-mail> (e-mail, the recipient); Access-Token",
            ),
            Expectation(
                at("api.pushbullet.com", "/v2/devices"),
                [CRED, HW],
                "Pushbullet",
                "create device: model Poly Studio X50 and manufacturer Poly (hardware), nickname "
                "'Meeting room Apapa-2' (a room device's display name, not a host name: not "
                "labelled), icon, app_version; Access-Token",
            ),
            Expectation(
                at("api.pushbullet.com", "/v2/texts"),
                [CRED, DID, PHONE, CHAT, MEETING, NAME],
                "Pushbullet",
                "SMS through the user's phone: data {target_device_iden (device id), addresses "
                "[<guest phone>] (phone), message 'Folasade, we are 5 minutes late for meeting "
                "<id>. Sorry! Alice Example' (a text message the user sends to another person: "
                "chat; meeting metadata; the signature's full name: name; a first name alone is no "
                "name)}; Access-Token",
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "keywordsai-py": "JSON LLM request logs and run batches",
    "lunary-node": "JSON LLM request logs and run batches",
    "journy-node": "JSON analytics upserts and events",
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
    return FORMAT_CLASSES.get(scenario, "JSON REST API calls")


HELDOUT = HeldoutSet(
    name="heldout16",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
