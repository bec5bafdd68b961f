"""PyPI SDKs of the ninth held-out set (heldout9.py): meeting platforms' and messaging services'
own server SDKs, each making the calls a meeting backend or bot would make, to its vendor's real
host. Run one as a program: `python heldout9_runs.py SCENARIO`; heldout9.py starts it through the
auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a
program, so nothing leaves the machine.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

USER_ID = "usr_3Hf8Wq20"
MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Hiring committee sync"
PARTICIPANTS = 5
# Another participant, invited by the corpus user.
GUEST_NAME = "Bruno Keller"
GUEST_EMAIL = "bruno.keller@meetcorp-example.com"
GUEST_PHONE = "+41791234567"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_zoomus() -> None:
    """zoomus (Zoom REST API v2, Server-to-Server OAuth): create a meeting with an invitee, list
    the user's meetings, add a registrant, list recordings, create a user (README usage)."""
    import datetime

    import zoomus.client
    from zoomus import ZoomClient, util

    # The client fetches its OAuth token when it is built and reads `access_token` from the JSON
    # answer; the sinkhole's 204 has no body, so the answer Zoom's token endpoint gives stands in
    # for it (the token request itself is sent and recorded).
    real_generate_token = util.generate_token

    def generate_token(oauth_uri: str, key: str, secret: str, account_id: str) -> str:
        try:
            token: str | None = real_generate_token(oauth_uri, key, secret, account_id)
        except ValueError as err:
            print(f"token: {type(err).__name__}: {err}", file=sys.stderr)
            token = None
        return token or "eyJzdiI6IjAwMDAwMiIsImFsZyI6IkhTNTEyIn0.c0rpus9ZoomAccessToken.sig"

    util.generate_token = generate_token
    zoomus.client.util.generate_token = generate_token
    client = ZoomClient(
        "c0rpus9ZoomClientIdQ4",
        "C0rpus9ZoomClientSecretW7e2Rt5Yu8",
        "c0rpus9AcctId-Zx3",
    )
    _quietly(
        "meeting.create",
        lambda: client.meeting.create(
            user_id=CORPUS_VALUES["email"],
            topic=TOPIC,
            type=2,
            start_time=datetime.datetime(2026, 12, 8, 14, 0),
            duration=45,
            timezone="Europe/Zurich",
            password="482913",
            agenda=f"Candidates for the platform role; {PARTICIPANTS} interviewers",
            settings={
                "join_before_host": False,
                "waiting_room": True,
                "auto_recording": "cloud",
                "meeting_invitees": [{"email": GUEST_EMAIL}],
            },
        ),
    )
    _quietly("meeting.list", lambda: client.meeting.list(user_id=CORPUS_VALUES["email"]))
    _quietly(
        "meeting.add_registrant",
        lambda: client.meeting.add_registrant(
            id=MEETING_ID,
            email=GUEST_EMAIL,
            first_name="Bruno",
            last_name="Keller",
            phone=GUEST_PHONE,
            city="Zurich",
            country="CH",
            org="MeetCorp",
        ),
    )
    _quietly(
        "recording.list",
        lambda: client.recording.list(user_id=USER_ID, start=datetime.date(2026, 12, 1)),
    )
    _quietly(
        "user.create",
        lambda: client.user.create(
            action="create",
            user_info={
                "email": GUEST_EMAIL,
                "type": 1,
                "first_name": "Bruno",
                "last_name": "Keller",
            },
        ),
    )


