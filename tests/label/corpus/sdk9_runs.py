"""PyPI SDKs of the dev set sdk9 (sdk9.py), each making the calls a meeting client or its backend
would make, to its vendor's real host (a self-hosted product: a host under
`meetcorp-example.com`). Run one as a program: `python sdk9_runs.py SCENARIO`; sdk9.py starts it
through the auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor
launch` gives a program, so nothing leaves the machine.
"""

from __future__ import annotations

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
JOIN_URL = f"https://meet.meetcorp-example.com/j/{MEETING_ID}"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_slack() -> None:
    """slack_sdk: a meeting bot posts the meeting start, looks the user up by e-mail, and an
    incoming webhook announces the recording (README: WebClient, WebhookClient)."""
    from slack_sdk import WebClient
    from slack_sdk.webhook import WebhookClient

    client = WebClient(token="xoxb-c0rpus9-1234567890-AbCdEfGhIjKlMnOpQrStUvWx")
    _quietly(
        "chat.postMessage",
        lambda: client.chat_postMessage(
            channel="C0RPUS9MTG",
            text=f"{CORPUS_VALUES['name']} started meeting {MEETING_ID} ({TOPIC}, "
            f"{PARTICIPANTS} participants): {JOIN_URL}",
        ),
    )
    _quietly(
        "users.lookupByEmail", lambda: client.users_lookupByEmail(email=CORPUS_VALUES["email"])
    )
    _quietly(
        "users.profile.set",
        lambda: client.users_profile_set(
            profile={
                "status_text": f"In a meeting: {TOPIC}",
                "status_emoji": ":calendar:",
                "status_expiration": 0,
            }
        ),
    )
    webhook = WebhookClient(
        "https://hooks.slack.com/services/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2"
    )
    _quietly(
        "webhook",
        lambda: webhook.send(
            text=f"Recording of {TOPIC} (meeting {MEETING_ID}) is ready for "
            f"{CORPUS_VALUES['email']}"
        ),
    )


def run_sendgrid() -> None:
    """sendgrid: the meeting invitation e-mail and the user as a marketing contact (README)."""
    import sendgrid
    from sendgrid.helpers.mail import Mail

    client = sendgrid.SendGridAPIClient(api_key="SG.c0rpus9SendGridKey.Zx8Yw7Vu6Ts5Rq4Po3")
    message = Mail(
        from_email="meetings@meetcorp-example.com",
        to_emails=CORPUS_VALUES["email"],
        subject=f"Invitation: {TOPIC}",
        html_content=f"<p>Hi {CORPUS_VALUES['name']}, join meeting {MEETING_ID} "
        f"({PARTICIPANTS} participants): {JOIN_URL}</p>",
    )
    _quietly("mail/send", lambda: client.send(message))
    _quietly(
        "marketing/contacts",
        lambda: client.client.marketing.contacts.put(
            request_body={
                "contacts": [
                    {
                        "email": CORPUS_VALUES["email"],
                        "first_name": "Alice",
                        "last_name": "Example",
                        "city": "Zurich",
                        "country": "Switzerland",
                        "external_id": USER_ID,
                    }
                ]
            }
        ),
    )


def run_brevo() -> None:
    """Brevo (sib-api-v3-sdk): a transactional meeting summary e-mail and a contact (README)."""
    import os

    import sib_api_v3_sdk

    configuration = sib_api_v3_sdk.Configuration()
    configuration.api_key["api-key"] = "xkeysib-c0rpus9brevo1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9"
    configuration.proxy = os.environ.get("HTTPS_PROXY")
    configuration.ssl_ca_cert = os.environ.get("SSL_CERT_FILE")
    api_client = sib_api_v3_sdk.ApiClient(configuration)
    emails = sib_api_v3_sdk.TransactionalEmailsApi(api_client)
    _quietly(
        "smtp/email",
        lambda: emails.send_transac_email(
            sib_api_v3_sdk.SendSmtpEmail(
                sender={"email": "meetings@meetcorp-example.com", "name": "MeetCorp"},
                to=[{"email": CORPUS_VALUES["email"], "name": CORPUS_VALUES["name"]}],
                subject=f"Summary: {TOPIC}",
                html_content=f"<p>Meeting {MEETING_ID} ended after 45 minutes with "
                f"{PARTICIPANTS} participants.</p>",
                params={"meeting_id": MEETING_ID, "user_id": USER_ID},
                tags=["meeting-summary"],
            )
        ),
    )
    sms = sib_api_v3_sdk.TransactionalSMSApi(api_client)
    _quietly(
        "transactionalSMS",
        lambda: sms.send_transac_sms(
            sib_api_v3_sdk.SendTransacSms(
                sender="MeetCorp",
                recipient="41791234567",
                content=f"Your meeting {TOPIC} ({MEETING_ID}) starts in 5 minutes.",
                type="transactional",
            )
        ),
    )
    contacts = sib_api_v3_sdk.ContactsApi(api_client)
    _quietly(
        "contacts",
        lambda: contacts.create_contact(
            sib_api_v3_sdk.CreateContact(
                email=CORPUS_VALUES["email"],
                attributes={"FIRSTNAME": "Alice", "LASTNAME": "Example", "SMS": "+41791234567"},
                ext_id=USER_ID,
            )
        ),
    )


