"""PyPI SDKs of the dev set sdk10 (sdk10.py), each making the calls a meeting client or its
backend would make, to its vendor's real host (a tenant's subdomain where the vendor gives one).
Run one as a program: `python sdk10_runs.py SCENARIO`; sdk10.py starts it through the auditor's
proxy (`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a program, so
nothing leaves the machine.
"""

from __future__ import annotations

import io
import math
import os
import struct
import sys
import tempfile
import time
import wave
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

USER_ID = "usr_7Qm2Xc41"
MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Q3 vendor onboarding review"
PARTICIPANTS = 7
JOIN_URL = f"https://meet.meetcorp-example.com/j/{MEETING_ID}"
# The invited participant every scenario talks about besides the corpus user.
GUEST_NAME = "Priya Raman"
GUEST_FIRST, GUEST_LAST = "Priya", "Raman"
GUEST_EMAIL = "priya.raman@northwind-example.com"
GUEST_PHONE = "+447700900123"
HOST_PHONE = "+41445551234"
TRANSCRIPT = (
    f"Alice Example: Thanks for joining the {TOPIC}. Priya, can you start with the contract?\n"
    "Priya Raman: Sure. Legal signed off on Friday; onboarding starts on the fourteenth.\n"
    "Alice Example: Great. I will send the minutes to everyone after the call.\n"
)


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def _meeting_wav() -> bytes:
    """One second of a 440 Hz tone, 16 kHz mono: the meeting's recorded audio."""
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(
            b"".join(
                struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / 16000)))
                for i in range(16000)
            )
        )
    return out.getvalue()


def run_plivo() -> None:
    """plivo: the meeting reminder SMS to a participant and an outbound dial-out call that
    brings her into the meeting's audio bridge (README: RestClient.messages.create,
    calls.create)."""
    import plivo

    # plivo sends its prepared requests with Session.send, which reads no proxy or CA from the
    # environment: give it the ones `auditor launch` sets (its documented `proxies` argument).
    client = plivo.RestClient(
        "MAC0RPUS10PLIVOAUTH1",
        "c0rpus10PlivoAuthTokenXyZ1234567890abc",
        proxies={"https": os.environ["HTTPS_PROXY"]},
    )
    client.session.verify = os.environ["SSL_CERT_FILE"]
    _quietly(
        "messages.create",
        lambda: client.messages.create(
            src=HOST_PHONE,
            dst=GUEST_PHONE,
            text=f"Hi {GUEST_NAME}, {TOPIC} (meeting {MEETING_ID}) starts in 10 minutes: "
            f"{JOIN_URL}",
        ),
    )
    _quietly(
        "calls.create",
        lambda: client.calls.create(
            from_=HOST_PHONE,
            to_=GUEST_PHONE,
            answer_url=f"https://meet.meetcorp-example.com/dialout/{MEETING_ID}/answer.xml",
            answer_method="GET",
            caller_name=CORPUS_VALUES["name"],
        ),
    )


def run_assemblyai() -> None:
    """assemblyai: the meeting recording uploaded, then a transcription request with speaker
    labels and the participants' names as boosted words (README: Transcriber.submit)."""
    import assemblyai as aai

    aai.settings.api_key = "c0rpus10assemblyaiKey0123456789ab"
    aai.settings.http_timeout = 10
    transcriber = aai.Transcriber()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"meeting-{MEETING_ID}.wav"
        path.write_bytes(_meeting_wav())
        _quietly("upload", lambda: transcriber.submit(str(path)))
    config = aai.TranscriptionConfig(
        speaker_labels=True,
        speakers_expected=2,
        language_code="en",
        word_boost=[GUEST_NAME, CORPUS_VALUES["name"], "Northwind"],
        webhook_url=f"https://meet.meetcorp-example.com/hooks/transcripts/{MEETING_ID}",
    )
    _quietly(
        "transcript",
        lambda: transcriber.submit(
            f"https://recordings.meetcorp-example.com/{MEETING_ID}/audio.mp3", config=config
        ),
    )


