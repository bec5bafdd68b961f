"""PyPI SDKs of the thirty-second held-out set (heldout32.py): the community forum a meeting
product's webinar side announces a live session on and talks with its participants in
(Discourse, on the vendor's hosted service) and the ticketing service its attendees are checked
in on (Humanitix), each making the calls a webinar backend would make, to its vendor's real host.
Run one as a program: `python heldout32_runs.py SCENARIO`; heldout32.py starts it through the
auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a
program, so nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import os
import struct
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Mangrove nursery volunteer orientation"
HOST_NAME = CORPUS_VALUES["name"]
HOST_USERNAME = CORPUS_VALUES["username"]
JOIN_URL = f"https://acme-meet.example/j/{MEETING_ID}"
# The outside participant, registered for the corpus user's live session.
GUEST_NAME = "Lesieli Havili"
GUEST_FIRST = "Lesieli"
GUEST_EMAIL = "lesieli.havili@tongan-reefcare-example.nz"
GUEST_PHONE = "+64 22 555 0419"
GUEST_USERNAME = "lesieli.havili"
DISCOURSE_HOST = "https://acmemeet.discourse.group"


def _png(width: int, height: int) -> bytes:
    """A small banner picture (a solid green PNG) for the forum upload."""
    row = b"\x00" + b"\x2e\x8b\x57" * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {str(err)[:160]}", file=sys.stderr)


def run_discourse() -> None:
    """pydiscourse (a Python client of Discourse's API, not Discourse's own package), against a
    forum on Discourse's hosted service: the webinar backend invites the registered participant
    to the community forum, opens the session's announcement topic as the host, uploads the
    session's banner image for it, posts the participant's reply under it with her own
    username, and sends her a private message with the joining link (README usage:
    DiscourseClient(host, api_username, api_key), invite, create_post with a title for a topic,
    upload_image, create_post with a topic_id for a reply, with archetype=private_message for a
    message)."""
    from pydiscourse import DiscourseClient

    api_key = "h32d15c0ur5e0a7f2c9e4b1d8k3y6m5n"
    host = DiscourseClient(DISCOURSE_HOST, api_username=HOST_USERNAME, api_key=api_key)
    _quietly(
        "invite",
        lambda: host.invite(
            GUEST_EMAIL,
            "webinar-attendees",
            f"Kia ora {GUEST_FIRST}, you are registered for {TOPIC}: questions and slides for "
            "the session will be shared in the forum.",
        ),
    )
    _quietly(
        "topic",
        lambda: host.create_post(
            f"Our next live session, {TOPIC}, is on Thursday 14 January at 18:00 NZDT. "
            f"Join at {JOIN_URL}. Post your questions below and {HOST_NAME} will answer them "
            "live.",
            category_id=14,
            title=f"Live session: {TOPIC}",
            tags=["webinar", "volunteers"],
        ),
    )
    banner = Path(tempfile.mkdtemp()) / "session-banner.png"
    banner.write_bytes(_png(48, 27))
    _quietly("upload", lambda: host.upload_image(str(banner), "composer", True))
    guest = DiscourseClient(DISCOURSE_HOST, api_username=GUEST_USERNAME, api_key=api_key)
    _quietly(
        "reply",
        lambda: guest.create_post(
            "Looking forward to it! Could you cover how often the seedlings need watering "
            "during the dry season? I will be joining with two volunteers from our group.",
            topic_id=2871,
        ),
    )
    _quietly(
        "message",
        lambda: host.create_post(
            f"Hi {GUEST_FIRST}, thanks for your question. Here is your personal joining link "
            f"for Thursday: {JOIN_URL}. If the audio fails I will ring you on {GUEST_PHONE}, "
            f"the number from your registration. {HOST_NAME}",
            title=f"Your link for {TOPIC}",
            archetype="private_message",
            target_recipients=GUEST_USERNAME,
        ),
    )


def run_humanitix() -> None:
    """humanitix-client (the generated Python client of Humanitix's public API, a ticketing
    service): at the session's door the webinar backend reads the event's completed tickets
    changed since the day before, checks the participant's ticket in when she joins, and reads
    the orders placed for it (README usage: AuthenticatedClient(base_url, token) with the API
    key header, api.tickets.get_v_1_events_event_id_tickets,
    post_v_1_events_event_id_tickets_ticket_id_check_in, api.orders.get_v_1_events_event_id_orders)."""
    from humanitix_client import AuthenticatedClient
    from humanitix_client.api.orders import get_v_1_events_event_id_orders
    from humanitix_client.api.tickets import (
        get_v_1_events_event_id_tickets,
        post_v_1_events_event_id_tickets_ticket_id_check_in,
    )
    from humanitix_client.models.get_v1_events_event_id_tickets_status import (
        GetV1EventsEventIdTicketsStatus,
    )

    client = AuthenticatedClient(
        base_url="https://api.humanitix.com",
        token="h32hx9c4e7a1f3b8d2k6p0q5r7s",
        prefix="",
        auth_header_name="x-api-key",
    )
    event_id = "6771f0c2a4b9e3d15c8a0f42"
    since = dt.datetime(2027, 1, 13, 0, 0, tzinfo=dt.UTC)
    _quietly(
        "tickets",
        lambda: get_v_1_events_event_id_tickets.sync_detailed(
            event_id,
            client=client,
            page=1,
            page_size=100,
            status=GetV1EventsEventIdTicketsStatus.COMPLETE,
            since=since,
        ),
    )
    _quietly(
        "check-in",
        lambda: post_v_1_events_event_id_tickets_ticket_id_check_in.sync_detailed(
            event_id,
            "6773a91de05b4c27f1a8b360",
            client=client,
            override_location="online",
        ),
    )
    _quietly(
        "orders",
        lambda: get_v_1_events_event_id_orders.sync_detailed(
            event_id, client=client, page=1, since=since
        ),
    )


def run_tito() -> None:
    """pytito (a Python wrapper of Tito's admin API, not Tito's own package; Tito sells tickets
    for events): the webinar backend renames the ticketed event after the live session, moves
    the session's activity (the event's scheduled session) to its new start and reads the
    event's tickets to match them to registrants (README usage: Event(account_slug,
    event_slug, api_key) with its title setter and tickets, Activity(...) with its start_at
    setter; the objects are given their JSON so no GET comes first)."""
    from pytito.admin.activity import Activity
    from pytito.admin.event import Event

    os.environ["TITO_API_KEY"] = "h32t1t0s3cr3tk3y4q8w2e6r0t9y"
    account, event_slug = "acme-meet", "mangrove-orientation-2027"
    event = Event(
        account_slug=account,
        event_slug=event_slug,
        api_key=os.environ["TITO_API_KEY"],
        json_content={"_type": "event", "title": "Volunteer orientation", "slug": event_slug},
        allow_automatic_json_retrieval=True,
    )

    def rename() -> None:
        event.title = f"{TOPIC} (live online)"

    _quietly("event title", rename)
    activity = Activity(
        account_slug=account,
        event_slug=event_slug,
        activity_id="1884210",
        json_content={
            "_type": "activity",
            "id": 1884210,
            "name": "Live session",
            "start_at": "2027-01-14T18:00:00.000+13:00",
            "end_at": None,
            "end_time": None,
        },
    )

    def move() -> None:
        activity.start_at = dt.datetime(
            2027, 1, 14, 18, 30, tzinfo=dt.timezone(dt.timedelta(hours=13))
        )

    _quietly("activity start", move)
    _quietly("tickets", lambda: event.tickets)


SCENARIOS: dict[str, Callable[[], None]] = {
    "discourse-py": run_discourse,
    "humanitix-py": run_humanitix,
    "tito-py": run_tito,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