def run_webex() -> None:
    """webexpythonsdk (Webex REST API): the meeting bot creates the meeting's space, adds a
    participant, posts a message, and schedules the meeting with an invitee (README usage)."""
    from webexpythonsdk import WebexAPI

    api = WebexAPI(
        access_token="C0rpus9WebexBotTokenZmQ4Nz_PF84_c0rpus9-org-0a1b2c3d",
        single_request_timeout=5,
    )
    room = "Y2lzY29zcGFyazovL3VzL1JPT00vN2QxYzNlOTAtOTVhMi0xMWYxLWIxYzQtYzBycHVzOWEwYjFj"
    _quietly("rooms.create", lambda: api.rooms.create(f"{TOPIC} ({MEETING_ID})"))
    _quietly(
        "memberships.create",
        lambda: api.memberships.create(room, personEmail=CORPUS_VALUES["email"], isModerator=True),
    )
    _quietly(
        "messages.create",
        lambda: api.messages.create(
            roomId=room,
            markdown=f"**{CORPUS_VALUES['name']}**: I will be 5 minutes late, please start "
            "with the first candidate.",
        ),
    )
    _quietly(
        "meetings.create",
        lambda: api.meetings.create(
            title=TOPIC,
            start="2026-12-08T14:00:00+01:00",
            end="2026-12-08T14:45:00+01:00",
            timezone="Europe/Zurich",
            agenda=f"Candidates for the platform role; {PARTICIPANTS} interviewers",
            password="482913",
            enabledAutoRecordMeeting=True,
            invitees=[
                {"email": CORPUS_VALUES["email"], "displayName": CORPUS_VALUES["name"]},
                {"email": GUEST_EMAIL, "displayName": GUEST_NAME},
            ],
            sendEmail=True,
        ),
    )


def run_pymsteams() -> None:
    """pymsteams (Microsoft Teams incoming webhook): two connector cards, the meeting started and
    its recording failed (README usage: connectorcard, cardsection, addFact, send)."""
    import pymsteams

    hook = (
        "https://meetcorp.webhook.office.com/webhookb2/0c0a9e1d-7f3b-4c2a-9e8d-c0rpus9teams1"
        "@4f7c2a9e-1b3d-4e5f-8a6b-7c8d9e0f1a2b/IncomingWebhook/c0rpus9TeamsHookSecret7Qw2"
        "/9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d/V2c0rpus9HookSig"
    )
    started = pymsteams.connectorcard(hook)
    started.title(f"Meeting started: {TOPIC}")
    started.text(f"{CORPUS_VALUES['name']} started meeting {MEETING_ID}.")
    section = pymsteams.cardsection()
    section.activityTitle(CORPUS_VALUES["name"])
    section.activitySubtitle(CORPUS_VALUES["email"])
    section.addFact("Meeting ID", MEETING_ID)
    section.addFact("Participants", str(PARTICIPANTS))
    section.addFact("Host", f"{CORPUS_VALUES['name']} <{CORPUS_VALUES['email']}>")
    started.addSection(section)
    started.addLinkButton("Join", f"https://meet.meetcorp-example.com/j/{MEETING_ID}?pwd=482913")
    _quietly("send started", started.send)
    failed = pymsteams.connectorcard(hook)
    failed.title("Recording failed")
    failed.color("#D13438")
    failed.text(f"Cloud recording of meeting {MEETING_ID} failed: storage quota exceeded.")
    client = pymsteams.cardsection()
    client.activityTitle("Recording client")
    client.addFact("Host", CORPUS_VALUES["hostname"])
    client.addFact("OS", "Ubuntu 22.04")
    client.addFact("Client version", "5.17.2")
    client.addFact("Network", "wifi")
    failed.addSection(client)
    _quietly("send failed", failed.send)


def run_discord() -> None:
    """discord-webhook: the meeting bot posts a plain message and an embed (README usage)."""
    from discord_webhook import DiscordEmbed, DiscordWebhook

    url = "https://discord.com/api/webhooks/1180000000000000009/C0rpus9DiscordWebhookTokenQw2Er5Ty8Ui1Op4"
    _quietly(
        "message",
        lambda: DiscordWebhook(
            url=url,
            username="MeetCorp Meetings",
            content=f"{CORPUS_VALUES['name']} joined **{TOPIC}** ({MEETING_ID}): can someone "
            "share the candidate's CV in the channel?",
            rate_limit_retry=False,
            timeout=5,
        ).execute(),
    )
    hook = DiscordWebhook(url=url, username="MeetCorp Meetings", rate_limit_retry=False, timeout=5)
    embed = DiscordEmbed(
        title=f"Meeting ended: {TOPIC}", description="Summary below.", color="03b2f8"
    )
    embed.add_embed_field(name="Meeting ID", value=MEETING_ID)
    embed.add_embed_field(name="Duration", value="45 min")
    embed.add_embed_field(name="Participants", value=f"{CORPUS_VALUES['name']}, {GUEST_NAME} +3")
    embed.add_embed_field(name="Host e-mail", value=CORPUS_VALUES["email"])
    embed.set_footer(text="MeetCorp desktop 5.17.2 (Windows 11)")
    hook.add_embed(embed)
    _quietly("embed", hook.execute)