def run_mattermost() -> None:
    """mattermostdriver on a self-hosted Mattermost: the bot posts the meeting start to the
    team's channel and sets the user's custom status (README: Driver, posts.create_post)."""
    from mattermostdriver import Driver

    driver = Driver(
        {
            "url": "mattermost.meetcorp-example.com",
            "token": "c0rpus9mmbottoken8f3k2j1h4g5",
            "scheme": "https",
            "port": 443,
            "timeout": 5,
        }
    )
    # login() asks the server who the token belongs to first; with the sinkhole's empty answer it
    # would stop, so the token is given to the client directly (what login() does after).
    driver.client.token = "c0rpus9mmbottoken8f3k2j1h4g5"
    _quietly(
        "posts",
        lambda: driver.posts.create_post(
            {
                "channel_id": "c0rpus9chanmeetings1234567",
                "message": f"@alice.corpus started meeting {MEETING_ID} ({TOPIC}): {JOIN_URL}",
                "props": {"meeting_id": MEETING_ID, "participants": PARTICIPANTS},
            }
        ),
    )
    _quietly(
        "status",
        lambda: driver.status.update_user_status(
            "c0rpus9mmuseridalice1234567",
            {"user_id": "c0rpus9mmuseridalice1234567", "status": "dnd"},
        ),
    )
    _quietly(
        "search",
        lambda: driver.users.search_users({"term": CORPUS_VALUES["email"]}),
    )


def run_rocketchat() -> None:
    """rocketchat_API on a self-hosted Rocket.Chat: a message to the meeting's room and the
    user's status (README: RocketChat(user_id, auth_token), chat_post_message)."""
    from rocketchat_API.rocketchat import RocketChat

    rocket = RocketChat(
        user_id="c0rpus9RcUserId42",
        auth_token="c0rpus9RcAuthToken-7Hk2Lm9Np4Qr6St8Uv",
        server_url="https://chat.meetcorp-example.com",
        timeout=5,
    )
    _quietly(
        "chat.postMessage",
        lambda: rocket.chat_post_message(
            f"Joining {TOPIC} now, meeting {MEETING_ID}. Can someone share the agenda?",
            channel=f"#meeting-{MEETING_ID}",
            alias=CORPUS_VALUES["name"],
        ),
    )
    _quietly(
        "users.setStatus",
        lambda: rocket.users_set_status(message="In a meeting", status="busy"),
    )


def run_signalfx() -> None:
    """signalfx (Splunk Observability ingest): call-quality datapoints with the user's
    dimensions and a meeting event (README: SignalFx().ingest(token).send, send_event)."""
    import os

    # signalfx's generated protobuf module predates protobuf 4's C descriptors (it asks for
    # protobuf<4.21, which the capture's OpenTelemetry packages outgrew): protobuf's own Python
    # implementation loads it, and the SDK keeps its default protobuf ingest client.
    os.environ["PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION"] = "python"
    import signalfx

    dims = {
        "host": CORPUS_VALUES["hostname"],
        "user_id": USER_ID,
        "meeting_id": MEETING_ID,
        "network_type": "wifi",
        "os": "Linux",
    }
    with signalfx.SignalFx(ingest_endpoint="https://ingest.us1.signalfx.com").ingest(
        "c0rpus9SfxIngestTokenAb12Cd34"
    ) as ingest:
        ingest.send(
            gauges=[
                {"metric": "meeting.rtt_ms", "value": 182, "dimensions": dims},
                {"metric": "meeting.jitter_ms", "value": 23, "dimensions": dims},
            ],
            counters=[{"metric": "meeting.packets_lost", "value": 41, "dimensions": dims}],
        )
        ingest.send_event(
            event_type="meeting_joined",
            category="USER_DEFINED",
            dimensions={"user_id": USER_ID, "meeting_id": MEETING_ID},
            properties={
                "topic": TOPIC,
                "participants": PARTICIPANTS,
                "email": CORPUS_VALUES["email"],
            },
        )
        time.sleep(2)


def run_telegram() -> None:
    """python-telegram-bot: the meeting bot tells the user the meeting started and shares the
    organiser's contact card (README: Bot.send_message, send_contact)."""
    import asyncio

    from telegram import Bot

    async def run() -> None:
        bot = Bot("7123456789:AAc0rpus9TelegramBotTokenXyZ1234567")
        for what, call in (
            (
                "sendMessage",
                bot.send_message(
                    chat_id=412345678,
                    text=f"{CORPUS_VALUES['name']}, your meeting {TOPIC} ({MEETING_ID}) "
                    f"starts now: {JOIN_URL}",
                ),
            ),
            (
                "sendLocation",
                bot.send_location(chat_id=412345678, latitude=47.376887, longitude=8.541694),
            ),
            (
                "sendContact",
                bot.send_contact(
                    chat_id=412345678,
                    phone_number="+41791234567",
                    first_name="Alice",
                    last_name="Example",
                ),
            ),
        ):
            try:
                await call
            except Exception as err:
                print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)

    asyncio.run(run())


SCENARIOS: dict[str, Callable[[], None]] = {
    "slack-py": run_slack,
    "sendgrid-py": run_sendgrid,
    "brevo-py": run_brevo,
    "mattermost-py": run_mattermost,
    "rocketchat-py": run_rocketchat,
    "signalfx-py": run_signalfx,
    "telegram-py": run_telegram,
}


def main() -> int:
    name = sys.argv[1]
    SCENARIOS[name]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
