"""PyPI SDKs of the twenty-second held-out set (heldout22.py): the platform APIs a meeting
product's backend calls around a meeting: a chat, calendar and video suite the meeting is booked
in and announced on (Lark), speech-to-text of the meeting's recording (ElevenLabs, Soniox), the
e-mail and SMS the invitation and reminder go out by (MailerSend, Messente) and the help desk a
participant's report lands in (Zammad). Each makes the calls a meeting backend would make, to its
vendor's real host. Run one as a program: `python heldout22_runs.py SCENARIO`; heldout22.py
starts it through the auditor's proxy (`auditor capture --sinkhole '*'`) with the environment
`auditor launch` gives a program, so nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import struct
import sys
import time
import wave
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Ha'apai ferry timetable and berth planning"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Tevita Fifita"
GUEST_FIRST = "Tevita"
GUEST_LAST = "Fifita"
GUEST_EMAIL = "tevita.fifita@vavau-shipping-example.com"
GUEST_PHONE = "+6767714022"
START = dt.datetime(2026, 12, 15, 20, 0, tzinfo=dt.UTC)
END = START + dt.timedelta(minutes=40)


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def _recording() -> bytes:
    """A short mono WAV standing in for the meeting's recording (a low tone, 0.4 s)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"".join(struct.pack("<h", (i % 40 - 20) * 300) for i in range(3200)))
    return buffer.getvalue()


def run_lark() -> None:
    """lark-oapi (Lark's official SDK, Lark Suite international: chat, calendar, video
    meetings): the backend reserves the Lark video meeting, puts it on the host's calendar,
    adds the outside participant as an attendee and messages him the details (README usage:
    Client.builder().app_id().app_secret().domain(LARK_DOMAIN), request builders, a
    RequestOption carrying the tenant access token)."""
    import lark_oapi as lark
    from lark_oapi.api.calendar.v4 import (
        CalendarEvent,
        CalendarEventAttendee,
        CreateCalendarEventAttendeeRequest,
        CreateCalendarEventAttendeeRequestBody,
        CreateCalendarEventRequest,
        TimeInfo,
        Vchat,
    )
    from lark_oapi.api.im.v1 import CreateMessageRequest, CreateMessageRequestBody
    from lark_oapi.api.vc.v1 import (
        ApplyReserveRequest,
        ApplyReserveRequestBody,
        ReserveMeetingSetting,
    )

    client = (
        lark.Client.builder()
        .app_id("cli_a7f2c9e10142d00e")
        .app_secret("h22LarkAppSecret0Q7wE4rT9yU2iO")
        .domain(lark.LARK_DOMAIN)
        .enable_set_token(True)
        .log_level(lark.LogLevel.ERROR)
        .build()
    )
    option = lark.RequestOption.builder().tenant_access_token("t-g2060142h22TenantTok3n9").build()
    calendar_id = "feishu.cn_h22KQ0142calendar@group.calendar.feishu.cn"
    event_id = "5e1f0142-9c3a-4b7d-a2e8-h22event00_0"
    _quietly(
        "reserve",
        lambda: client.vc.v1.reserve.apply(
            ApplyReserveRequest.builder()
            .user_id_type("open_id")
            .request_body(
                ApplyReserveRequestBody.builder()
                .end_time(int(END.timestamp()))
                .owner_id("ou_7d2f0142a9c3e5b8h22owner")
                .meeting_settings(
                    ReserveMeetingSetting.builder()
                    .topic(TOPIC)
                    .auto_record(True)
                    .password("408122")
                    .build()
                )
                .build()
            )
            .build(),
            option,
        ),
    )
    _quietly(
        "event",
        lambda: client.calendar.v4.calendar_event.create(
            CreateCalendarEventRequest.builder()
            .calendar_id(calendar_id)
            .request_body(
                CalendarEvent.builder()
                .summary(TOPIC)
                .description(
                    f"Meeting {MEETING_ID} with {GUEST_NAME} (Vava'u Inter-Island Shipping): sailing "
                    "windows for the two vehicle-deck bookings and the Neiafu wharf hand-over."
                )
                .start_time(
                    TimeInfo.builder()
                    .timestamp(str(int(START.timestamp())))
                    .timezone("Pacific/Tongatapu")
                    .build()
                )
                .end_time(
                    TimeInfo.builder()
                    .timestamp(str(int(END.timestamp())))
                    .timezone("Pacific/Tongatapu")
                    .build()
                )
                .vchat(Vchat.builder().vc_type("vc").build())
                .visibility("default")
                .build()
            )
            .build(),
            option,
        ),
    )
    _quietly(
        "attendee",
        lambda: client.calendar.v4.calendar_event_attendee.create(
            CreateCalendarEventAttendeeRequest.builder()
            .calendar_id(calendar_id)
            .event_id(event_id)
            .user_id_type("open_id")
            .request_body(
                CreateCalendarEventAttendeeRequestBody.builder()
                .attendees(
                    [
                        CalendarEventAttendee.builder()
                        .type("third_party")
                        .third_party_email(GUEST_EMAIL)
                        .is_optional(False)
                        .build()
                    ]
                )
                .need_notification(True)
                .build()
            )
            .build(),
            option,
        ),
    )
    _quietly(
        "message",
        lambda: client.im.v1.message.create(
            CreateMessageRequest.builder()
            .receive_id_type("email")
            .request_body(
                CreateMessageRequestBody.builder()
                .receive_id(HOST_EMAIL)
                .msg_type("text")
                .content(
                    json.dumps(
                        {
                            "text": f"Hi Alice, {GUEST_NAME} from Vava'u Inter-Island Shipping "
                            "confirmed for "
                            "Tuesday. He asked whether we can move the Neiafu hand-over to "
                            f"Thursday; his mobile is {GUEST_PHONE} if the ship is late."
                        }
                    )
                )
                .uuid("h22-msg-0142")
                .build()
            )
            .build(),
            option,
        ),
    )
    # After the call the host posts the outcome to her team's group chat (a rich "post").
    post = {
        "en_us": {
            "title": f"Outcome: {TOPIC}",
            "content": [
                [
                    {
                        "tag": "text",
                        "text": f"Agreed with {GUEST_NAME}: both vehicle-deck slots go on the "
                        "Saturday sailing, Neiafu wharf crew ready by Thursday noon. I'll send "
                        "the revised timetable tomorrow.",
                    }
                ],
                [{"tag": "a", "text": "Recording", "href": "https://acme-meet.example/r/h22rec"}],
            ],
        }
    }
    _quietly(
        "group post",
        lambda: client.im.v1.message.create(
            CreateMessageRequest.builder()
            .receive_id_type("chat_id")
            .request_body(
                CreateMessageRequestBody.builder()
                .receive_id("oc_5a2f0142c9e3b7d8h22group")
                .msg_type("post")
                .content(json.dumps(post))
                .uuid("h22-msg-0143")
                .build()
            )
            .build(),
            option,
        ),
    )


