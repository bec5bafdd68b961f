"""PyPI SDKs of the seventeenth held-out set (heldout17.py): a real-time video platform's server
API (Fishjam: rooms, peers, recordings), a cloud phone and meetings platform (Dialpad), voice AI
calls (Retell AI), voice calls and SMS of a communications API (Africa's Talking) and the
feature-flag and usage-event SDK a meeting product embeds (Schematic), each making the calls a
meeting backend would make around a meeting, to its vendor's real host. Run one as a program:
`python heldout17_runs.py SCENARIO`; heldout17.py starts it through the auditor's proxy
(`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a program, so
nothing leaves the machine.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Grain elevator moisture sensor rollout review"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Aigerim Bekova"
GUEST_FIRST, GUEST_LAST = "Aigerim", "Bekova"
GUEST_EMAIL = "aigerim.bekova@steppe-grain-example.kz"
GUEST_PHONE = "+77015550183"
GUEST_USERNAME = "aigerim.bekova"
# The corpus user's own phone line (CORPUS_VALUES holds none).
HOST_PHONE = "+14155550142"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_fishjam() -> None:
    """fishjam-server-sdk (Fishjam, real-time video rooms by Software Mansion): a meeting backend
    creates the meeting's room, adds the outside participant as a WebRTC peer with her display
    metadata, puts a Vapi voice agent into the room as a note-taker, starts a recording of the
    room's composition and lists the meeting's recordings (README usage:
    FishjamClient(fishjam_id, management_token), create_room, create_peer, create_vapi_agent,
    create_composition_recording, get_all_recordings)."""
    from fishjam import FishjamClient, PeerOptions, RoomOptions
    from fishjam._fishjam_openapi_client.models import CompositionSource, PeerOptionsVapi

    client = FishjamClient(
        fishjam_id="f7c2a9e14b3d4e5f",
        management_token="fjm_h17c0r17Qw8Lx3Vn6Rt1Kb9Pz4Mc2",
    )
    room_id = "room-h17c0r17-7d41"
    _quietly(
        "create_room",
        lambda: client.create_room(
            RoomOptions(
                max_peers=8,
                video_codec="vp8",
                webhook_url=f"https://meet.acme-meet.example/hooks/fishjam/{MEETING_ID}",
                room_type="conference",
            )
        ),
    )
    _quietly(
        "create_peer",
        lambda: client.create_peer(
            room_id,
            PeerOptions(
                metadata={
                    "displayName": GUEST_NAME,
                    "email": GUEST_EMAIL,
                    "userId": GUEST_USERNAME,
                    "meetingId": MEETING_ID,
                    "role": "guest",
                }
            ),
        ),
    )
    _quietly(
        "create_vapi_agent",
        lambda: client.create_vapi_agent(
            room_id,
            PeerOptionsVapi(
                api_key="vapi_h17c0r17-2b8e-4c1d-9f6a-3e5d7c9b1a40",
                call_id="call-h17c0r17-notetaker",
            ),
        ),
    )
    _quietly(
        "create_composition_recording",
        lambda: client.create_composition_recording(
            CompositionSource(
                composition_url="https://rtc.fishjam.io/composition/cmp-h17c0r17",
                output_id="main",
            ),
            metadata={
                "meeting_id": MEETING_ID,
                "topic": TOPIC,
                "host": HOST_EMAIL,
            },
        ),
    )
    _quietly(
        "get_all_recordings",
        lambda: client.get_all_recordings(metadata={"meeting_id": MEETING_ID}),
    )


def run_dialpad() -> None:
    """python-dialpad (Dialpad cloud phone and meetings): a meeting backend saves the outside
    participant as a contact of the corpus user, rings her from the user's line when she is
    missing from the meeting, the user texts her the dial-in, and the backend lists the meeting
    room's meeting summaries (README usage: DialpadClient(token), contacts.create,
    calls.initiate_ring_call, sms.send, meetings.list)."""
    from dialpad import DialpadClient

    dialpad = DialpadClient(token="dpd_h17c0r17Lm5Qx8Vr2Tn7Kw4Bz9Hc3Js6")
    _quietly(
        "contacts.create",
        lambda: dialpad.contacts.create(
            {
                "first_name": GUEST_FIRST,
                "last_name": GUEST_LAST,
                "emails": [GUEST_EMAIL],
                "phones": [GUEST_PHONE],
                "company_name": "Steppe Grain Cooperative",
                "job_title": "Elevator operations lead",
                "owner_id": "5829301746",
            }
        ),
    )
    _quietly(
        "calls.initiate_ring_call",
        lambda: dialpad.calls.initiate_ring_call(
            {
                "phone_number": GUEST_PHONE,
                "user_id": 5829301746,
                "outbound_caller_id": HOST_PHONE,
                "custom_data": f"meeting:{MEETING_ID}",
            }
        ),
    )
    _quietly(
        "sms.send",
        lambda: dialpad.sms.send(
            {
                "user_id": 5829301746,
                "to_numbers": [GUEST_PHONE],
                "text": (
                    f"Aigerim, we started the {TOPIC} without you. Dial in: +1 415 555 0199, "
                    f"meeting {MEETING_ID}. Alice"
                ),
            }
        ),
    )
    _quietly(
        "meetings.list",
        lambda: list(dialpad.meetings.list(room_id="6120457793859584")),
    )


def run_retell() -> None:
    """retell-sdk (Retell AI voice agents): a meeting backend has its voice agent phone the
    outside participant to confirm the follow-up, opens a web call in which the agent joins the
    corpus user's browser, and tags the finished call (README usage: Retell(api_key),
    call.create_phone_call, call.create_web_call, call.update)."""
    from retell import Retell

    retell = Retell(api_key="key_h17c0r17f3a9c1e5b7d2", max_retries=0)
    _quietly(
        "create_phone_call",
        lambda: retell.call.create_phone_call(
            from_number=HOST_PHONE,
            to_number=GUEST_PHONE,
            override_agent_id="agent_h17c0r17followup",
            retell_llm_dynamic_variables={
                "guest_name": GUEST_NAME,
                "meeting_topic": TOPIC,
                "host_name": HOST_NAME,
            },
            metadata={"meeting_id": MEETING_ID, "host_email": HOST_EMAIL},
        ),
    )
    _quietly(
        "create_web_call",
        lambda: retell.call.create_web_call(
            agent_id="agent_h17c0r17notes",
            retell_llm_dynamic_variables={"user_name": HOST_NAME, "meeting_id": MEETING_ID},
            metadata={"user_id": HOST_USERNAME},
        ),
    )
    _quietly(
        "call.update",
        lambda: retell.call.update(
            "call_h17c0r17a4e8b2d6",
            custom_attributes={"meeting_id": MEETING_ID, "guest_confirmed": True},
            data_storage_setting="everything_except_pii",
            metadata={"outcome": "guest will send the sensor calibration sheet"},
        ),
    )


def run_africastalking() -> None:
    """africastalking (Africa's Talking voice, SMS and SIM-swap insights): a meeting backend
    calls the outside participant into the meeting's audio bridge, texts her the meeting's
    start, and checks her number for a recent SIM swap before sending a one-time code (README
    usage: initialize(username, api_key), Voice.call, SMS.send, Insights.check_sim_swap_state).
    """
    import africastalking

    africastalking.initialize(username="acmemeet", api_key="atsk_h17c0r17b9e2f7a4c1d8e6")
    _quietly(
        "voice.call",
        lambda: africastalking.Voice.call(callFrom="+254711082300", callTo=[GUEST_PHONE]),
    )
    _quietly(
        "sms.send",
        lambda: africastalking.SMS.send(
            f"Your meeting {MEETING_ID} ({TOPIC}) starts in 10 minutes.",
            [GUEST_PHONE],
            sender_id="AcmeMeet",
        ),
    )
    _quietly(
        "insights.sim_swap",
        lambda: africastalking.Insights.check_sim_swap_state([GUEST_PHONE]),
    )


def run_schematic() -> None:
    """schematichq (Schematic, feature flags, entitlements and usage events): a meeting product
    checks whether the corpus user's company may record meetings, identifies the user with the
    company and tracks a hosted meeting as usage (README usage: Schematic(api_key),
    check_flag(key, company, user), identify(keys, company, name, traits), track(event, company,
    user, traits))."""
    from schematic.client import Schematic, SchematicConfig
    from schematic.types import EventBodyIdentifyCompany

    schematic = Schematic(
        "api_h17c0r17d5f8a2c6e9b1",
        SchematicConfig(event_buffer_period=1),
    )
    company = {"company_id": "acme-meet-example"}
    user = {"user_id": HOST_USERNAME, "email": HOST_EMAIL}
    _quietly(
        "check_flag",
        lambda: schematic.check_flag("cloud-recording", company=company, user=user),
    )
    schematic.identify(
        keys=user,
        company=EventBodyIdentifyCompany(keys=company, name="Acme Meet Example Ltd"),
        name=HOST_NAME,
        traits={"plan": "Business", "seats": 40},
    )
    schematic.track(
        "meeting-hosted",
        company=company,
        user=user,
        traits={"meeting_id": MEETING_ID, "participants": 2, "recorded": True},
        quantity=1,
    )
    time.sleep(2)
    schematic.shutdown()


SCENARIOS: dict[str, Callable[[], None]] = {
    "fishjam-py": run_fishjam,
    "dialpad-py": run_dialpad,
    "retell-py": run_retell,
    "africastalking-py": run_africastalking,
    "schematic-py": run_schematic,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
