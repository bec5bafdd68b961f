"""Build the dev set `sdk10` (issue 15): real SDKs absent from every earlier set (telephony and
SMS, speech-to-text, help desk, CRM, identity management, payments, e-mail delivery, docs and work
boards), recorded through the real proxy offline. Built exactly as a held-out set (expectations
from the payloads, committed before the labeller ran on them, the first score reported as is),
but dev data from its first score on.

Run: `.venv/bin/python tests/label/corpus/sdk10.py` (offline; `make setup`, then
`pip install -r sdk10-requirements.txt` and `npm ci` in `sdk10_npm/`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written. It writes `sdk10.jsonl.frozen`, a name nothing
globbing `*.jsonl` picks up, until the set is scored.

Sources: PyPI SDKs in `sdk10_runs.py`, each sending to its vendor's real host (a tenant's
subdomain where the vendor gives one), answered inside the proxy by `auditor capture --sinkhole
'*'`.
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
    NETWORK,
    OS,
    PHONE,
    UID,
    HeldoutSet,
    at,
)

AUDIO = "customer_content.audio"
FILES = "customer_content.files"
TRANSCRIPT = "customer_content.transcript"

OUT = HERE / "sdk10.jsonl.frozen"


SCENARIO_HOSTS: dict[str, set[str]] = {
    "plivo-py": {"api.plivo.com"},
    "assemblyai-py": {"api.assemblyai.com"},
    "speechmatics-py": {"asr.api.speechmatics.com"},
    "freshdesk-py": {"meetcorp.freshdesk.com"},
    "pipedrive-py": {"meetcorp.pipedrive.com"},
    "auth0-py": {"meetcorp.eu.auth0.com"},
    "stripe-py": {"api.stripe.com"},
    "sparkpost-py": {"api.sparkpost.com"},
    "coda-py": {"coda.io"},
    "monday-py": {"api.monday.com"},
    # Shares monday-py's host: a flow without a launch tag is monday-py's.
    "monday-node": set(),
}

DID = "identifiers.device_id"

# Expectations written from the payloads (`--raw`: requests only; the multipart bodies read part by
# part, Auth0's `Auth0-Client` header base64-decoded by hand: `{"name": "auth0-python", "version":
# "6.8.0", "env": {"python": "3.12.1"}}`), before the labeller ran on them. Conventions as
# heldout10.py, heldout11.py and sdk9.py (the README's "How the expectations were written" for
# each, docs/taxonomy.md); the judgement calls new to this set are in the README's "Sources of
# sdk10". In short: no User-Agent header earns device_info.os (AssemblyAI's `runtime_env=Python/
# 3.12.1`, plivo's `(Python: 3.12.1)`, auth0's `Python/3.12.1` included); SDK platform headers
# that carry data do (Stripe's `X-Stripe-Client-User-Agent`, Auth0's `Auth0-Client`); an SMS or
# e-mail body is not chat, a help-desk ticket's text, a reply on it and an update on a board item
# are; speaker-attributed minutes are a transcript; API calls perform the service (no product
# usage or telemetry).
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "plivo-py",
        [
            Expectation(
                at("api.plivo.com", "/v1/Account/", b'"type": "sms"'),
                [CRED, PHONE, NAME, MEETING],
                "Plivo",
                "SMS (JSON): src/dst phone numbers, text 'Hi Priya Raman, <topic> (meeting <id>) "
                "starts in 10 minutes: <join link>'; Basic auth (auth id:token); the auth id in "
                "the path is the API account's id, not a user id",
            ),
            Expectation(
                at("api.plivo.com", "/v1/Account/", b'"answer_url"'),
                [CRED, PHONE, NAME, MEETING],
                "Plivo",
                "dial-out call (JSON): from/to phone numbers, caller_name 'Alice Example', "
                "answer_url with the meeting id in its path (who calls whom into which meeting); "
                "Basic auth",
            ),
        ],
    ),
    (
        "assemblyai-py",
        [
            Expectation(
                at("api.assemblyai.com", "/v2/upload"),
                [CRED, AUDIO],
                "AssemblyAI",
                "upload (untyped body): the meeting's recording as WAV bytes (RIFF); the API "
                "key bare in `authorization`; the file name is not sent",
            ),
            Expectation(
                at("api.assemblyai.com", "/v2/transcript"),
                [CRED, MEETING, NAME, LOCALE],
                "AssemblyAI",
                "transcription request (JSON): audio_url and webhook_url with the meeting id, "
                "word_boost ['Priya Raman', 'Alice Example', 'Northwind'], speaker_labels, "
                "speakers_expected 2, language_code en; API key",
            ),
        ],
    ),
    (
        "speechmatics-py",
        [
            Expectation(
                at("asr.api.speechmatics.com", "/v2/jobs"),
                [CRED, AUDIO, MEETING, NAME, EMAIL, UID, LOCALE],
                "Speechmatics",
                "batch job (multipart): part `config` JSON (language en, diarization speaker, "
                "additional_vocab 'Priya Raman', notification url with the meeting id, tracking "
                "title the topic, reference meeting-<id>, details.host the user's e-mail, "
                "participants 7) and part `data_file` meeting-<id>.wav (audio/x-wav, RIFF bytes); "
                "Bearer key",
            ),
        ],
    ),
    (
        "freshdesk-py",
        [
            Expectation(
                at("meetcorp.freshdesk.com", "/api/v2/tickets", b'"subject"'),
                [CRED, EMAIL, NAME, PHONE, MEETING, CHAT, OS, HW, NETWORK],
                "Freshworks",
                "create ticket (JSON): subject 'No audio in meeting <id>', requester email/name/"
                "phone, description in her words ('I joined <topic> (meeting <id>) from the "
                "desktop app on Windows 11 with a Jabra Evolve2 65 headset over hotel Wi-Fi "
                "…'), tags; Basic auth (API key)",
            ),
            Expectation(
                at("meetcorp.freshdesk.com", "/api/v2/tickets/4821/reply"),
                [CRED, NAME, CHAT, HW],
                "Freshworks",
                "agent's reply on ticket 4821: 'Hi Priya Raman, … select the Jabra headset under "
                "Settings > Audio …'; Basic auth",
            ),
            Expectation(
                at("meetcorp.freshdesk.com", "/api/v2/contacts"),
                [CRED, NAME, EMAIL, PHONE, LOCALE],
                "Freshworks",
                "create contact: name, email, mobile, job_title, time_zone London, language en",
            ),
        ],
    ),
    (
        "pipedrive-py",
        [
            Expectation(
                at("meetcorp.pipedrive.com", "/v1/persons"),
                [CRED, NAME, EMAIL, PHONE],
                "Pipedrive",
                "create person (JSON): name, email and phone lists, org_id; api_token in the query",
            ),
            Expectation(
                at("meetcorp.pipedrive.com", "/v1/activities"),
                [CRED, MEETING, NAME, UID],
                "Pipedrive",
                "create activity: subject the topic, type meeting, due date/time, duration, "
                "person_id and participants [{person_id}], location the join link, "
                "public_description 'Meeting <id> with Priya Raman (Northwind)'; api_token",
            ),
            Expectation(
                at("meetcorp.pipedrive.com", "/v1/notes"),
                [CRED, NAME, UID],
                "Pipedrive",
                "create note on the person (person_id): 'Priya Raman confirmed legal sign-off; "
                "onboarding starts on the 14th. Send the minutes …' (no meeting id or topic); "
                "api_token",
            ),
        ],
    ),
    (
        "auth0-py",
        [
            Expectation(
                at("meetcorp.eu.auth0.com", "/api/v2/users", method="POST"),
                [CRED, EMAIL, NAME, MEETING, OS],
                "Okta Auth0",
                "create user (JSON): email, given_name/family_name/name, password, "
                "user_metadata.invited_to the meeting id; Bearer JWT; Auth0-Client header "
                "(base64 JSON, env.python 3.12.1)",
            ),
            Expectation(
                at("meetcorp.eu.auth0.com", "/api/v2/users/auth0", method="PATCH"),
                [CRED, UID, PHONE, LOCALE, OS],
                "Okta Auth0",
                "update user auth0|… (the user id in the path): phone_number, user_metadata "
                "preferred_language en-GB, timezone Europe/London; Bearer JWT; Auth0-Client",
            ),
            Expectation(
                at("meetcorp.eu.auth0.com", "/api/v2/users-by-email", method="GET"),
                [CRED, EMAIL, OS],
                "Okta Auth0",
                "users by e-mail: email in the query (a search string); Bearer JWT; Auth0-Client",
            ),
        ],
    ),
    (
        "stripe-py",
        [
            Expectation(
                at("api.stripe.com", "/v1/customers", method="POST"),
                [CRED, EMAIL, NAME, PHONE, COARSE, LOCALE, UID, OS, DID],
                "Stripe",
                "create customer (form-encoded, bracketed keys): email, name, phone, "
                "address[city] Zurich, [country] CH, [postal_code], preferred_locales de-CH/en, "
                "metadata[user_id]; Bearer sk_test_; X-Stripe-Client-User-Agent JSON (lang_version "
                "3.12.1, platform Linux-6.18…-x86_64-with-glibc2.36, telemetry_id kept in "
                "~/.config/stripe/telemetry_id)",
            ),
            Expectation(
                at("api.stripe.com", "/v1/invoiceitems", method="POST"),
                [CRED, UID, MEETING, OS, DID],
                "Stripe",
                "invoice item (form-encoded): customer cus_… (the customer's id), amount, "
                "currency, description 'Webinar seat: <topic> (meeting <id>)'; Bearer; "
                "X-Stripe-Client-User-Agent",
            ),
            Expectation(
                at("api.stripe.com", "/v1/customers/search", method="GET"),
                [CRED, EMAIL, OS, DID],
                "Stripe",
                "customer search: query \"email:'<the user's e-mail>'\" in the URL (a search "
                "string); Bearer; X-Stripe-Client-User-Agent",
            ),
        ],
    ),
    (
        "sparkpost-py",
        [
            Expectation(
                at("api.sparkpost.com", "/api/v1/transmissions"),
                [CRED, EMAIL, NAME, MEETING, TRANSCRIPT],
                "SparkPost",
                "transmission (JSON): recipients Priya Raman and the user's e-mail, subject "
                "'Minutes: <topic>', html 'Meeting <id>, 7 participants. Priya Raman: legal "
                "signed off … Alice Example: send the revised price sheet …', metadata "
                "meeting_id, open/click tracking options; API key bare in Authorization",
            ),
            Expectation(
                at("api.sparkpost.com", "/api/v1/recipient-lists"),
                [CRED, EMAIL, NAME, MEETING],
                "SparkPost",
                "recipient list meeting-<id> 'Participants of <topic>': two addresses with "
                "names; API key",
            ),
        ],
    ),
    (
        "coda-py",
        [
            Expectation(
                at("coda.io", "/apis/v1/docs/dC0rpus10Doc/tables/"),
                [CRED, EMAIL, UID, MEETING],
                "Coda",
                "upsert row (JSON, cells as {column, value} pairs): Task, Owner the "
                "participant's e-mail, Meeting '<topic> (<id>)', Due; Bearer token",
            ),
            Expectation(
                at("coda.io", "/apis/v1/docs", b'"title"'),
                [CRED, MEETING, LOCALE],
                "Coda",
                "create doc: title 'Notes: <topic> <id>', timezone Europe/Zurich; Bearer",
            ),
        ],
    ),
    (
        "monday-py",
        [
            Expectation(
                at("api.monday.com", "/v2", b"create_item"),
                [CRED, EMAIL, NAME, PHONE, MEETING],
                "monday.com",
                "GraphQL mutation inline (JSON {query}): create_item, item_name 'Follow-up: "
                "<topic>', column_values a JSON string inside the query string (email column "
                "{email, text 'Priya Raman'}, phone column {phone, countryShortName GB}, text "
                "'meeting <id>'); token bare in Authorization",
            ),
            Expectation(
                at("api.monday.com", "/v2", b"create_update"),
                [CRED, CHAT],
                "monday.com",
                "GraphQL mutation inline: create_update body 'Priya, legal signed off on Friday. "
                "Can you confirm …' (an update on an item, to a colleague; first name only)",
            ),
            Expectation(
                at("api.monday.com", "/v2/file"),
                [CRED, TRANSCRIPT, NAME, MEETING],
                "monday.com",
                "file upload (multipart GraphQL: query add_file_to_column, map, file part "
                "minutes-<id>.txt text/plain): 'Minutes of <topic> (meeting <id>)' followed by "
                "speaker-attributed lines 'Alice Example: …', 'Priya Raman: …'",
            ),
        ],
    ),
    (
        "monday-node",
        [
            Expectation(
                at("api.monday.com", "/v2", b"users(emails"),
                [CRED, EMAIL],
                "monday.com",
                "GraphQL query with variables: users(emails: $emails), emails [the "
                "participant's e-mail] (a lookup); token bare in Authorization",
            ),
            Expectation(
                at("api.monday.com", "/v2", b"create_item"),
                [CRED, MEETING, NAME, UID],
                "monday.com",
                "GraphQL mutation with variables: name 'Send minutes of <topic> (meeting "
                "<id>)', values a JSON string (person column personsAndTeams [{id, kind "
                "person}], date, text 'Attendees: Alice Example, Priya Raman and 5 others')",
            ),
            Expectation(
                at("api.monday.com", "/v2", b"create_update"),
                [CRED, CHAT],
                "monday.com",
                "GraphQL mutation with variables: create_update body 'Priya, I attached the "
                "minutes. Could you add …' (first name only)",
            ),
        ],
    ),
]

# The format class of each flow (what the decoder must see as structure), for scores per class.
FORMAT_CLASSES: dict[str, str] = {
    "plivo-py": "JSON REST API calls",
    "assemblyai-py": "JSON REST API calls",
    "speechmatics-py": "multipart upload (JSON config part + audio file)",
    "freshdesk-py": "JSON REST API calls",
    "pipedrive-py": "JSON REST API calls + token in the query",
    "auth0-py": "JSON REST API calls + SDK platform header (base64 JSON)",
    "stripe-py": "form-encoded bracketed keys + SDK platform header (JSON)",
    "sparkpost-py": "JSON REST API calls",
    "coda-py": "JSON REST API calls",
    "monday-py": "GraphQL (inline literals, JSON in a string in the query)",
    "monday-node": "GraphQL operations (JSON variables)",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    path = request["path"]
    if path.startswith("/v2/upload"):
        return "binary upload (untyped audio body)"
    if path.startswith("/v2/file"):
        return "multipart upload (GraphQL query part + text file)"
    if request["method"] == "GET":
        return "headers, path and query only"
    return FORMAT_CLASSES[scenario]


SDK10 = HeldoutSet(
    name="sdk10",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
    id_prefix="s10",
)


if __name__ == "__main__":
    raise SystemExit(SDK10.main((__doc__ or "").splitlines()[0]))