def run_speechmatics() -> None:
    """speechmatics-python: a batch job with the recording and its config (diarisation, the
    participants' names as additional vocabulary) (README: BatchClient.submit_job)."""
    from speechmatics.batch_client import BatchClient
    from speechmatics.models import ConnectionSettings

    settings = ConnectionSettings(
        url="https://asr.api.speechmatics.com/v2",
        auth_token="c0rpus10SpeechmaticsKeyAbCdEf012345",
    )
    config = {
        "type": "transcription",
        "transcription_config": {
            "language": "en",
            "diarization": "speaker",
            "additional_vocab": [{"content": GUEST_NAME}, {"content": "Northwind"}],
        },
        "notification_config": [
            {"url": f"https://meet.meetcorp-example.com/hooks/speechmatics/{MEETING_ID}"}
        ],
        "tracking": {
            "title": TOPIC,
            "reference": f"meeting-{MEETING_ID}",
            "details": {"host": CORPUS_VALUES["email"], "participants": PARTICIPANTS},
        },
    }

    def submit() -> None:
        with BatchClient(settings) as client:
            client.submit_job(
                audio=(f"meeting-{MEETING_ID}.wav", _meeting_wav()), transcription_config=config
            )

    _quietly("submit_job", submit)


def run_freshdesk() -> None:
    """python-freshdesk: a support ticket about the meeting's audio, the agent's reply, and the
    reporter as a contact (README: API(domain, key).tickets.create_ticket, comments, contacts)."""
    from freshdesk.api import API

    api = API("meetcorp.freshdesk.com", "c0rpus10FreshdeskKeyQwErTy")
    _quietly(
        "create_ticket",
        lambda: api.tickets.create_ticket(
            f"No audio in meeting {MEETING_ID}",
            email=GUEST_EMAIL,
            name=GUEST_NAME,
            phone=GUEST_PHONE,
            description=(
                f"I joined {TOPIC} (meeting {MEETING_ID}) from the desktop app on Windows 11 "
                "with a Jabra Evolve2 65 headset over hotel Wi-Fi and nobody could hear me."
            ),
            priority=2,
            status=2,
            tags=["audio", "desktop-app"],
        ),
    )
    _quietly(
        "create_reply",
        lambda: api.comments.create_reply(
            4821,
            f"Hi {GUEST_NAME}, sorry about that. Please select the Jabra headset under "
            "Settings > Audio before your next meeting and tell us if it happens again.",
        ),
    )
    _quietly(
        "create_contact",
        lambda: api.contacts.create_contact(
            name=GUEST_NAME,
            email=GUEST_EMAIL,
            mobile=GUEST_PHONE,
            job_title="Procurement lead",
            time_zone="London",
            language="en",
        ),
    )


def run_pipedrive() -> None:
    """pipedrive-python-lib: the participant as a person, the meeting as an activity, and the
    host's note after it (README: Client(domain), set_api_token, persons/activities/notes)."""
    from pipedrive.client import Client

    client = Client(domain="https://meetcorp.pipedrive.com/")
    client.set_api_token("c0rpus10pipedrivetoken0123456789abcdef01")
    _quietly(
        "create_person",
        lambda: client.persons.create_person(
            {
                "name": GUEST_NAME,
                "email": [{"value": GUEST_EMAIL, "primary": True, "label": "work"}],
                "phone": [{"value": GUEST_PHONE, "primary": True, "label": "mobile"}],
                "org_id": 311,
            }
        ),
    )
    _quietly(
        "create_activity",
        lambda: client.activities.create_activity(
            {
                "subject": TOPIC,
                "type": "meeting",
                "due_date": "2026-12-14",
                "due_time": "15:00",
                "duration": "00:45",
                "person_id": 1207,
                "participants": [{"person_id": 1207, "primary_flag": True}],
                "location": JOIN_URL,
                "public_description": f"Meeting {MEETING_ID} with {GUEST_NAME} (Northwind)",
            }
        ),
    )
    _quietly(
        "create_note",
        lambda: client.notes.create_note(
            {
                "content": f"{GUEST_NAME} confirmed legal sign-off; onboarding starts on the "
                "14th. Send the minutes and the revised price sheet by Wednesday.",
                "person_id": 1207,
            }
        ),
    )


