"""PyPI SDKs of the eighth held-out set (heldout8.py), each making the calls a meeting client or
its backend would make, to its vendor's real host. Run one as a program: `python heldout8_runs.py
SCENARIO`; heldout8.py starts it through the auditor's proxy (`auditor capture --sinkhole '*'`)
with the environment `auditor launch` gives a program, so nothing leaves the machine.
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


def _join_error() -> Exception:
    try:
        raise ConnectionError(f"media connection failed for meeting {MEETING_ID}: ICE timeout")
    except ConnectionError as err:
        return err


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_pubnub() -> None:
    """PubNub: publish a participant-joined message, a signal, and presence state (README)."""
    from pubnub.pnconfiguration import PNConfiguration
    from pubnub.pubnub import PubNub

    config = PNConfiguration()
    config.publish_key = "pub-c-c0rpus8a-1f2e-4d3c-9b8a-7f6e5d4c3b2a"
    config.subscribe_key = "sub-c-c0rpus8b-2e3d-4c5b-8a9f-6e5d4c3b2a1f"
    config.user_id = USER_ID
    config.non_subscribe_request_timeout = 5
    pubnub = PubNub(config)
    channel = f"meeting.{MEETING_ID}"
    _quietly(
        "publish",
        lambda: (
            pubnub.publish()
            .channel(channel)
            .message(
                {
                    "type": "participant_joined",
                    "user_id": USER_ID,
                    "name": CORPUS_VALUES["name"],
                    "email": CORPUS_VALUES["email"],
                    "topic": TOPIC,
                    "participants": PARTICIPANTS,
                }
            )
            .sync()
        ),
    )
    _quietly(
        "signal",
        lambda: pubnub.signal().channel(channel).message({"typing": USER_ID}).sync(),
    )
    _quietly(
        "set_state",
        lambda: (
            pubnub.set_state()
            .channels([channel])
            .state(
                {"name": CORPUS_VALUES["name"], "mic": "muted", "network": "wifi", "os": "Linux"}
            )
            .sync()
        ),
    )
    pubnub.stop()


def run_postmark() -> None:
    """Postmark (postmarker): the meeting invitation e-mail to the user (README)."""
    from postmarker.core import PostmarkClient

    postmark = PostmarkClient(server_token="c0rpus8p-5m4r-4k3e-9t2s-7e8r6v5e4r3t")
    _quietly(
        "send",
        lambda: postmark.emails.send(
            From="meetings@meetcorp-example.com",
            To=f"{CORPUS_VALUES['name']} <{CORPUS_VALUES['email']}>",
            Subject=f"Invitation: {TOPIC}",
            HtmlBody=f"<p>Join meeting {MEETING_ID} ({PARTICIPANTS} participants).</p>",
            Tag="meeting-invite",
            Metadata={"meeting_id": MEETING_ID, "user_id": USER_ID},
        ),
    )
    _quietly(
        "send_with_template",
        lambda: postmark.emails.send_with_template(
            TemplateAlias="recording-ready",
            TemplateModel={
                "name": CORPUS_VALUES["name"],
                "meeting_topic": TOPIC,
                "meeting_id": MEETING_ID,
                "duration_minutes": 45,
            },
            From="meetings@meetcorp-example.com",
            To=CORPUS_VALUES["email"],
        ),
    )


def run_mailjet() -> None:
    """Mailjet (mailjet-rest, Send API v3.1): the meeting summary e-mail to the user (README)."""
    from mailjet_rest import Client

    auth = ("c0rpus8mjapikey4f7a2b9c1d3e", "c0rpus8mjsecret6b1c8d2e5f7a")
    mailjet = Client(auth=auth, version="v3.1")
    data = {
        "Messages": [
            {
                "From": {"Email": "meetings@meetcorp-example.com", "Name": "MeetCorp"},
                "To": [{"Email": CORPUS_VALUES["email"], "Name": CORPUS_VALUES["name"]}],
                "Subject": f"Summary: {TOPIC}",
                "TextPart": f"Meeting {MEETING_ID} ended after 45 minutes with "
                f"{PARTICIPANTS} participants.",
                "CustomID": f"summary-{MEETING_ID}",
                "EventPayload": USER_ID,
            }
        ]
    }
    _quietly("send", lambda: mailjet.send.create(data=data))
    contacts = Client(auth=auth, version="v3")
    _quietly(
        "contact",
        lambda: contacts.contact.create(
            data={"Email": CORPUS_VALUES["email"], "Name": CORPUS_VALUES["name"]}
        ),
    )


def run_zulip() -> None:
    """Zulip: the meeting bot posts to the team's stream that the meeting started (README)."""
    import zulip

    # The client asks the server for its version before anything else and stops without one; the
    # sinkhole's 204 has no body, so the answer a Zulip Cloud server gives stands in for it (the
    # request itself is sent and recorded).
    real_settings = zulip.Client.get_server_settings

    def server_settings(self: zulip.Client) -> dict[str, object]:
        answer = real_settings(self)
        return (
            answer
            if "zulip_version" in answer
            else {
                "result": "success",
                "zulip_version": "11.0",
                "zulip_feature_level": 400,
            }
        )

    zulip.Client.get_server_settings = server_settings  # type: ignore[method-assign]
    client = zulip.Client(
        email="meeting-bot@meetcorp.zulipchat.com",
        api_key="c0rpus8zulipKeyQ7w2Ex5Rt9Yu",
        site="https://meetcorp.zulipchat.com",
    )
    _quietly(
        "send_message",
        lambda: client.send_message(
            {
                "type": "stream",
                "to": "meetings",
                "topic": TOPIC,
                "content": f"@**{CORPUS_VALUES['name']}** started meeting {MEETING_ID} "
                f"({PARTICIPANTS} participants): https://meet.meetcorp-example.com/j/{MEETING_ID}",
            }
        ),
    )
    _quietly(
        "private message",
        lambda: client.send_message(
            {
                "type": "private",
                "to": [CORPUS_VALUES["email"]],
                "content": f"Your meeting {MEETING_ID} could not start its recording: "
                "storage quota exceeded.",
            }
        ),
    )
    _quietly(
        "presence",
        lambda: client.update_presence(
            {"status": "active", "ping_only": False, "new_user_input": True}
        ),
    )