def run_livekit() -> None:
    """livekit-api (LiveKit server API, Twirp protobuf): create the meeting's room, list its
    participants, update a participant's metadata, send data, start a room composite egress
    (README usage: LiveKitAPI, room.*, egress.*)."""
    import asyncio

    import aiohttp
    from livekit import api

    async def run() -> None:
        # aiohttp reads HTTPS_PROXY only with trust_env, as `auditor launch` expects of a program.
        async with aiohttp.ClientSession(trust_env=True) as session:
            lkapi = api.LiveKitAPI(
                "https://meetcorp-c0rpus9.livekit.cloud",
                "APIc0rpus9LkKey",
                "C0rpus9LiveKitSecretKm4Qw7Er2Ty5Ui8Op3As6Df",
                session=session,
                failover=False,
            )
            room = f"meeting-{MEETING_ID}"
            calls: list[tuple[str, Callable[[], object]]] = [
                (
                    "create_room",
                    lambda: lkapi.room.create_room(
                        api.CreateRoomRequest(
                            name=room,
                            empty_timeout=600,
                            max_participants=10,
                            metadata=json.dumps({"topic": TOPIC, "host": CORPUS_VALUES["email"]}),
                        )
                    ),
                ),
                (
                    "list_participants",
                    lambda: lkapi.room.list_participants(api.ListParticipantsRequest(room=room)),
                ),
                (
                    "update_participant",
                    lambda: lkapi.room.update_participant(
                        api.UpdateParticipantRequest(
                            room=room,
                            identity=USER_ID,
                            name=CORPUS_VALUES["name"],
                            metadata=json.dumps(
                                {
                                    "email": CORPUS_VALUES["email"],
                                    "role": "host",
                                    "os": "Ubuntu 22.04",
                                }
                            ),
                        )
                    ),
                ),
                (
                    "send_data",
                    lambda: lkapi.room.send_data(
                        api.SendDataRequest(
                            room=room,
                            data=json.dumps(
                                {
                                    "type": "chat",
                                    "from": CORPUS_VALUES["name"],
                                    "text": "Muting for a minute, my kid is home.",
                                }
                            ).encode(),
                            kind=api.DataPacket.Kind.RELIABLE,
                            topic="chat",
                        )
                    ),
                ),
                (
                    "egress",
                    lambda: lkapi.egress.start_room_composite_egress(
                        api.RoomCompositeEgressRequest(
                            room_name=room,
                            layout="speaker",
                            file_outputs=[
                                api.EncodedFileOutput(
                                    filepath=f"recordings/{MEETING_ID}/hiring-committee-sync.mp4",
                                    s3=api.S3Upload(
                                        access_key="AKIAC0RPUS9LKEGRESS1",
                                        secret="C0rpus9S3SecretKeyQw2Er5Ty8Ui1Op4As7Df0Gh",
                                        bucket="meetcorp-recordings",
                                        region="eu-central-1",
                                    ),
                                )
                            ],
                        )
                    ),
                ),
            ]
            for what, call in calls:
                try:
                    await call()  # type: ignore[misc]
                except Exception as err:
                    print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)
            await lkapi.aclose()

    asyncio.run(run())


