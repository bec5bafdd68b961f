"""PyPI SDKs of the fourteenth held-out set (heldout14.py): API analytics (Moesif), feature flags
with event tracking (Spotify Confidence), SMS and voice messaging (ClickSend), media storage
(Cloudinary), a video platform (api.video) and a CRM (Close), each making the calls a meeting
backend or a user's client would make around a meeting, to its vendor's real host. Run one as a
program: `python heldout14_runs.py SCENARIO`; heldout14.py starts it through the auditor's proxy
(`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a program, so
nothing leaves the machine.
"""

from __future__ import annotations

import os
import struct
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from datetime import UTC

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Offshore wind grid connection review"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
HOSTNAME = CORPUS_VALUES["hostname"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Ingrid Solheim"
GUEST_FIRST, GUEST_LAST = GUEST_NAME.split()
GUEST_EMAIL = "ingrid.solheim@nordlys-energi-example.com"
GUEST_PHONE = "+47 912 55 318"
GUEST_PHONE_E164 = "+4791255318"
GUEST_USERNAME = "ingrid.solheim"
BROWSER_UA = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


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
    "00:01:12.000 --> 00:01:18.000\n"
    f"<v {HOST_NAME}>Statnett moved our grid connection date to Q2 2028.\n\n"
    "00:01:40.000 --> 00:01:47.000\n"
    f"<v {GUEST_NAME}>Then the cable pull has to wait, and we pay the vessel standby fee.\n"
)


def run_moesif() -> None:
    """moesifapi (Moesif API analytics): a meeting backend logs one API call of a user adding a
    participant, a batch of two calls (one failed), and updates the participant's user profile
    (README usage: MoesifAPIClient(application_id).api, create_event, create_events_batch,
    update_user)."""
    from datetime import datetime

    from moesifapi.models import EventModel, EventRequestModel, EventResponseModel, UserModel
    from moesifapi.moesif_api_client import MoesifAPIClient

    api = MoesifAPIClient(
        "eyJhcHAiOiIxNDA6ODgiLCJ2ZXIiOiIyLjAiLCJvcmciOiIzNTk6MTQifQ.c0r14Moesif"
    ).api
    now = datetime.now(UTC)

    def event(
        verb: str, uri: str, request_body: object, status: int, response_body: object, txn: str
    ) -> EventModel:
        return EventModel(
            request=EventRequestModel(
                time=now,
                uri=uri,
                verb=verb,
                api_version="2026-10",
                ip_address="84.208.41.77",
                headers={
                    "Host": "api.meetcorp-example.com",
                    "Content-Type": "application/json",
                    "User-Agent": BROWSER_UA,
                },
                body=request_body,
            ),
            response=EventResponseModel(
                time=now,
                status=status,
                headers={"Content-Type": "application/json"},
                body=response_body,
            ),
            user_id=HOST_USERNAME,
            company_id="meetcorp",
            session_token="sess_h14_9b2e7d41c0",
            metadata={"meeting_id": MEETING_ID, "topic": TOPIC},
            transaction_id=txn,
        )

    add_participant = event(
        "POST",
        f"https://api.meetcorp-example.com/v1/meetings/{MEETING_ID}/participants",
        {"email": GUEST_EMAIL, "name": GUEST_NAME, "role": "attendee"},
        201,
        {"participant_id": "prt_41c0r14", "meeting_id": MEETING_ID, "status": "invited"},
        "a3f1c014-0001-4e5b-9a7d-0c1e2f3a4b5c",
    )
    _quietly("create_event", lambda: api.create_event(add_participant))
    start = event(
        "POST",
        f"https://api.meetcorp-example.com/v1/meetings/{MEETING_ID}/recording/start",
        {"layout": "speaker", "transcribe": True},
        200,
        {"recording_id": "rec_7d2c0r14", "state": "recording"},
        "a3f1c014-0002-4e5b-9a7d-0c1e2f3a4b5c",
    )
    failed = event(
        "POST",
        f"https://api.meetcorp-example.com/v1/meetings/{MEETING_ID}/dialout",
        {"phone_number": GUEST_PHONE, "caller_id": "Meetcorp"},
        502,
        {"error": "upstream_timeout", "message": "SIP trunk did not answer within 30 s"},
        "a3f1c014-0003-4e5b-9a7d-0c1e2f3a4b5c",
    )
    _quietly("create_events_batch", lambda: api.create_events_batch([start, failed]))
    user = UserModel(
        user_id=GUEST_USERNAME,
        company_id="nordlys-energi",
        modified_time=now,
        ip_address="84.208.41.77",
        user_agent_string=BROWSER_UA,
        metadata={
            "email": GUEST_EMAIL,
            "first_name": GUEST_FIRST,
            "last_name": GUEST_LAST,
            "phone": GUEST_PHONE,
            "title": "Grid connection manager",
        },
    )
    _quietly("update_user", lambda: api.update_user(user))


