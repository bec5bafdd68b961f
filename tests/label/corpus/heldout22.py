"""Build the twenty-second held-out set `heldout22.jsonl.frozen` (issue 15): real programs
absent from the development set (everything in this directory: flows.jsonl, heldout*.jsonl,
sdk*.jsonl, npm/, heldout5_npm/ … heldout21_npm/, sdk*_npm/, *_runs.py, generate.py, and
auditor/vendors/), recorded through the real proxy offline, from what a meeting client's backend
sends to the platform APIs around a meeting: a chat, calendar and video suite the meeting is
booked in and announced on (Lark), speech-to-text of its recording (ElevenLabs, Soniox), the
e-mail and SMS its invitation and reminders go out by (MailerSend, Messente) and the help desk a
participant's report lands in (Zammad).

Run: `.venv/bin/python tests/label/corpus/heldout22.py` (offline; `make setup`, then
`pip install -r heldout22-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: PyPI SDKs in `heldout22_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout22.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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

from tests.label.corpus.generate import Expectation, plain_body  # noqa: E402
from tests.label.corpus.heldout_recording import (  # noqa: E402
    CHAT,
    CRED,
    EMAIL,
    LOCALE,
    MEETING,
    NAME,
    OS,
    PHONE,
    UID,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout22.jsonl.frozen"

LARK = "open.larksuite.com"
ELEVENLABS = "api.elevenlabs.io"
SONIOX = "api.soniox.com"
MAILERSEND = "api.mailersend.com"
MESSENTE = "api.messente.com"
ZAMMAD = "acme-meet.zammad.com"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "lark-py": {LARK},
    "elevenlabs-py": {ELEVENLABS},
    "soniox-py": {SONIOX},
    "mailersend-py": {MAILERSEND},
    "messente-py": {MESSENTE},
    "zammad-py": {ZAMMAD},
}

AUDIO = "customer_content.audio"
FILES = "customer_content.files"
TRANSCRIPT = "customer_content.transcript"

LARK_EVENT_ID = "5e1f0142-9c3a-4b7d-a2e8-h22event00_0"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout21.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout22".
LARK_HEADERS = (
    "Authorization Bearer t-… (the tenant access token: credential); User-Agent "
    "oapi-sdk-python/v1.7.5 earns nothing"
)
FERN_HEADERS = (
    "xi-api-key (credential); X-Fern-Runtime python/3.12.1 and X-Fern-Platform linux/<release> "
    "(SDK platform headers: os, as heldout sets before); X-Fern-SDK-Name/-Version name the SDK "
    "(nothing); User-Agent elevenlabs/2.78.0 earns nothing"
)
SONIOX_HEADERS = "Authorization Bearer API key (credential); User-Agent python-httpx earns nothing"
MAILERSEND_HEADERS = (
    "Authorization Bearer API key (credential); User-Agent 'mailersend-python/2.2.0 (Python/"
    "3.12.1; OS/Linux …)' earns nothing (a User-Agent header, whatever it names)"
)
MESSENTE_HEADERS = "Authorization Basic (credential); User-Agent OpenAPI-Generator earns nothing"
ZAMMAD_HEADERS = "Authorization 'Token token=…' (credential); User-Agent earns nothing"

SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "lark-py",
        [
            Expectation(
                at(LARK, "/open-apis/vc/v1/reserves/apply"),
                [CRED, MEETING, UID],
                "Lark",
                "video meeting reservation: meeting_settings topic (meeting metadata), "
                "password 408122 (a meeting passcode: credential), auto_record, end_time; "
                "owner_id ou_… (the open_id of the user who owns the meeting: user id); "
                + LARK_HEADERS,
            ),
            Expectation(
                at(LARK, "/open-apis/calendar/v4/calendars/", b'"summary"'),
                [CRED, MEETING, NAME, LOCALE],
                "Lark",
                "calendar event create: summary the topic, description 'Meeting <number> with "
                "Tevita Fifita (<company>) …' (meeting metadata; the guest's name: name), "
                "start/end timestamps with timezone Pacific/Tongatapu (a time zone alone: "
                "locale), vchat vc_type vc; calendar id in the path (nothing); an event on a "
                "calendar API is no product usage; " + LARK_HEADERS,
            ),
            Expectation(
                at(LARK, "/open-apis/calendar/v4/calendars/", b'"third_party_email"'),
                [CRED, EMAIL, MEETING],
                "Lark",
                f"attendee create on event {LARK_EVENT_ID} (path): attendees [type third_party, "
                "third_party_email the guest's address] (e-mail; an attendee added to the "
                "meeting's event: its participants, meeting metadata, the call I am least sure "
                "of: the flow names no topic or number), need_notification; " + LARK_HEADERS,
            ),
            Expectation(
                at(LARK, "/open-apis/im/v1/messages", b'"msg_type": "text"'),
                [CRED, UID, EMAIL, CHAT, NAME, PHONE],
                "Lark",
                "direct message: receive_id <corpus e-mail> with receive_id_type=email (the "
                "recipient's account named by her address: user id and e-mail), content a JSON "
                "string whose text a colleague wrote to the host ('Hi Alice, Tevita Fifita … "
                "confirmed …; his mobile is +676…': chat, name, phone); no topic or number (no "
                "meeting metadata); uuid a dedup key (nothing); " + LARK_HEADERS,
            ),
            Expectation(
                at(LARK, "/open-apis/im/v1/messages", b'"msg_type": "post"'),
                [CRED, CHAT, NAME, MEETING],
                "Lark",
                "group post: receive_id oc_… a group chat's id (no user id), content a JSON "
                "string of a rich post: title 'Outcome: <topic>' (meeting metadata), text the "
                "host wrote to her team naming the guest in full (chat, name), a link to the "
                "recording (nothing); the post's en_us key is the content's language (no "
                "locale, as heldout21's transcription language); " + LARK_HEADERS,
            ),
        ],
    ),
    (
        "elevenlabs-py",
        [
            Expectation(
                at(ELEVENLABS, "/v1/speech-to-text"),
                [CRED, OS, AUDIO, MEETING],
                "ElevenLabs",
                "speech-to-text (multipart/form-data): file meeting-<number>.wav, audio/wav "
                "(the meeting's recording: audio; its file name the meeting number: meeting "
                "metadata), model_id, language_code en (the language to transcribe: no "
                "locale, as heldout21), diarize, num_speakers 2, timestamps_granularity; "
                + FERN_HEADERS,
            ),
            Expectation(
                at(ELEVENLABS, "/v1/text-to-speech/"),
                [CRED, OS, TRANSCRIPT, MEETING, NAME],
                "ElevenLabs",
                "text-to-speech of the meeting's recap: text 'Recap of <topic>. Alice Example "
                "will book … Tevita Fifita will …' (a summary of the meeting's outcome: "
                "transcript; the topic: meeting metadata; both named in full: name; read to a "
                "participant, not written to him: no chat), model_id, voice id in the path and "
                "output_format in the query (nothing); " + FERN_HEADERS,
            ),
        ],
    ),
    (
        "soniox-py",
        [
            Expectation(
                at(SONIOX, "/v1/files"),
                [CRED, AUDIO, MEETING],
                "Soniox",
                "file upload (multipart/form-data): file meeting-<number>.wav, audio/x-wav (the "
                "recording: audio), client_reference_id mtg-<number> (meeting metadata); "
                + SONIOX_HEADERS,
            ),
            Expectation(
                at(SONIOX, "/v1/transcriptions"),
                [CRED, MEETING, NAME],
                "Soniox",
                "async transcription: file_id (nothing), client_reference_id mtg-<number> and "
                "context general topic (meeting metadata), context text 'Call between Alice "
                "Example and Tevita Fifita about …' and terms [… 'Tevita Fifita'] (name; "
                "background the backend gives the engine, nobody's message: no chat), "
                "language_hints en, to (transcription languages: no locale), "
                "enable_speaker_diarization, webhook_url on the app's host (nothing); "
                + SONIOX_HEADERS,
            ),
            Expectation(
                at(SONIOX, "/v1/auth/temporary-api-key"),
                [CRED, MEETING, UID],
                "Soniox",
                "temporary key for live captions: usage_type transcribe_websocket, "
                "expires_in_seconds, client_reference_id live-<number>-alice.corpus (the "
                "meeting number: meeting metadata; the host's username as the client's "
                "reference: user id); " + SONIOX_HEADERS,
            ),
        ],
    ),
    (
        "mailersend-py",
        [
            Expectation(
                at(MAILERSEND, "/v1/email", b'"invitation"'),
                [CRED, EMAIL, NAME, MEETING, FILES],
                "MailerSend",
                "invitation e-mail: from the app's address (no person), to the guest's "
                "address and name, reply_to the host's address and name (e-mail, name; an "
                "address replies go to, under a key that describes it: no user id), subject "
                "'Invitation: <topic>', text with the join link carrying the meeting number "
                "(meeting metadata; a transactional e-mail's body is not chat), attachments "
                "invite.ics base64 (an attached file: files, as heldout sets' Resend ICS; an "
                "iCalendar VEVENT with UID mtg-<number>, SUMMARY, ORGANIZER and ATTENDEE with "
                "names and addresses), tags; " + MAILERSEND_HEADERS,
            ),
            Expectation(
                at(MAILERSEND, "/v1/email", b'"reminder"'),
                [CRED, EMAIL, NAME, MEETING],
                "MailerSend",
                "scheduled reminder e-mail: to the host's address and name, subject 'In 15 "
                "minutes: <topic>' (the topic a reminder names: meeting metadata), html "
                "naming the guest in full with the join link and meeting number, send_at "
                "(nothing; a reminder the backend sends is no product usage); "
                + MAILERSEND_HEADERS,
            ),
            Expectation(
                at(MAILERSEND, "/v1/sms"),
                [CRED, PHONE, NAME, MEETING],
                "MailerSend",
                "SMS: to [the guest's number] (phone), from the app's number, text 'Alice "
                "Example is waiting for you. Dial +1 646 555 0142, meeting ID <number>#' "
                "(name, meeting metadata; an SMS a backend sends is a notification, not chat); "
                + MAILERSEND_HEADERS,
            ),
        ],
    ),
    (
        "messente-py",
        [
            Expectation(
                at(MESSENTE, "/v1/phonebook/contacts"),
                [CRED, PHONE, EMAIL, NAME, MEETING],
                "Messente",
                "phonebook contact create: phoneNumber (phone), email (e-mail), firstName/"
                "lastName (name), company (nothing), custom 'meeting <number>' (a meeting named "
                "by its number: meeting metadata); " + MESSENTE_HEADERS,
            ),
            Expectation(
                at(MESSENTE, "/v1/omnimessage"),
                [CRED, PHONE, NAME, MEETING],
                "Messente",
                "omnimessage: to the guest's number (phone), messages viber then sms from "
                "sender AcmeMeet (a brand's sender id), texts 'Reminder: '<topic>' with Alice "
                "Example starts in 1 hour. Join: …/j/<number>' (meeting metadata, name; a "
                "backend's notification: no chat); " + MESSENTE_HEADERS,
            ),
        ],
    ),
    (
        "zammad-py",
        [
            Expectation(
                at(ZAMMAD, "/api/v1/users"),
                [CRED, NAME, EMAIL, PHONE],
                "Zammad",
                "customer create: firstname/lastname (name), email (e-mail under a key that "
                "describes it: no user id), mobile (phone), organization, roles [Customer]; "
                + ZAMMAD_HEADERS,
            ),
            Expectation(
                at(ZAMMAD, "/api/v1/tickets"),
                [CRED, MEETING, CHAT, NAME, EMAIL],
                "Zammad",
                "ticket create: title naming the topic (meeting metadata), customer the "
                "guest's address (e-mail; an address the ticket is matched to a customer by, "
                "as heldout21's Plain customerIdentifier: no user id), article body the "
                "guest's report to support (a ticket's first message: chat) naming the host in "
                "full and the meeting number, signed with his first name, from 'Tevita Fifita "
                "<address>' (name, e-mail), subject, group, priority; " + ZAMMAD_HEADERS,
            ),
            Expectation(
                at(ZAMMAD, "/api/v1/ticket_articles"),
                [CRED, CHAT, NAME],
                "Zammad",
                "internal note on ticket 4412: body an agent wrote for colleagues ('Checked "
                "with Alice Example: guest links expire …': chat, as heldout21's Plain note; "
                "name), type note, internal; no topic or number (no meeting metadata); "
                + ZAMMAD_HEADERS,
            ),
        ],
    ),
]


def _content_type(flow: dict[str, Any]) -> str:
    headers = dict((k.lower(), v) for k, v in flow["request"]["headers"])
    return str(headers.get("content-type", ""))


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    multipart = _content_type(flow).startswith("multipart/form-data")
    if scenario == "elevenlabs-py":
        kind = "multipart upload (audio)" if multipart else "JSON REST API calls"
        return kind + " + SDK platform headers"
    if multipart:
        return "multipart upload (audio)"
    if scenario == "lark-py" and flow["request"]["path"].startswith("/open-apis/im/"):
        return "JSON REST API calls, message content as a JSON string"
    if scenario == "mailersend-py" and b'"attachments"' in plain_body(flow):
        return "JSON REST API calls, base64 attachment"
    return "JSON REST API calls"


HELDOUT = HeldoutSet(
    name="heldout22",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