def run_twilio() -> None:
    """twilio (Twilio REST API): a Video room for the meeting, a Conversation with a participant
    and a message, and the SMS invitation (README usage)."""
    from twilio.rest import Client

    client = Client("AC0c0a9e1d7f3b4c2a9e8dc0rpus9a0b1c", "c0rpus9TwilioAuthToken4f7a2b9c")
    _quietly(
        "video room",
        lambda: client.video.v1.rooms.create(
            unique_name=f"meeting-{MEETING_ID}",
            type="group",
            record_participants_on_connect=True,
            max_participants=PARTICIPANTS + 5,
        ),
    )
    conversation = client.conversations.v1.conversations("CH0c0a9e1d7f3b4c2a9e8dc0rpus9c0a")
    _quietly(
        "conversation create",
        lambda: client.conversations.v1.conversations.create(
            friendly_name=TOPIC,
            unique_name=f"meeting-{MEETING_ID}",
            attributes=json.dumps({"meeting_id": MEETING_ID, "host": CORPUS_VALUES["email"]}),
        ),
    )
    _quietly(
        "participant",
        lambda: conversation.participants.create(
            identity=USER_ID,
            attributes=json.dumps({"name": CORPUS_VALUES["name"], "email": CORPUS_VALUES["email"]}),
        ),
    )
    _quietly(
        "message",
        lambda: conversation.messages.create(
            author=USER_ID, body="Starting in two minutes, the candidate is in the lobby."
        ),
    )
    _quietly(
        "sms",
        lambda: client.messages.create(
            to=GUEST_PHONE,
            from_="+15005550006",
            body=f"{CORPUS_VALUES['name']} invited you to {TOPIC}: "
            f"https://meet.meetcorp-example.com/j/{MEETING_ID}?pwd=482913",
        ),
    )


def run_pyfcm() -> None:
    """pyfcm (Firebase Cloud Messaging HTTP v1): a push to a participant's device that the
    meeting started, and a data message to the meeting's topic (README usage)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from google.oauth2 import service_account
    from pyfcm import FCMNotification

    # A throwaway service account key: the SDK signs its token request with it.
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    credentials = service_account.Credentials.from_service_account_info(
        {
            "type": "service_account",
            "project_id": "meetcorp-c0rpus9",
            "private_key_id": "c0rpus9f0e1d2c3b4a5968778695a4b3c2d1e0f",
            "private_key": pem,
            "client_email": "fcm-sender@meetcorp-c0rpus9.iam.gserviceaccount.com",
            "client_id": "109876543210987654321",
            "token_uri": "https://oauth2.googleapis.com/token",
        },
        scopes=["https://www.googleapis.com/auth/firebase.messaging"],
    )
    # The token request goes out and is recorded; the sinkhole's 204 carries no token, so the
    # answer Google's token endpoint gives stands in for it.
    real_refresh = credentials.refresh

    def refresh(request: object) -> None:
        try:
            real_refresh(request)
        except Exception as err:
            print(f"token: {type(err).__name__}: {err}", file=sys.stderr)
            credentials.token = "ya29.c0rpus9FcmAccessTokenQw2Er5Ty8Ui1Op4"

    credentials.refresh = refresh  # type: ignore[method-assign]
    fcm = FCMNotification(credentials=credentials, project_id="meetcorp-c0rpus9")
    _quietly(
        "notify device",
        lambda: fcm.notify(
            fcm_token="fC0rpus9DeviceRegToken:APA91bHc0rpus9Qw2Er5Ty8Ui1Op4As7Df0Gh3Jk6Lz9Xc2Vb5Nm8",
            notification_title=f"{CORPUS_VALUES['name']} started {TOPIC}",
            notification_body=f"Meeting {MEETING_ID} is live. Tap to join.",
            data_payload={
                "meeting_id": MEETING_ID,
                "host_id": USER_ID,
                "participants": str(PARTICIPANTS),
            },
            timeout=5,
        ),
    )
    _quietly(
        "notify topic",
        lambda: fcm.notify(
            topic_name=f"meeting-{MEETING_ID}",
            data_payload={
                "type": "participant_joined",
                "name": GUEST_NAME,
                "email": GUEST_EMAIL,
                "meeting_id": MEETING_ID,
            },
            timeout=5,
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "zoomus-py": run_zoomus,
    "webex-py": run_webex,
    "pymsteams-py": run_pymsteams,
    "discord-py": run_discord,
    "livekit-py": run_livekit,
    "twilio-py": run_twilio,
    "pyfcm-py": run_pyfcm,
}


def main() -> int:
    name = sys.argv[1]
    SCENARIOS[name]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