def run_elevenlabs() -> None:
    """elevenlabs (ElevenLabs' official SDK; speech-to-text "Scribe"): after the meeting the
    backend sends its recording for a diarized transcript with the participants' names as key
    terms, then has a spoken recap made for the participant who dialled in by phone (README
    usage: ElevenLabs(api_key), speech_to_text.convert, text_to_speech.convert)."""
    from elevenlabs.client import ElevenLabs

    client = ElevenLabs(api_key="sk_h22e1evenlabs0142a9c3e5b8d7f2", timeout=10)
    _quietly(
        "transcribe",
        lambda: client.speech_to_text.convert(
            model_id="scribe_v1",
            file=(f"meeting-{MEETING_ID}.wav", _recording(), "audio/wav"),
            language_code="en",
            diarize=True,
            num_speakers=2,
            tag_audio_events=False,
            timestamps_granularity="word",
        ),
    )
    _quietly(
        "recap",
        lambda: b"".join(
            client.text_to_speech.convert(
                voice_id="JBFqnCBsd6RMkjVDRZzb",
                model_id="eleven_multilingual_v2",
                output_format="mp3_44100_128",
                text=(
                    f"Recap of {TOPIC}. {HOST_NAME} will book both vehicle-deck slots on the "
                    f"Saturday sailing. {GUEST_NAME} will have the Neiafu wharf crew ready "
                    "by Thursday noon."
                ),
            )
        ),
    )


