"""PyPI SDKs of the thirty-eighth held-out set (heldout38.py): what a meeting product's backend
sends to the video, voice and messaging platforms (CPaaS) its meetings are built on: a video
room, a participant's join token, recording and live transcription on the dial-in leg, a phone
participant dialled in and a post-meeting text (SignalWire); a phone participant dialled in,
the call's recording paused, its transcription requested and a post-meeting text (Bandwidth);
a meeting room created for the host, the guest joined, a chat message and a text overlay in
the meeting (Eyeson), each to its vendor's real host.
Run one as a program: `python heldout38_runs.py SCENARIO`; heldout38.py starts it through the
auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a
program, so nothing leaves the machine.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Salmon pen sensor calibration handover"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# The one outside participant, invited by the corpus user.
GUEST_NAME = "Tobias Lindqvist"
GUEST_EMAIL = "tobias.lindqvist@nordkapp-aquaculture-example.no"
GUEST_PHONE = "+4741556203"
DIAL_IN_NUMBER = "+15125550148"
JOIN_URL = f"https://meet.acme-meet.example.com/j/{MEETING_ID}"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_signalwire() -> None:
    """signalwire-sdk (SignalWire's own Python SDK, REST client): the meeting backend creates
    the meeting's video room, mints the guest's room token, dials the guest's phone into the
    meeting, records the call and starts live transcription on it, and texts the guest the
    follow-up (README usage: RestClient(project, token, host), video.rooms.create,
    video.room_tokens.create, calling.dial, calling.record, calling.live_transcribe,
    messages.create)."""
    from signalwire.rest import RestClient

    client = RestClient(
        project="h38a1c2e-7b4d-4f0a-9e36-5d2c8b1f0a38",
        token="PTh38SignalWireT0kenQw8Er2Ty6Ui",
        host="acme-meet.signalwire.com",
    )
    room = f"meeting-{MEETING_ID}"
    _quietly(
        "room",
        lambda: client.video.rooms.create(
            name=room,
            display_name=f"{TOPIC} ({MEETING_ID})",
            description=f"Hosted by {HOST_NAME} <{HOST_EMAIL}>",
            max_members=8,
            quality="720p",
            record_on_start=True,
        ),
    )
    _quietly(
        "token",
        lambda: client.video.room_tokens.create(
            room_name=room,
            user_name=GUEST_NAME,
            permissions=["room.self.audio_mute", "room.self.video_mute"],
            join_audio_muted=True,
            room_display_name=TOPIC,
        ),
    )
    call_id = "3f9c2a71-h38e-4b6d-9a15-signalwire38"
    _quietly(
        "dial",
        lambda: client.calling.dial(
            from_=DIAL_IN_NUMBER,
            to=GUEST_PHONE,
            caller_id=DIAL_IN_NUMBER,
            url=f"https://api.acme-meet.example.com/pstn/join?meeting={MEETING_ID}",
        ),
    )
    _quietly(
        "record",
        lambda: client.calling.record(
            call_id,
            audio={"format": "mp3", "stereo": True, "direction": "both"},
            status_url=f"https://api.acme-meet.example.com/recordings/{MEETING_ID}",
        ),
    )
    _quietly(
        "transcribe",
        lambda: client.calling.live_transcribe(
            call_id,
            action={
                "start": {
                    "lang": "en-US",
                    "direction": ["local-caller", "remote-caller"],
                    "webhook": f"https://api.acme-meet.example.com/transcripts/{MEETING_ID}",
                }
            },
        ),
    )
    _quietly(
        "message",
        lambda: client.messages.create(
            to=GUEST_PHONE,
            from_=DIAL_IN_NUMBER,
            body=(
                f"Hi {GUEST_NAME.split()[0]}, thanks for joining '{TOPIC}'. The recording and "
                f"calibration notes are at {JOIN_URL}/recap. Alice"
            ),
        ),
    )


def run_bandwidth() -> None:
    """bandwidth-sdk (Bandwidth's own Python SDK): the meeting backend dials the guest's phone
    into the meeting's conference, pauses the call's recording, asks for the recording's
    transcription, and texts the guest the meeting's summary (README usage: Configuration
    (username, password), CallsApi.create_call, RecordingsApi.update_call_recording_state,
    RecordingsApi.transcribe_call_recording, MessagesApi.create_message)."""
    import bandwidth
    from bandwidth.models import CreateCall, MessageRequest, TranscribeRecording
    from bandwidth.models.update_call_recording import UpdateCallRecording

    account = "9901438"
    voice = bandwidth.Configuration(username="h38-bw-api-user", password="h38BwPassw0rd!")
    # Scenario plumbing: the generated client reads no proxy from the environment.
    voice.proxy = os.environ.get("HTTPS_PROXY") or os.environ.get("https_proxy")
    voice.ssl_ca_cert = os.environ.get("SSL_CERT_FILE")
    client = bandwidth.ApiClient(voice)
    calls = bandwidth.CallsApi(client)
    recordings = bandwidth.RecordingsApi(client)
    messages = bandwidth.MessagesApi(client)
    _quietly(
        "call",
        lambda: calls.create_call(
            account,
            CreateCall(
                to=GUEST_PHONE,
                var_from=DIAL_IN_NUMBER,
                display_name="Acme Meet",
                application_id="04e88489-df02-4e34-a0ee-27a91849555f",
                answer_url=f"https://api.acme-meet.example.com/pstn/answer?meeting={MEETING_ID}",
                tag=f"meeting={MEETING_ID};guest={GUEST_EMAIL}",
                call_timeout=45,
            ),
        ),
    )
    call_id = "c-h38bw9e1-4d7a-4b2c-8f11-bandwidth38"
    _quietly(
        "pause",
        lambda: recordings.update_call_recording_state(
            account, call_id, UpdateCallRecording(state="paused")
        ),
    )
    _quietly(
        "transcribe",
        lambda: recordings.transcribe_call_recording(
            account,
            call_id,
            "r-h38bw5c2-7e0f-4a61-bandwidth38",
            TranscribeRecording(
                callback_url=f"https://api.acme-meet.example.com/transcripts/{MEETING_ID}",
                tag=f"{TOPIC} ({MEETING_ID})",
                detect_language=True,
            ),
        ),
    )
    _quietly(
        "message",
        lambda: messages.create_message(
            account,
            MessageRequest(
                application_id="93de2206-9669-4e07-948d-329f4b722ee2",
                to=[GUEST_PHONE],
                var_from=DIAL_IN_NUMBER,
                text=(
                    f"{TOPIC}: thanks {GUEST_NAME.split()[0]}. Action: send the pen 4 sensor "
                    "offsets to Alice by Friday. Recap: "
                    f"{JOIN_URL}/recap"
                ),
                tag=f"recap-{MEETING_ID}",
            ),
        ),
    )


def run_eyeson() -> None:
    """eyeson (the Python client of eyeson's meeting API, as its README shows): the meeting
    backend starts a room for the host, joins the guest through the room's guest token, posts a
    chat message to everyone in the meeting and shows a text overlay, and registers the
    recording webhook (EyesonClient.create_room, join_guest, broadcast_message, text_overlay,
    create_webhook)."""
    from eyeson.eyeson import EyesonClient

    api_key = "h38EyesonApiKeyZx9Cv7Bn3Mq"
    _quietly(
        "room",
        lambda: EyesonClient.create_room(
            HOST_NAME,
            api_key,
            custom_params={
                "id": f"meeting-{MEETING_ID}",
                "name": TOPIC,
                "user[id]": HOST_EMAIL,
                "options[recording_available]": True,
            },
        ),
    )
    client = EyesonClient(access_key="h38AccessKeyRt5Yu8Io2Pa", api_key=api_key)
    _quietly("guest", lambda: client.join_guest("h38GuestTok3nWe4", GUEST_NAME))
    _quietly(
        "chat",
        lambda: client.broadcast_message(
            f"{GUEST_NAME} has joined by phone from Tromsø; we start with pen 4 calibration."
        ),
    )
    _quietly(
        "overlay",
        lambda: client.text_overlay(TOPIC, f"Guest: {GUEST_NAME}, Nordkapp Aquaculture"),
    )
    _quietly(
        "webhook",
        lambda: client.create_webhook(
            f"https://api.acme-meet.example.com/eyeson/{MEETING_ID}", "recording_update"
        ),
    )


def run_voximplant() -> None:
    """voximplant-apiclient (Voximplant's own Python API client, which signs each request with a
    service account's key as an RS256 JWT): the meeting backend adds the guest as a user of the
    meeting application, starts the meeting's conference with its dial-out data, fetches the
    call history of the guest's number for the quality report, and texts the guest the recap
    (README usage: VoximplantAPI(credentials.json), add_user, start_conference,
    get_call_history, send_sms_message)."""
    import datetime
    import json
    import tempfile

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from voximplant.apiclient import VoximplantAPI

    # A service account file as the console hands out, with a key made for this run.
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    credentials = {
        "account_email": HOST_EMAIL,
        "account_id": 7730438,
        "key_id": "h38c0f1e-5a2b-4d7c-9e38-voximplant38",
        "private_key": pem,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        json.dump(credentials, out)
    api = VoximplantAPI(out.name)
    _quietly(
        "user",
        lambda: api.add_user(
            "tobias.lindqvist",
            GUEST_NAME,
            "h38GuestPassw0rd!",
            application_name="acme-meet.acme.voximplant.com",
            user_custom_data=json.dumps({"email": GUEST_EMAIL, "meeting": MEETING_ID}),
        ),
    )
    _quietly(
        "conference",
        lambda: api.start_conference(
            f"meeting-{MEETING_ID}",
            rule_name="pstn-dial-out",
            application_name="acme-meet.acme.voximplant.com",
            script_custom_data=json.dumps(
                {"topic": TOPIC, "dial": GUEST_PHONE, "host": HOST_NAME, "record": True}
            ),
        ),
    )
    _quietly(
        "history",
        lambda: api.get_call_history(
            from_date=datetime.datetime(2026, 12, 7, 9, 0),
            to_date=datetime.datetime(2026, 12, 7, 11, 0),
            remote_number=GUEST_PHONE,
            with_records=True,
            count=20,
        ),
    )
    _quietly(
        "sms",
        lambda: api.send_sms_message(
            DIAL_IN_NUMBER.lstrip("+"),
            GUEST_PHONE.lstrip("+"),
            f"Recording of {TOPIC} is ready: {JOIN_URL}/recap",
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "signalwire-py": run_signalwire,
    "bandwidth-py": run_bandwidth,
    "eyeson-py": run_eyeson,
    "voximplant-py": run_voximplant,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
