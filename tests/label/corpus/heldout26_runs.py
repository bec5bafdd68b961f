"""PyPI SDKs of the twenty-sixth held-out set (heldout26.py): a meeting product's backend
texting and calling the guest with the meeting's reminder (TeleSign), moderating a
participant's profile photo and a shared image (Sightengine), and feeding the customer data
platform its users' profiles and meeting events (Bloomreach Engagement, formerly Exponea), each
to its vendor's real host. Run one as a program: `python heldout26_runs.py SCENARIO`;
heldout26.py starts it through the auditor's proxy (`auditor capture --sinkhole '*'`) with the
environment `auditor launch` gives a program, so nothing leaves the machine.
"""

from __future__ import annotations

import struct
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Dental clinic chain tele-consultation rollout"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Tomasz Wieczorek"
GUEST_EMAIL = "tomasz.wieczorek@lakeshore-dental-example.com"
GUEST_PHONE = "+48601238904"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small one-colour PNG: the profile photo the participant uploaded."""
    row = b"\x00" + bytes(rgb) * width
    raw = row * height

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def run_telesign() -> None:
    """telesign (TeleSign's own Python SDK, SMS and voice): the meeting backend checks the
    guest's number, texts him the meeting's reminder and calls him with it spoken, then asks how the
    text went (README usage: PhoneIdClient.phoneid, MessagingClient.message and .status,
    VoiceClient.call with message_type ARN)."""
    from telesign.messaging import MessagingClient
    from telesign.phoneid import PhoneIdClient
    from telesign.voice import VoiceClient

    customer_id = "H26C0DE4-7A1B-4C2D-9E3F-5A6B7C8D9E0F"
    api_key = "aDI2VGVsZXNpZ25BcGlLZXlGb3JIZWxkb3V0MjZRdzhFcjI="
    number = GUEST_PHONE.lstrip("+")
    _quietly("phoneid", lambda: PhoneIdClient(customer_id, api_key).phoneid(number))
    reminder = (
        f"Reminder: '{TOPIC}' with {HOST_NAME} starts at 15:00 CET. "
        f"Join: https://meet.acme-meet.example.com/j/{MEETING_ID}"
    )
    _quietly("sms", lambda: MessagingClient(customer_id, api_key).message(number, reminder, "ARN"))
    spoken = (
        f"Hello {GUEST_NAME}. {HOST_NAME} is waiting for you in the meeting {TOPIC}. "
        "Press 1 to be connected."
    )
    _quietly("voice", lambda: VoiceClient(customer_id, api_key).call(number, spoken, "ARN"))
    reference = "0B1F2E3D4C5B6A7980A1B2C3D4E5F6A7"
    _quietly("status", lambda: MessagingClient(customer_id, api_key).status(reference))


def run_sightengine() -> None:
    """sightengine (Sightengine's own Python client, image moderation): the meeting backend
    checks the guest's new profile photo and an image shared in the meeting's chat before
    showing them to others (README usage: SightengineClient(user, secret).check(models...)
    .set_bytes / .set_url)."""
    from sightengine.client import SightengineClient

    client = SightengineClient("1266104937", "h26SightS3cretQw8Er2Ty6")
    photo = _png(48, 48, (182, 140, 110))
    _quietly(
        "photo", lambda: client.check("nudity-2.0", "offensive", "face-attributes").set_bytes(photo)
    )
    shared = f"https://files.acme-meet.example.com/chat/{MEETING_ID}/img_0417.jpg"
    _quietly(
        "shared image", lambda: client.check("nudity-2.0", "gore", "text-content").set_url(shared)
    )


def run_exponea() -> None:
    """exponea-python-sdk (Exponea's own Python SDK for the Data API of Bloomreach Engagement, a
    customer data platform): the meeting backend reads the server's time, updates the host's
    customer profile, adds the meeting she held as an event and, in one batch, the guest she
    invited as a new customer with his invitation (README usage: Exponea(project_token,
    username, password), tracking.get_system_time, tracking.update_customer_properties,
    tracking.add_event, tracking.batch_commands)."""
    from exponea_python_sdk import Exponea

    exponea = Exponea(
        "h26e7b1c-4a2d-4f9e-8c31-0d5e6f7a8b9c",
        username="h26ExpApiKeyId0417",
        password="h26ExpApiS3cretRt6Yu8Io0",
    )
    tracking = exponea.tracking
    _quietly("time", tracking.get_system_time)
    host_ids = {"registered": HOST_USERNAME}
    _quietly(
        "profile",
        lambda: tracking.update_customer_properties(
            host_ids,
            {
                "email": HOST_EMAIL,
                "first_name": "Alice",
                "last_name": "Example",
                "plan": "business",
            },
        ),
    )
    _quietly(
        "event",
        lambda: tracking.add_event(
            host_ids,
            "meeting_hosted",
            {"meeting_id": MEETING_ID, "topic": TOPIC, "duration_minutes": 45, "participants": 2},
            timestamp=1796644800,
        ),
    )
    guest_ids = {"registered": "tomasz.wieczorek"}
    _quietly(
        "batch",
        lambda: tracking.batch_commands(
            [
                tracking.update_customer_properties(
                    guest_ids,
                    {"email": GUEST_EMAIL, "full_name": GUEST_NAME, "phone": GUEST_PHONE},
                    batch=True,
                ),
                tracking.add_event(
                    guest_ids,
                    "invited_to_meeting",
                    {"meeting_id": MEETING_ID, "invited_by": HOST_EMAIL},
                    timestamp=1796641200,
                    batch=True,
                ),
            ]
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "telesign-py": run_telesign,
    "sightengine-py": run_sightengine,
    "exponea-py": run_exponea,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