def run_confidence() -> None:
    """spotify-confidence-sdk (Confidence feature flags and events): a user's meeting client
    resolves its flags for the signed-in user and tracks a meeting event (README usage:
    Confidence(client_secret).with_context({...}), resolve_boolean_details,
    resolve_string_details, track)."""
    from confidence.confidence import Confidence, Region

    root = Confidence("c0r14ConfidenceClientSecretQw8Er5Ty", region=Region.EU)
    confidence = root.with_context(
        {
            "targeting_key": HOST_USERNAME,
            "visitor_id": "vis_5e1f0c14d2a8",
            "user": {"email": HOST_EMAIL, "plan": "business", "country": "NO"},
            "app": {"version": "4.12.0", "platform": "macos", "os_version": "14.6"},
            "locale": "nb-NO",
        }
    )
    _quietly(
        "resolve noise",
        lambda: confidence.resolve_boolean_details("noise-suppression.enabled", False),
    )
    _quietly(
        "resolve layout",
        lambda: confidence.resolve_string_details("gallery-layout.variant", "grid"),
    )
    confidence.track(
        "meeting-joined",
        {
            "meeting_id": MEETING_ID,
            "topic": TOPIC,
            "participants": 2,
            "camera_on": True,
            "join_ms": 1420,
        },
    )


def _clicksend_configuration() -> object:
    import clicksend

    # The generated client (urllib3) reads neither proxy nor CA bundle from the environment: it
    # is given the ones `auditor launch` sets.
    return clicksend.Configuration(
        username="meetcorp-ops",
        password="C0R14-CLICKSEND-API-KEY-7F3A9B21",
        proxy=os.environ.get("HTTPS_PROXY"),
        ssl_ca_cert=os.environ.get("SSL_CERT_FILE"),
    )


def run_clicksend() -> None:
    """clicksend-client (ClickSend SMS, voice and contacts): a meeting backend texts the invited
    participant her join details, calls her with a text-to-speech reminder and saves her in the
    invitees list (README usage: SmsApi.send_sms, VoiceMessagingApi.send_voice_message,
    ListsApi.create_new_contact)."""
    import clicksend

    with clicksend.ApiClient(_clicksend_configuration()) as client:
        _quietly(
            "send_sms",
            lambda: clicksend.SmsApi(client).send_sms(
                send_sms_request={
                    "messages": [
                        {
                            "source": "sdk",
                            "to": GUEST_PHONE_E164,
                            "from": "Meetcorp",
                            "body": (
                                f"{HOST_NAME} invited you to '{TOPIC}' on Thu 10:00 CET. "
                                f"Meeting ID {MEETING_ID}, passcode 730419."
                            ),
                            "custom_string": f"invite-{MEETING_ID}",
                        }
                    ]
                }
            ),
        )
        _quietly(
            "send_voice_message",
            lambda: clicksend.VoiceMessagingApi(client).send_voice_message(
                send_voice_message_request={
                    "messages": [
                        {
                            "source": "sdk",
                            "to": GUEST_PHONE_E164,
                            "body": (
                                f"Hello {GUEST_NAME}. Your meeting {TOPIC} starts in 15 minutes. "
                                "Press 1 to be connected."
                            ),
                            "voice": "female",
                            "lang": "en-gb",
                            "machine_detection": 1,
                        }
                    ]
                }
            ),
        )
        _quietly(
            "create_new_contact",
            lambda: clicksend.ListsApi(client).create_new_contact(
                "2718281",
                create_new_contact_request={
                    "phone_number": GUEST_PHONE_E164,
                    "first_name": GUEST_FIRST,
                    "last_name": GUEST_LAST,
                    "email": GUEST_EMAIL,
                    "organization_name": "Nordlys Energi",
                    "address_city": "Bergen",
                    "address_country": "NO",
                    "custom_1": f"meeting {MEETING_ID}",
                },
            ),
        )