def run_soniox() -> None:
    """soniox (Soniox's official SDK, speech-to-text over REST): the backend uploads the
    meeting's recording, asks for an async transcript with the meeting as context, and mints a
    short-lived key for the desktop client's live captions (README usage: SonioxClient(api_key),
    files.upload, stt.create with CreateTranscriptionConfig, auth.create_temporary_api_key)."""
    from soniox import SonioxClient
    from soniox.types import CreateTranscriptionConfig, StructuredContext

    client = SonioxClient(api_key="h22s0n10xk3y0142a9c3e5b8d7f2c1e0")
    _quietly(
        "upload",
        lambda: client.files.upload(
            _recording(),
            filename=f"meeting-{MEETING_ID}.wav",
            client_reference_id=f"mtg-{MEETING_ID}",
        ),
    )
    _quietly(
        "transcription",
        lambda: client.stt.create(
            model="stt-async-preview",
            file_id="84e1f0a2-0142-4c7d-9b3e-h22f11e0000",
            client_reference_id=f"mtg-{MEETING_ID}",
            config=CreateTranscriptionConfig(
                language_hints=["en", "to"],
                enable_speaker_diarization=True,
                context=StructuredContext(
                    general={"domain": "shipping", "topic": TOPIC},
                    text=f"Call between {HOST_NAME} and {GUEST_NAME} about ferry "
                    "sailings from Nuku'alofa to Neiafu.",
                    terms=["Neiafu", "Vava'u", "Pangai", "berth", GUEST_NAME],
                ),
                webhook_url="https://hooks.acme-meet.example/soniox/done",
            ),
        ),
    )
    _quietly(
        "temporary key",
        lambda: client.auth.create_temporary_api_key(
            usage_type="transcribe_websocket",
            expires_in_seconds=600,
            client_reference_id=f"live-{MEETING_ID}-{HOST_USERNAME}",
        ),
    )


def run_mailersend() -> None:
    """mailersend (MailerSend's official SDK; transactional e-mail and SMS): the backend
    e-mails the outside participant his invitation with the calendar file attached, schedules
    the host's reminder and texts the guest the dial-in (README usage: MailerSendClient(api_key),
    EmailBuilder, emails.send, SmsSendingBuilder, sms_sending.send)."""
    from mailersend import EmailBuilder, MailerSendClient, SmsSendingBuilder

    client = MailerSendClient(api_key="mlsn.h22a9c3e5b8d7f2c1e00142", max_retries=0)
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Acme Meet//EN\r\nMETHOD:REQUEST\r\n"
        "BEGIN:VEVENT\r\n"
        f"UID:mtg-{MEETING_ID}@acme-meet.example\r\n"
        f"DTSTART:{START:%Y%m%dT%H%M%SZ}\r\nDTEND:{END:%Y%m%dT%H%M%SZ}\r\n"
        f"SUMMARY:{TOPIC}\r\n"
        f"ORGANIZER;CN={HOST_NAME}:mailto:{HOST_EMAIL}\r\n"
        f"ATTENDEE;CN={GUEST_NAME};RSVP=TRUE:mailto:{GUEST_EMAIL}\r\n"
        f"URL:https://acme-meet.example/j/{MEETING_ID}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    invitation = (
        EmailBuilder()
        .from_email("meetings@acme-meet.example", "Acme Meet")
        .to(GUEST_EMAIL, GUEST_NAME)
        .reply_to(HOST_EMAIL, HOST_NAME)
        .subject(f"Invitation: {TOPIC}")
        .text(
            f"{HOST_NAME} invited you to a meeting on Tuesday 16 December, 09:00 Tonga time. "
            f"Join: https://acme-meet.example/j/{MEETING_ID}"
        )
        .attach_content(ics.encode(), "invite.ics")
        .tag("invitation")
        .build()
    )
    _quietly("invitation", lambda: client.emails.send(invitation))
    reminder = (
        EmailBuilder()
        .from_email("meetings@acme-meet.example", "Acme Meet")
        .to(HOST_EMAIL, HOST_NAME)
        .subject(f"In 15 minutes: {TOPIC}")
        .html(
            f"<p>Your meeting with {GUEST_NAME} starts at 09:00.</p>"
            f"<p><a href='https://acme-meet.example/j/{MEETING_ID}'>Join meeting {MEETING_ID}</a></p>"
        )
        # MailerSend schedules at most 72 h ahead: the reminder goes out in two days.
        .send_at(int(time.time()) + 48 * 3600)
        .tag("reminder")
        .build()
    )
    _quietly("reminder", lambda: client.emails.send(reminder))
    sms = (
        SmsSendingBuilder()
        .from_number("+18332210142")
        .to([GUEST_PHONE])
        .text(
            f"Acme Meet: {HOST_NAME} is waiting for you. Dial +1 646 555 0142, "
            f"meeting ID {MEETING_ID}#"
        )
        .build()
    )
    _quietly("sms", lambda: client.sms_sending.send(sms))