def run_auth0() -> None:
    """auth0-python's management API: the participant's account created, her phone added after
    the meeting's SMS verification, and a lookup by e-mail (README: ManagementClient, users)."""
    from auth0.management import ManagementClient

    client = ManagementClient(
        domain="meetcorp.eu.auth0.com",
        token="eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL21lZXRjb3JwLmV1LmF1dGgwLmNvbS8iLCJzY29wZSI6InJlYWQ6dXNlcnMifQ.c0rpus10sig",
    )
    _quietly(
        "users.create",
        lambda: client.users.create(
            connection="Username-Password-Authentication",
            email=GUEST_EMAIL,
            given_name=GUEST_FIRST,
            family_name=GUEST_LAST,
            name=GUEST_NAME,
            password="Tr0ub4dor&Northwind-26",
            user_metadata={"company": "Northwind", "invited_to": MEETING_ID},
        ),
    )
    _quietly(
        "users.update",
        lambda: client.users.update(
            "auth0|6571c0ffee10sdk10",
            phone_number=GUEST_PHONE,
            user_metadata={"preferred_language": "en-GB", "timezone": "Europe/London"},
        ),
    )
    _quietly(
        "users.list_users_by_email",
        lambda: client.users.list_users_by_email(email=GUEST_EMAIL),
    )


def run_stripe() -> None:
    """stripe: the organiser as a customer, a paid webinar seat as an invoice item, and a search
    for the customer by e-mail (README: StripeClient.v1.customers, invoice_items)."""
    import stripe

    # stripe verifies against its own CA bundle, not the environment's: point it at the one
    # `auditor launch` gives (its documented `stripe.ca_bundle_path`).
    stripe.ca_bundle_path = os.environ["SSL_CERT_FILE"]
    client = stripe.StripeClient("sk_test_c0rpus10StripeSecretKeyAbCdEfGh", max_network_retries=0)
    _quietly(
        "customers.create",
        lambda: client.v1.customers.create(
            params={
                "email": CORPUS_VALUES["email"],
                "name": CORPUS_VALUES["name"],
                "phone": HOST_PHONE,
                "address": {"city": "Zurich", "country": "CH", "postal_code": "8001"},
                "preferred_locales": ["de-CH", "en"],
                "metadata": {"user_id": USER_ID},
            }
        ),
    )
    _quietly(
        "invoice_items.create",
        lambda: client.v1.invoice_items.create(
            params={
                "customer": "cus_C0rpus10Alice",
                "amount": 4900,
                "currency": "chf",
                "description": f"Webinar seat: {TOPIC} (meeting {MEETING_ID})",
            }
        ),
    )
    _quietly(
        "customers.search",
        lambda: client.v1.customers.search(params={"query": f"email:'{CORPUS_VALUES['email']}'"}),
    )