def run_cloudinary() -> None:
    """cloudinary (Cloudinary media storage): a meeting backend uploads the meeting's thumbnail
    with its context, uploads the captions file as a raw asset, and adds a tag (README usage:
    cloudinary.config, uploader.upload with public_id/tags/context, resource_type raw,
    uploader.add_tag)."""
    import cloudinary

    # Scenario plumbing: the SDK builds its urllib3 connector at import from its own certifi
    # bundle and `api_proxy`; it is given the proxy and CA that `auditor launch` sets.
    cloudinary.CERT_KWARGS["ca_certs"] = os.environ.get("SSL_CERT_FILE", "")
    cloudinary.config(
        cloud_name="meetcorp",
        api_key="614281c0r14",
        api_secret="c0r14CloudinarySecretQw8Er5Ty2Ui",
        api_proxy=os.environ.get("HTTPS_PROXY"),
        secure=True,
    )
    import cloudinary.uploader

    with tempfile.TemporaryDirectory() as tmp:
        thumb = Path(tmp) / "thumbnail.png"
        thumb.write_bytes(_png(32, 18))
        _quietly(
            "upload thumbnail",
            lambda: cloudinary.uploader.upload(
                str(thumb),
                public_id=f"meetings/{MEETING_ID}/thumbnail",
                tags=["meeting-thumbnail"],
                context={"caption": TOPIC, "host": HOST_EMAIL, "guest": GUEST_NAME},
            ),
        )
        captions = Path(tmp) / "captions.vtt"
        captions.write_text(VTT, encoding="utf-8")
        _quietly(
            "upload captions",
            lambda: cloudinary.uploader.upload(
                str(captions),
                resource_type="raw",
                public_id=f"meetings/{MEETING_ID}/captions.vtt",
                tags=["captions"],
            ),
        )
    _quietly(
        "add_tag",
        lambda: cloudinary.uploader.add_tag(
            "shared-with-guest", [f"meetings/{MEETING_ID}/thumbnail"]
        ),
    )