def run_messente() -> None:
    """messente-api (Messente's official SDK; SMS and Viber messaging): the backend saves the
    outside participant to its phonebook and sends him the meeting reminder over Viber with SMS
    as fallback (README usage: Configuration(username, password), ContactsApi.create_contact,
    OmnimessageApi.send_omnimessage)."""
    from messente_api import (
        SMS,
        ApiClient,
        Configuration,
        ContactFields,
        ContactsApi,
        Omnimessage,
        OmnimessageApi,
        OmnimessageMessagesInner,
        Viber,
    )

    configuration = Configuration(username="h22ms0142api", password="h22Mess3nteP4ss9q")
    # The generated client speaks urllib3, which reads no proxy from the environment: a backend
    # behind a forward proxy configures it, as here the one `auditor launch` names.
    configuration.proxy = os.environ.get("HTTPS_PROXY") or os.environ.get("https_proxy")
    configuration.ssl_ca_cert = os.environ.get("SSL_CERT_FILE")
    with ApiClient(configuration) as api_client:
        _quietly(
            "contact",
            lambda: ContactsApi(api_client).create_contact(
                ContactFields(
                    phone_number=GUEST_PHONE,
                    email=GUEST_EMAIL,
                    first_name=GUEST_FIRST,
                    last_name=GUEST_LAST,
                    company="Vava'u Inter-Island Shipping",
                    custom=f"meeting {MEETING_ID}",
                )
            ),
        )
        _quietly(
            "omnimessage",
            lambda: OmnimessageApi(api_client).send_omnimessage(
                Omnimessage(
                    to=GUEST_PHONE,
                    messages=[
                        OmnimessageMessagesInner(
                            Viber(
                                sender="AcmeMeet",
                                text=f"Reminder: '{TOPIC}' with {HOST_NAME} starts in 1 "
                                f"hour. Join: https://acme-meet.example/j/{MEETING_ID}",
                            )
                        ),
                        OmnimessageMessagesInner(
                            SMS(
                                sender="AcmeMeet",
                                text=f"Reminder: meeting {MEETING_ID} with {HOST_NAME} in 1 hour.",
                            )
                        ),
                    ],
                )
            ),
        )


def run_zammad() -> None:
    """zammad-py (a community client of Zammad's REST API; Zammad's hosted help desk): the
    outside participant reported that the recording link failed; the backend creates him as a
    customer, opens a ticket with his report and adds the agent's internal note (README usage:
    ZammadAPI(url, http_token), user.create, ticket.create, ticket_article.create)."""
    from zammad_py import ZammadAPI

    client = ZammadAPI(
        url="https://acme-meet.zammad.com/api/v1/", http_token="h22zAmmAdT0k3n0142a9c3e5b8"
    )
    _quietly(
        "customer",
        lambda: client.user.create(
            {
                "firstname": GUEST_FIRST,
                "lastname": GUEST_LAST,
                "email": GUEST_EMAIL,
                "mobile": GUEST_PHONE,
                "organization": "Vava'u Inter-Island Shipping",
                "roles": ["Customer"],
            }
        ),
    )
    _quietly(
        "ticket",
        lambda: client.ticket.create(
            {
                "title": f"Recording link of '{TOPIC}' does not open",
                "group": "Users",
                "customer": GUEST_EMAIL,
                "priority": "2 normal",
                "article": {
                    "subject": "Recording link expired",
                    "body": (
                        f"Hello, {HOST_NAME} sent me the recording of meeting {MEETING_ID} but "
                        "the link says it has expired. I need the part about the Neiafu wharf "
                        f"crew for our dispatch team. Regards, {GUEST_FIRST}"
                    ),
                    "type": "email",
                    "sender": "Customer",
                    "from": f"{GUEST_NAME} <{GUEST_EMAIL}>",
                    "internal": False,
                },
            }
        ),
    )
    _quietly(
        "note",
        lambda: client.ticket_article.create(
            {
                "ticket_id": 4412,
                "subject": "internal",
                "body": (
                    f"Checked with {HOST_NAME}: guest links expire after 24 h on the Business "
                    "plan. Re-shared a 7-day link; closing once he confirms."
                ),
                "content_type": "text/plain",
                "type": "note",
                "internal": True,
            }
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "lark-py": run_lark,
    "elevenlabs-py": run_elevenlabs,
    "soniox-py": run_soniox,
    "mailersend-py": run_mailersend,
    "messente-py": run_messente,
    "zammad-py": run_zammad,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