def run_matrix() -> None:
    """matrix-nio: the meeting bot on the company's own homeserver posts the join to the
    meeting's room and sets its presence (README: AsyncClient, room_send)."""
    import asyncio
    import os

    from nio import AsyncClient

    async def run() -> None:
        client = AsyncClient(
            "https://matrix.meetcorp-example.com",
            "@alice.corpus:meetcorp-example.com",
            proxy=os.environ.get("HTTPS_PROXY"),
        )
        client.restore_login(
            "@alice.corpus:meetcorp-example.com",
            "QWERTYDEV8",
            "syt_YWxpY2UuY29ycHVz_C0rpusM8trixTokenQw3_2Kd9Xz",
        )
        room = "!c0rpusMeetRoom8:meetcorp-example.com"
        try:
            await client.room_send(
                room,
                "m.room.message",
                {
                    "msgtype": "m.notice",
                    "body": f"{CORPUS_VALUES['name']} joined meeting {MEETING_ID} "
                    f"({TOPIC}, {PARTICIPANTS} participants)",
                    "meeting_id": MEETING_ID,
                },
            )
            await client.room_send(
                room,
                "m.room.message",
                {"msgtype": "m.text", "body": "Sorry, my audio dropped: I am on a bad hotel wifi."},
            )
            await client.set_presence("unavailable", "In a meeting")
        except Exception as err:
            print(f"matrix: {type(err).__name__}: {err}", file=sys.stderr)
        finally:
            await client.close()

    asyncio.run(run())


def run_uptrace() -> None:
    """Uptrace (uptrace-python, OTLP/gRPC): a span for the join with an exception, and a log
    record with the user (README: configure_opentelemetry, tracer spans)."""
    import logging
    import os

    # grpc trusts its own roots file, not SSL_CERT_FILE: given the capture's CA, as `auditor
    # launch` gives it to the program (botocore and pusher in heldout7 likewise).
    if os.environ.get("SSL_CERT_FILE"):
        os.environ["GRPC_DEFAULT_SSL_ROOTS_FILE_PATH"] = os.environ["SSL_CERT_FILE"]
    import uptrace
    from opentelemetry import trace

    uptrace.configure_opentelemetry(
        dsn="https://C0rpusUptr8ceTokenK4m7Pq2@api.uptrace.dev?grpc=4317",
        service_name="meeting-desktop",
        service_version="5.17.2",
    )
    tracer = trace.get_tracer("meeting-client", "5.17.2")
    with tracer.start_as_current_span("join-meeting") as span:
        span.set_attribute("enduser.id", USER_ID)
        span.set_attribute("enduser.email", CORPUS_VALUES["email"])
        span.set_attribute("meeting.id", MEETING_ID)
        span.set_attribute("meeting.topic", TOPIC)
        span.set_attribute("meeting.participants", PARTICIPANTS)
        span.set_attribute("network.connection.type", "wifi")
        span.record_exception(_join_error())
    logging.getLogger("meeting").error(
        "join failed for %s in meeting %s", CORPUS_VALUES["email"], MEETING_ID
    )
    uptrace.force_flush()
    uptrace.shutdown()


SCENARIOS: dict[str, Callable[[], None]] = {
    "pubnub-py": run_pubnub,
    "postmark-py": run_postmark,
    "mailjet-py": run_mailjet,
    "zulip-py": run_zulip,
    "matrix-py": run_matrix,
    "uptrace-py": run_uptrace,
}


def main() -> int:
    name = sys.argv[1]
    SCENARIOS[name]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