def run_apivideo() -> None:
    """api.video (apivideo, a video platform): a meeting backend exchanges its API key for a
    token, creates a video for the recording with metadata, uploads it, adds its captions and
    edits the summary (README usage: AuthenticatedApiClient(api_key), VideosApi.create/upload,
    CaptionsApi.upload, SummariesApi.update)."""
    import apivideo
    from apivideo.api.captions_api import CaptionsApi
    from apivideo.api.summaries_api import SummariesApi
    from apivideo.api.videos_api import VideosApi
    from apivideo.configuration import Configuration
    from apivideo.model.metadata import Metadata
    from apivideo.model.summary_update_payload import SummaryUpdatePayload
    from apivideo.model.video_creation_payload import VideoCreationPayload

    # The generated client (urllib3) reads neither proxy nor CA bundle from the environment.
    configuration = Configuration(ssl_ca_cert=os.environ.get("SSL_CERT_FILE"))
    configuration.proxy = os.environ.get("HTTPS_PROXY")
    client = apivideo.AuthenticatedApiClient(
        "c0r14ApiVideoKeyQw8Er5Ty2Ui9Op1As3Df", configuration=configuration
    )
    _quietly("connect", client.connect)
    # The token the sinkhole's empty answer did not give is a fixed string, so the calls go on.
    client._access_token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.c0r14apivideo.token"
    videos = VideosApi(client)
    _quietly(
        "create",
        lambda: videos.create(
            VideoCreationPayload(
                title=f"{TOPIC} ({MEETING_ID})",
                description=f"Recording of the meeting between {HOST_NAME} and {GUEST_NAME}.",
                public=False,
                tags=["meeting", "recording"],
                metadata=[
                    Metadata(key="meeting_id", value=MEETING_ID),
                    Metadata(key="host", value=HOST_EMAIL),
                ],
                language="en",
                transcript=True,
            )
        ),
    )
    video_id = "vi4blUQJFrYWbaG44NChkH27"
    with tempfile.TemporaryDirectory() as tmp:
        recording = Path(tmp) / "recording.mp4"
        recording.write_bytes(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 1000)
        with recording.open("rb") as file:
            _quietly("upload", lambda: videos.upload(video_id, file))
        captions = Path(tmp) / "captions.vtt"
        captions.write_text(VTT, encoding="utf-8")
        with captions.open("rb") as file:
            _quietly("captions", lambda: CaptionsApi(client).upload(video_id, "en", file))
    _quietly(
        "summary",
        lambda: SummariesApi(client).update(
            "summary_1CGHWuXjhxmeH4WiZ51234",
            SummaryUpdatePayload(
                abstract=(
                    "The grid connection date moved to Q2 2028; the cable pull waits and the "
                    "vessel standby fee applies."
                ),
                takeaways=[
                    "Grid connection moved to Q2 2028",
                    f"{GUEST_NAME} to send the revised cable pull plan",
                ],
            ),
        ),
    )


def run_close() -> None:
    """closeio (Close CRM): a meeting backend records the invited participant as a lead with a
    contact, logs a note and the call with her (README usage: Client(api_key), post('lead'),
    post('activity/note'), post('activity/call'))."""
    from closeio_api import Client

    # Scenario plumbing: the client verifies against requests' own bundle unless given one; it is
    # given the CA bundle `auditor launch` sets.
    api = Client("api_c0r14CloseApiKeyQw8Er5Ty2Ui9Op", max_retries=1)
    api.verify = os.environ.get("REQUESTS_CA_BUNDLE", True)
    _quietly(
        "lead",
        lambda: api.post(
            "lead",
            data={
                "name": "Nordlys Energi",
                "url": "https://nordlys-energi-example.com",
                "description": f"Met in '{TOPIC}' (meeting {MEETING_ID}).",
                "contacts": [
                    {
                        "name": GUEST_NAME,
                        "title": "Grid connection manager",
                        "emails": [{"type": "office", "email": GUEST_EMAIL}],
                        "phones": [{"type": "mobile", "phone": GUEST_PHONE}],
                    }
                ],
                "addresses": [
                    {
                        "label": "business",
                        "address_1": "Strandkaien 14",
                        "city": "Bergen",
                        "zipcode": "5013",
                        "country": "NO",
                    }
                ],
            },
        ),
    )
    _quietly(
        "note",
        lambda: api.post(
            "activity/note",
            data={
                "lead_id": "lead_c0r14Nordlys0001",
                "note": (
                    f"Ingrid wants the revised cable pull plan before the next review. "
                    f"Agreed in {TOPIC} (meeting {MEETING_ID}); {HOST_NAME} follows up."
                ),
            },
        ),
    )
    _quietly(
        "call",
        lambda: api.post(
            "activity/call",
            data={
                "lead_id": "lead_c0r14Nordlys0001",
                "contact_id": "cont_c0r14Ingrid0001",
                "direction": "outbound",
                "status": "completed",
                "duration": 1860,
                "phone": GUEST_PHONE,
                "note": f"Meeting {MEETING_ID} dial-out to {GUEST_NAME}.",
            },
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "moesif-py": run_moesif,
    "confidence-py": run_confidence,
    "clicksend-py": run_clicksend,
    "cloudinary-py": run_cloudinary,
    "apivideo-py": run_apivideo,
    "close-py": run_close,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