def run_sparkpost() -> None:
    """sparkpost: the meeting's minutes e-mailed to the participants and a recipient list of
    them (README: SparkPost(key).transmissions.send, recipient_lists.create)."""
    from sparkpost import SparkPost

    client = SparkPost("c0rpus10sparkpostkey0123456789abcdef0123")
    _quietly(
        "transmissions.send",
        lambda: client.transmissions.send(
            recipients=[
                {"address": {"email": GUEST_EMAIL, "name": GUEST_NAME}},
                CORPUS_VALUES["email"],
            ],
            from_email="minutes@meetcorp-example.com",
            subject=f"Minutes: {TOPIC}",
            html=f"<p>Meeting {MEETING_ID}, {PARTICIPANTS} participants.</p>"
            "<p>Priya Raman: legal signed off; onboarding starts on the 14th.</p>"
            "<p>Alice Example: send the revised price sheet by Wednesday.</p>",
            track_opens=True,
            track_clicks=True,
            metadata={"meeting_id": MEETING_ID},
        ),
    )
    _quietly(
        "recipient_lists.create",
        lambda: client.recipient_lists.create(
            id=f"meeting-{MEETING_ID}",
            name=f"Participants of {TOPIC}",
            recipients=[
                {"address": {"email": GUEST_EMAIL, "name": GUEST_NAME}},
                {"address": {"email": CORPUS_VALUES["email"], "name": CORPUS_VALUES["name"]}},
            ],
        ),
    )


def run_coda() -> None:
    """codaio: the meeting's action items as rows of a Coda doc table, and a new doc for the
    meeting's notes (README: Coda(key).upsert_row, create_doc)."""
    from codaio import Coda

    coda = Coda("c0rpus10-coda-api-token-0123456789abcdef")
    _quietly(
        "upsert_row",
        lambda: coda.upsert_row(
            "dC0rpus10Doc",
            "grid-ActionItems",
            {
                "rows": [
                    {
                        "cells": [
                            {"column": "Task", "value": "Send the revised price sheet"},
                            {"column": "Owner", "value": GUEST_EMAIL},
                            {"column": "Meeting", "value": f"{TOPIC} ({MEETING_ID})"},
                            {"column": "Due", "value": "2026-12-16"},
                        ]
                    }
                ]
            },
        ),
    )
    _quietly(
        "create_doc",
        lambda: coda.create_doc(f"Notes: {TOPIC} {MEETING_ID}", tz="Europe/Zurich"),
    )


def run_monday() -> None:
    """monday-api-python-sdk (GraphQL): the follow-up as an item with the owner's e-mail and
    phone columns, an update (comment) on it, and the meeting's minutes uploaded to its file
    column (README: MondayClient.items.create_item, updates.create_update, upload_file_to_column)."""
    from monday_sdk import MondayClient

    client = MondayClient("c0rpus10MondayTokenEyJhbGciOiJIUzI1NiJ9", max_retry_attempts=1)
    _quietly(
        "create_item",
        lambda: client.items.create_item(
            board_id=5012345678,
            group_id="topics",
            item_name=f"Follow-up: {TOPIC}",
            column_values={
                "email": {"email": GUEST_EMAIL, "text": GUEST_NAME},
                "phone": {"phone": GUEST_PHONE, "countryShortName": "GB"},
                "text": f"meeting {MEETING_ID}",
            },
        ),
    )
    _quietly(
        "create_update",
        lambda: client.updates.create_update(
            9012345678,
            "Priya, legal signed off on Friday. Can you confirm the onboarding date with your "
            "team before Wednesday? Thanks",
        ),
    )

    def upload() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"minutes-{MEETING_ID}.txt"
            path.write_text(f"Minutes of {TOPIC} (meeting {MEETING_ID})\n\n{TRANSCRIPT}")
            client.items.upload_file_to_column(9012345678, "files", str(path), "text/plain")

    _quietly("upload_file_to_column", upload)


SCENARIOS: dict[str, Callable[[], None]] = {
    "plivo-py": run_plivo,
    "assemblyai-py": run_assemblyai,
    "speechmatics-py": run_speechmatics,
    "freshdesk-py": run_freshdesk,
    "pipedrive-py": run_pipedrive,
    "auth0-py": run_auth0,
    "stripe-py": run_stripe,
    "sparkpost-py": run_sparkpost,
    "coda-py": run_coda,
    "monday-py": run_monday,
}


def main() -> int:
    name = sys.argv[1]
    SCENARIOS[name]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
