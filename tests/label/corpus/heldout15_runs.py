"""PyPI SDKs of the fifteenth held-out set (heldout15.py): product analytics for an AI feature
(Trubrics), feature flags with their telemetry (Prefab), e-signature (DocuSign), file storage
(Uploadcare) and a subscription CRM (ChartMogul), each making the calls a meeting backend or a
user's client would make around a meeting, to its vendor's real host. Run one as a program:
`python heldout15_runs.py SCENARIO`; heldout15.py starts it through the auditor's proxy
(`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a program, so
nothing leaves the machine.
"""

from __future__ import annotations

import io
import os
import struct
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Glacier runoff reservoir safety audit"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
HOSTNAME = CORPUS_VALUES["hostname"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Mateo Villanueva"
GUEST_FIRST, GUEST_LAST = GUEST_NAME.split()
GUEST_EMAIL = "mateo.villanueva@andes-hidro-example.com"
GUEST_PHONE = "+56 9 6123 4870"
GUEST_USERNAME = "mateo.villanueva"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def _png(width: int, height: int) -> bytes:
    """A small RGB PNG (a meeting's thumbnail stand-in)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + bytes((20, 90, 160)) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


VTT = (
    "WEBVTT\n\n"
    "00:02:05.000 --> 00:02:11.000\n"
    f"<v {HOST_NAME}>The spillway gauge at Laguna Verde read 14 cm above the alert line.\n\n"
    "00:02:31.000 --> 00:02:38.000\n"
    f"<v {GUEST_NAME}>Then we lower the reservoir two metres before the thaw peak.\n"
)


def run_trubrics() -> None:
    """trubrics (Trubrics, analytics for AI features): a meeting client tracks the user opening a
    meeting's AI summary and an LLM prompt/generation pair with its latency (README usage:
    Trubrics(api_key), track, track_llm, flush, close)."""
    from trubrics import Trubrics

    client = Trubrics(api_key="tbx_h15_4Fq9Lw2Zr7Xk3Mv8Pn6Tc1", flush_interval=30)
    client.track(
        user_id=HOST_USERNAME,
        event="summary_opened",
        properties={
            "meeting_id": MEETING_ID,
            "topic": TOPIC,
            "participants": 2,
            "$device": HOSTNAME,
            "locale": "es-CL",
            "app_version": "4.12.0",
            "os": "Windows 11 23H2",
        },
    )
    client.track_llm(
        user_id=HOST_USERNAME,
        prompt=f"What did {GUEST_NAME} commit to in the {TOPIC}?",
        generation=(
            f"{GUEST_NAME} will re-survey the dam toe and send the report to {GUEST_EMAIL} "
            "before the thaw peak."
        ),
        assistant_id="meeting-assistant-v3",
        properties={"meeting_id": MEETING_ID, "model": "gpt-4o-mini"},
        latency=1.84,
        thread_id=f"thread-{MEETING_ID}-01",
    )
    client.flush()
    time.sleep(1.0)
    client.track(
        user_id=HOST_USERNAME,
        event="summary_shared",
        properties={
            "meeting_id": MEETING_ID,
            "channel": "email",
            "recipient": GUEST_EMAIL,
            "duration_ms": 412,
        },
    )
    client.flush()
    time.sleep(1.0)
    client.close()


def run_prefab() -> None:
    """prefab-cloud-python (Prefab feature flags and dynamic config): a meeting backend asks for
    a flag and a config value with the user's and the meeting's context; the SDK loads its
    configs and posts its telemetry (context shapes, example contexts, evaluation counts) on
    close (README usage: Client(Options(api_key, global_context)), enabled, get, close)."""
    import prefab_cloud_python
    from prefab_cloud_python import Client, Options

    options = Options(
        api_key="123-Production-P456-E789-h15c0r14-backend-3f9a2c",
        collect_sync_interval=None,
        global_context={"application": {"name": "meet-backend", "host": HOSTNAME}},
        on_connection_failure="RETURN",
    )
    client = Client(options)
    context = {
        "user": {
            "key": HOST_USERNAME,
            "email": HOST_EMAIL,
            "name": HOST_NAME,
            "country": "CL",
            "language": "es-CL",
        },
        "meeting": {"key": str(MEETING_ID), "topic": TOPIC, "participants": 2},
    }
    _quietly("enabled", lambda: client.enabled("ai-summary", context=context))
    _quietly("get", lambda: client.get("recording.retention-days", default=30, context=context))
    time.sleep(1.0)
    _quietly("flush", lambda: client.telemetry_manager.flush_and_block())
    time.sleep(0.5)
    _quietly("close", client.close)
    _ = prefab_cloud_python


def run_docusign() -> None:
    """docusign-esign (DocuSign eSignature): a meeting backend sends the meeting's action-item
    sign-off for signature by the outside participant, with the corpus user in copy, then asks
    for the recipient view (README usage: ApiClient, EnvelopesApi.create_envelope,
    create_recipient_view)."""
    import base64

    from docusign_esign import (
        ApiClient,
        CarbonCopy,
        Configuration,
        Document,
        EnvelopeDefinition,
        EnvelopesApi,
        RecipientPhoneAuthentication,
        Recipients,
        RecipientViewRequest,
        Signer,
        SignHere,
        Tabs,
    )

    # The generated client reads neither proxy nor CA bundle from the environment; its
    # Configuration is a singleton the ApiClient picks up.
    config = Configuration()
    config.proxy = os.environ.get("HTTPS_PROXY")
    config.ssl_ca_cert = os.environ.get("SSL_CERT_FILE")
    api_client = ApiClient(host="https://demo.docusign.net/restapi")
    api_client.set_default_header(
        "Authorization", "Bearer eyJ0eXAiOiJNVCIsImFsZyI6IlJTMjU2In0.h15docusign.c0r14sig"
    )
    account_id = "7f3c2e1a-h15d-4c0r-9a14-docusign0001"
    document = Document(
        document_base64=base64.b64encode(
            (
                f"Action items of meeting {MEETING_ID} ({TOPIC}):\n"
                f"1. {GUEST_NAME} re-surveys the dam toe before the thaw peak.\n"
                "2. Reservoir lowered 2 m by 15 September.\n"
            ).encode()
        ).decode(),
        name="Action item sign-off",
        file_extension="txt",
        document_id="1",
    )
    signer = Signer(
        email=GUEST_EMAIL,
        name=GUEST_NAME,
        recipient_id="1",
        routing_order="1",
        client_user_id="mv-1001",
        tabs=Tabs(sign_here_tabs=[SignHere(anchor_string="1.", anchor_x_offset="20")]),
    )
    copy = CarbonCopy(email=HOST_EMAIL, name=HOST_NAME, recipient_id="2", routing_order="2")
    envelope = EnvelopeDefinition(
        email_subject=f"Please sign: action items of {TOPIC}",
        documents=[document],
        recipients=Recipients(signers=[signer], carbon_copies=[copy]),
        status="sent",
    )
    envelopes = EnvelopesApi(api_client)
    _quietly(
        "create_envelope",
        lambda: envelopes.create_envelope(account_id, envelope_definition=envelope),
    )
    # The guest asked to sign by SMS code: the signer is updated with a phone check.
    sms_signer = Signer(
        email=GUEST_EMAIL,
        name=GUEST_NAME,
        recipient_id="1",
        client_user_id="mv-1001",
        phone_authentication=RecipientPhoneAuthentication(
            recip_may_provide_number="false", sender_provided_numbers=[GUEST_PHONE]
        ),
        id_check_configuration_name="Phone Auth $",
        require_id_lookup="true",
    )
    _quietly(
        "update_recipients",
        lambda: envelopes.update_recipients(
            account_id,
            "e1c0r14a-h15d-4e5b-9a7d-envelope0001",
            recipients=Recipients(signers=[sms_signer]),
        ),
    )
    view = RecipientViewRequest(
        authentication_method="none",
        client_user_id="mv-1001",
        email=GUEST_EMAIL,
        user_name=GUEST_NAME,
        return_url=f"https://meet.acme-meet.example/m/{MEETING_ID}/signed",
    )
    _quietly(
        "create_recipient_view",
        lambda: envelopes.create_recipient_view(
            account_id, "e1c0r14a-h15d-4e5b-9a7d-envelope0001", recipient_view_request=view
        ),
    )


def run_uploadcare() -> None:
    """pyuploadcare (Uploadcare file storage): a meeting backend uploads the meeting's thumbnail
    and its captions with metadata, then sets a metadata key on the stored file (README usage:
    Uploadcare(public_key, secret_key), upload(file, store, metadata),
    metadata_api.update_or_create_key)."""
    from pyuploadcare import Uploadcare

    uploadcare = Uploadcare(
        public_key="h15c0r14pub7a9e2d4f6b1c",
        secret_key="h15c0r14sec3e8f1a6c9d2b5",
    )
    png = _png(32, 18)
    thumbnail = io.BytesIO(png)
    thumbnail.name = f"meeting-{MEETING_ID}-thumb.png"
    _quietly(
        "upload thumbnail",
        lambda: uploadcare.upload(
            thumbnail,
            store=True,
            size=len(png),
            metadata={"meeting": str(MEETING_ID), "host": HOST_EMAIL},
        ),
    )
    captions = io.BytesIO(VTT.encode())
    captions.name = f"meeting-{MEETING_ID}-captions.vtt"
    _quietly(
        "upload captions",
        lambda: uploadcare.upload(
            captions,
            store=True,
            size=len(VTT.encode()),
            metadata={"meeting": str(MEETING_ID), "language": "es-CL"},
        ),
    )
    _quietly(
        "metadata",
        lambda: uploadcare.metadata_api.update_or_create_key(
            "9b1c0r14-h15a-4e2d-8f3c-uploadcare01", "guest", GUEST_NAME
        ),
    )


def run_chartmogul() -> None:
    """chartmogul (ChartMogul, subscription analytics and CRM): a meeting platform's backend
    records the outside participant's organisation as a customer, the participant as its contact,
    and the corpus user's note after the meeting (README usage: Config(api_key),
    Customer.create, Contact.create, CustomerNote.create(...).get())."""
    import chartmogul

    config = chartmogul.Config("h15c0r14cm_4b8e2f6a9d1c3e5f7a0b")
    data_source = "ds_h15c0r14-7e2a-11ef-9c3d-chartmogul01"
    customer_uuid = "cus_h15c0r14-7e2a-11ef-9c3d-andeshidro01"
    _quietly(
        "customer",
        lambda: chartmogul.Customer.create(
            config,
            data={
                "data_source_uuid": data_source,
                "external_id": "org-andes-hidro",
                "name": "Andes Hidro SpA",
                "email": GUEST_EMAIL,
                "company": "Andes Hidro SpA",
                "country": "CL",
                "city": "Puerto Montt",
                "lead_created_at": "2026-11-30T14:00:00Z",
                "attributes": {
                    "tags": ["reservoir-safety", "pilot"],
                    "custom": [
                        {"type": "String", "key": "owner", "value": HOST_EMAIL},
                        {"type": "Integer", "key": "meetings_held", "value": 3},
                    ],
                },
            },
        ).get(),
    )
    _quietly(
        "contact",
        lambda: chartmogul.Contact.create(
            config,
            data={
                "customer_uuid": customer_uuid,
                "data_source_uuid": data_source,
                "first_name": GUEST_FIRST,
                "last_name": GUEST_LAST,
                "position": 1,
                "title": "Dam safety engineer",
                "email": GUEST_EMAIL,
                "phone": GUEST_PHONE,
                "linked_in": "https://www.linkedin.com/in/mateo-villanueva-hidro",
                "notes": f"Met in {TOPIC}.",
            },
        ).get(),
    )
    _quietly(
        "task",
        lambda: chartmogul.Task.create(
            config,
            data={
                "customer_uuid": customer_uuid,
                "task_details": f"Send {GUEST_FIRST} the re-survey checklist from meeting {MEETING_ID}",
                "assignee": HOST_EMAIL,
                "due_date": "2026-12-14T12:00:00Z",
            },
        ).get(),
    )
    _quietly(
        "opportunity",
        lambda: chartmogul.Opportunity.create(
            config,
            data={
                "customer_uuid": customer_uuid,
                "owner": HOST_EMAIL,
                "pipeline": "New business",
                "pipeline_stage": "Discovery",
                "estimated_close_date": "2027-03-31",
                "currency": "USD",
                "amount_in_cents": 1800000,
                "type": "recurring",
                "forecast_category": "pipeline",
                "win_likelihood": 40,
                "custom": [{"key": "source_meeting", "value": str(MEETING_ID)}],
            },
        ).get(),
    )
    _quietly(
        "note",
        lambda: chartmogul.CustomerNote.create(
            config,
            data={
                "customer_uuid": customer_uuid,
                "type": "note",
                "author_email": HOST_EMAIL,
                "text": (
                    f"Meeting {MEETING_ID}: {GUEST_FIRST} wants the pilot extended to the "
                    "second reservoir; budget decision after the thaw season."
                ),
            },
        ).get(),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "trubrics-py": run_trubrics,
    "prefab-py": run_prefab,
    "docusign-py": run_docusign,
    "uploadcare-py": run_uploadcare,
    "chartmogul-py": run_chartmogul,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
