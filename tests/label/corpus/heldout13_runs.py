"""PyPI SDKs of the thirteenth held-out set (heldout13.py): telemetry and monitoring (Wavefront
direct ingestion, Logdash, Opsgenie), a notification platform (SuprSend), calendar and scheduling
APIs (Nylas, Cronofy) and a video platform (Vimeo), each making the calls a meeting backend or a
user's client would make around a meeting, to its vendor's real host. Run one as a program:
`python heldout13_runs.py SCENARIO`; heldout13.py starts it through the auditor's proxy
(`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a program, so
nothing leaves the machine.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Q3 freight capacity review"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOSTNAME = CORPUS_VALUES["hostname"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Tomasz Kowalczyk"
GUEST_EMAIL = "tomasz.kowalczyk@vistulafreight-example.com"
GUEST_PHONE = "+48 601 555 218"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_wavefront() -> None:
    """wavefront-sdk-python (VMware Aria Operations for Applications, formerly Tanzu
    Observability by Wavefront; direct ingestion): a meeting media server reports call quality
    metrics, a latency histogram, a traced join with a span log and an event (README usage:
    WavefrontClient(server, token), send_metric, send_distribution, send_span, send_event,
    flush_now)."""
    from wavefront_sdk.client import WavefrontClient
    from wavefront_sdk.entities.histogram import histogram_granularity
    from wavefront_sdk.entities.tracing.span_log import SpanLog

    client = WavefrontClient(
        server="https://meetcorp.wavefront.com",
        token="c0a13f2e-7b44-4d1a-9e6f-c0rpus13wfto",
        flush_interval_seconds=60,
        enable_internal_metrics=False,
    )
    now = int(time.time())
    tags = {
        "meeting_id": MEETING_ID,
        "participant": GUEST_EMAIL,
        "client": "desktop",
        "os": "Windows 11 23H2",
        "region": "eu-central-1",
    }
    client.send_metric("meet.audio.jitter_ms", 38.5, now, HOSTNAME, tags)
    client.send_metric("meet.audio.packet_loss_pct", 4.2, now, HOSTNAME, tags)
    client.send_metric("meet.video.fps", 14.0, now, HOSTNAME, tags)
    client.send_distribution(
        "meet.join.latency_ms",
        [(220.0, 3), (480.0, 1), (1350.0, 1)],
        {histogram_granularity.MINUTE},
        now,
        HOSTNAME,
        {"meeting_id": MEETING_ID, "client": "desktop"},
    )
    trace_id = "7b3bf470-9456-11e8-9eb6-529269fb1459"
    client.send_span(
        "joinMeeting",
        now * 1000,
        1350,
        HOSTNAME,
        trace_id,
        "0313bafe-9457-11e8-9eb6-529269fb1459",
        None,
        None,
        [
            ("application", "meetcorp-media"),
            ("service", "signalling"),
            ("meeting_id", MEETING_ID),
            ("user_email", GUEST_EMAIL),
            ("http.status_code", "200"),
        ],
        [
            SpanLog(
                now * 1000000 + 900000,
                {
                    "event": "error",
                    "error.kind": "IceConnectionFailed",
                    "message": f"ICE failed for {GUEST_NAME} after 3 candidates",
                },
            )
        ],
    )
    client.send_event(
        "Call quality degraded",
        now * 1000,
        now * 1000 + 60000,
        HOSTNAME,
        ["meeting", "audio"],
        {
            "severity": "warn",
            "details": f"Packet loss above 4% for {GUEST_NAME} in '{TOPIC}' ({MEETING_ID})",
            "type": "quality-alert",
        },
    )
    _quietly("flush", client.flush_now)
    client.close()


def run_logdash() -> None:
    """logdash (logs, metrics and events): a meeting backend logs a failed recording upload and a
    joined participant, sets a gauge and tracks an event for the signed-in user (README usage:
    create_logdash({api_key}), logger.error/info, metrics.set, track, flush)."""
    from logdash import create_logdash

    logdash = create_logdash({"api_key": "ld_c0rpus13LogdashApiKeyQw8Er5Ty", "app": "meet-backend"})
    logdash.logger.error(
        f"recording upload failed for meeting {MEETING_ID} ({TOPIC}): 413 from storage, "
        f"host {HOST_EMAIL}"
    )
    logdash.logger.info(
        f"participant {GUEST_NAME} <{GUEST_EMAIL}> joined meeting {MEETING_ID} from 83.24.117.9"
    )
    logdash.metrics.set("active_meetings", 42)
    logdash.track(
        "recording_started",
        {"meeting_duration_min": 45, "participants": 2, "plan": "business"},
        user_id="usr_8841c0r13",
    )
    time.sleep(1.5)
    logdash.flush()


def _opsgenie_configuration() -> object:
    """The generated client's urllib3 pool reads neither proxy nor CA bundle from the
    environment: hand it the ones `auditor launch` set, as a program under launch would be
    configured."""
    import opsgenie_sdk

    configuration = opsgenie_sdk.Configuration()
    configuration.api_key["Authorization"] = "c0a13e55-1b2c-4d3e-8f90-c0rpus13ogk"
    configuration.api_key_prefix["Authorization"] = "GenieKey"
    configuration.proxy = os.environ.get("HTTPS_PROXY") or os.environ.get("https_proxy")
    configuration.ssl_ca_cert = os.environ.get("SSL_CERT_FILE")
    return configuration


def run_opsgenie() -> None:
    """opsgenie-sdk (Atlassian Opsgenie alert and heartbeat API): the meeting backend raises an
    alert for a failed recording, adds a note to it and pings its heartbeat (README usage:
    AlertApi.create_alert(CreateAlertPayload(…)), add_note, HeartbeatApi.ping)."""
    import opsgenie_sdk

    api_client = opsgenie_sdk.ApiClient(configuration=_opsgenie_configuration())
    alerts = opsgenie_sdk.AlertApi(api_client=api_client)
    _quietly(
        "create_alert",
        lambda: alerts.create_alert(
            opsgenie_sdk.CreateAlertPayload(
                message=f"Recording lost for meeting {MEETING_ID}",
                alias=f"recording-{MEETING_ID}",
                description=(
                    f"The cloud recording of '{TOPIC}' hosted by {HOST_NAME} stopped after 12 "
                    f"minutes: encoder crashed on {HOSTNAME} (SIGSEGV in libvpx)."
                ),
                responders=[{"type": "team", "name": "media-oncall"}],
                tags=["recording", "P2", "eu-central-1"],
                details={
                    "meeting_id": MEETING_ID,
                    "host_email": HOST_EMAIL,
                    "worker": HOSTNAME,
                    "stack": "Traceback: encoder.py line 88 in push_frame",
                },
                entity="media-encoder",
                source="meet-backend",
                priority="P2",
                user="meet-backend",
                note="Auto-created by the recording watchdog",
            )
        ),
    )
    _quietly(
        "add_note",
        lambda: alerts.add_note(
            identifier=f"recording-{MEETING_ID}",
            identifier_type="alias",
            add_note_to_alert_payload=opsgenie_sdk.AddNoteToAlertPayload(
                user=HOST_EMAIL,
                note=(
                    f"Called {GUEST_NAME} ({GUEST_PHONE}); they have a local copy of the first "
                    "half and will upload it."
                ),
                source="meet-backend",
            ),
        ),
    )
    heartbeats = opsgenie_sdk.HeartbeatApi(api_client=api_client)
    _quietly("ping", lambda: heartbeats.ping("meet-recording-watchdog"))


def run_suprsend() -> None:
    """suprsend-py-sdk (SuprSend notification infrastructure): the meeting backend updates the
    guest's profile and channels, tracks an event that drives a reminder workflow and triggers
    the invitation workflow directly (README usage: Suprsend(key, secret), user.get_instance,
    track_event(Event(…)), workflows.trigger(WorkflowTriggerRequest(…)))."""
    from suprsend import Event, Suprsend, WorkflowTriggerRequest

    supr = Suprsend("c0rpus13SuprsendWsKey", "c0rpus13SuprsendWsSecretQw8Er5Ty2Ui")
    user = supr.users.get_edit_instance("tomasz.kowalczyk")
    user.add_email(GUEST_EMAIL)
    user.add_sms(GUEST_PHONE)
    user.set_preferred_language("pl")
    user.set_timezone("Europe/Warsaw")
    user.set("name", GUEST_NAME)
    _quietly("user", lambda: supr.users.async_edit(user))
    _quietly(
        "track_event",
        lambda: supr.track_event(
            Event(
                distinct_id="tomasz.kowalczyk",
                event_name="MEETING_REMINDER_DUE",
                properties={
                    "meeting_id": MEETING_ID,
                    "topic": TOPIC,
                    "starts_at": "2026-12-09T14:00:00+01:00",
                    "host_name": HOST_NAME,
                    "join_url": f"https://meet.meetcorp-example.com/j/{MEETING_ID}?pwd=Fr8Cap26",
                },
            )
        ),
    )
    _quietly(
        "workflow",
        lambda: supr.workflows.trigger(
            WorkflowTriggerRequest(
                body={
                    "workflow": "meeting-invitation",
                    "recipients": [
                        {
                            "distinct_id": "tomasz.kowalczyk",
                            "$email": [GUEST_EMAIL],
                            "$sms": [GUEST_PHONE],
                            "name": GUEST_NAME,
                        }
                    ],
                    "actor": {"distinct_id": "alice.corpus", "name": HOST_NAME},
                    "data": {
                        "meeting_id": MEETING_ID,
                        "topic": TOPIC,
                        "agenda": "1. Q3 volumes 2. Rail slots Gdansk-Hamburg 3. Pricing",
                    },
                }
            )
        ),
    )


def run_nylas() -> None:
    """nylas (Nylas v3 calendar, e-mail and contacts API): the host's calendar gets the meeting
    with the guest as participant, the guest gets a follow-up e-mail and becomes a contact
    (README usage: Client(api_key), events.create, messages.send, contacts.create)."""
    from nylas import Client

    nylas = Client("nyk_v0_c0rpus13NylasApiKeyQw8Er5Ty2Ui9OpAs3DfGhJk")
    grant = "c0r13a5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"
    _quietly(
        "event",
        lambda: nylas.events.create(
            grant,
            request_body={
                "title": f"{TOPIC} ({MEETING_ID})",
                "description": (
                    f"Join: https://meet.meetcorp-example.com/j/{MEETING_ID}\n"
                    "Passcode: 552917\nAgenda: Q3 volumes, rail slots, pricing."
                ),
                "when": {
                    "start_time": 1796822400,
                    "end_time": 1796826000,
                    "start_timezone": "Europe/Berlin",
                    "end_timezone": "Europe/Berlin",
                },
                "participants": [
                    {"name": GUEST_NAME, "email": GUEST_EMAIL, "phone_number": GUEST_PHONE},
                ],
                "location": "Meetcorp Berlin, Room Spree",
                "busy": True,
            },
            query_params={"calendar_id": "primary", "notify_participants": True},
        ),
    )
    _quietly(
        "message",
        lambda: nylas.messages.send(
            grant,
            request_body={
                "to": [{"name": GUEST_NAME, "email": GUEST_EMAIL}],
                "subject": f"Follow-up: {TOPIC}",
                "body": (
                    f"Hi Tomasz,<br>thanks for today. As agreed you will confirm the rail slots "
                    f"by Friday and I will send the revised pricing.<br>Best, {HOST_NAME}"
                ),
            },
        ),
    )
    _quietly(
        "contact",
        lambda: nylas.contacts.create(
            grant,
            request_body={
                "given_name": "Tomasz",
                "surname": "Kowalczyk",
                "company_name": "Vistula Freight",
                "job_title": "Head of Rail Operations",
                "emails": [{"email": GUEST_EMAIL, "type": "work"}],
                "phone_numbers": [{"number": GUEST_PHONE, "type": "mobile"}],
                "physical_addresses": [
                    {
                        "type": "work",
                        "street_address": "ul. Chmielna 73",
                        "city": "Gdansk",
                        "postal_code": "80-748",
                        "country": "Poland",
                    }
                ],
            },
        ),
    )


def run_cronofy() -> None:
    """pycronofy (Cronofy calendar API): the meeting goes into the host's calendar with the guest
    invited, a Smart Invite is sent to the guest, and a follow-up slot is looked for in both
    calendars (README usage: Client(access_token), upsert_event, upsert_smart_invite,
    availability)."""
    import pycronofy

    # Smart Invites authenticate with the application's client secret, the rest with the
    # account's access token.
    cronofy = pycronofy.Client(
        client_id="c0rpus13CronofyClientIdQw8",
        client_secret="CRN_c0rpus13CronofyClientSecretEr5Ty2Ui9OpAs",
        access_token="c0rpus13CronofyAccessTokenQw8Er5Ty2Ui",
    )
    event = {
        "event_id": f"meet-{MEETING_ID}",
        "summary": TOPIC,
        "description": f"Meeting ID {MEETING_ID}, passcode 552917.",
        "start": "2026-12-09T13:00:00Z",
        "end": "2026-12-09T14:00:00Z",
        "tzid": "Europe/Berlin",
        "location": {"description": "Meetcorp Berlin, Room Spree"},
        "attendees": {"invite": [{"email": GUEST_EMAIL, "display_name": GUEST_NAME}]},
    }
    _quietly("upsert_event", lambda: cronofy.upsert_event("cal_c0r13Host_Calendar01", event))
    _quietly(
        "smart_invite",
        lambda: cronofy.upsert_smart_invite(
            smart_invite_id=f"invite-{MEETING_ID}",
            recipient={"email": GUEST_EMAIL},
            event={
                "summary": TOPIC,
                "description": f"Meeting ID {MEETING_ID}",
                "start": "2026-12-09T13:00:00Z",
                "end": "2026-12-09T14:00:00Z",
                "tzid": "Europe/Berlin",
            },
            callback_url=f"https://meet.meetcorp-example.com/hooks/cronofy/{MEETING_ID}",
            organizer={"name": HOST_NAME},
        ),
    )
    _quietly(
        "availability",
        lambda: cronofy.availability(
            participants=[
                {
                    "members": [{"sub": "acc_c0r13alice01"}, {"sub": "acc_c0r13tomasz02"}],
                    "required": "all",
                }
            ],
            required_duration={"minutes": 30},
            available_periods=[
                {"start": "2026-12-14T08:00:00Z", "end": "2026-12-14T16:00:00Z"},
            ],
        ),
    )


def run_vimeo() -> None:
    """PyVimeo (Vimeo API): the meeting's recording is uploaded (tus: the create call carries its
    name and description), its metadata edited, a comment left and captions uploaded (README
    usage: VimeoClient(token, key, secret), upload, patch, post, upload_texttrack)."""
    import vimeo

    client = vimeo.VimeoClient(
        token="c0rpus13VimeoAccessTokenQw8Er5Ty2Ui9Op",
        key="c0rpus13VimeoClientId",
        secret="c0rpus13VimeoClientSecretAs3DfGh",
    )
    directory = Path(tempfile.mkdtemp(prefix="heldout13-vimeo-"))
    recording = directory / f"meeting-{MEETING_ID}.mp4"
    # A few bytes of an MP4 header: the create call sends only the size and the metadata.
    recording.write_bytes(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 1000)
    _quietly(
        "upload",
        lambda: client.upload(
            str(recording),
            data={
                "name": f"{TOPIC} - recording {MEETING_ID}",
                "description": f"Recorded meeting with {GUEST_NAME} (Vistula Freight).",
                "privacy": {"view": "unlisted"},
            },
        ),
    )
    video = "/videos/1043c0r13"
    _quietly(
        "patch",
        lambda: client.patch(
            video,
            data={
                "name": f"{TOPIC} ({MEETING_ID})",
                "description": f"Host: {HOST_NAME}. Guest: {GUEST_NAME}.",
                "password": "Fr8Cap26",
                "privacy": {"view": "password"},
            },
        ),
    )
    _quietly(
        "comment",
        lambda: client.post(
            video + "/comments",
            data={
                "text": "Tomasz, the pricing discussion starts at 23:40 - please check the numbers."
            },
        ),
    )
    captions = directory / "captions.vtt"
    captions.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n"
        f"{HOST_NAME}: Welcome to the {TOPIC}.\n\n00:00:04.500 --> 00:00:08.000\n"
        f"{GUEST_NAME}: Rail slots from Gdansk are booked until October.\n",
        encoding="utf-8",
    )
    _quietly(
        "texttrack",
        lambda: client.upload_texttrack(video, "captions", "en", str(captions)),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "wavefront-py": run_wavefront,
    "logdash-py": run_logdash,
    "opsgenie-py": run_opsgenie,
    "suprsend-py": run_suprsend,
    "nylas-py": run_nylas,
    "cronofy-py": run_cronofy,
    "vimeo-py": run_vimeo,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
