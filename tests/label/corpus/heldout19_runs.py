"""PyPI SDKs of the nineteenth held-out set (heldout19.py): the LLM observability SDK behind a
meeting product's AI summaries (Humanloop), a video-rooms API that opens the meeting's room
(Whereby) and a meeting-notes service whose bot records and transcribes the meeting (Fireflies),
each making the calls a meeting backend would make around a meeting, to its vendor's real host.
Run one as a program: `python heldout19_runs.py SCENARIO`; heldout19.py starts it through the
auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a
program, so nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Cross-laminated timber fire rating sign-off"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Aino Lehtinen"
GUEST_EMAIL = "aino.lehtinen@saimaa-timber-example.fi"
GUEST_PHONE = "+358405550187"
GUEST_USERNAME = "aino.lehtinen"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_humanloop() -> None:
    """humanloop (Humanloop LLM evaluation and observability): the meeting backend logs the
    AI-summary prompt it ran on the meeting's transcript (model, template, messages, output,
    tokens, cost), the user's thumbs-down on that summary as an evaluator judgment, and the
    summary's regenerated follow-up e-mail draft (README usage: Humanloop(api_key),
    client.prompts.log, client.evaluators.log)."""
    from humanloop import Humanloop

    client = Humanloop(api_key="hl_sk_h19c0r19e7a2b9c4d1f6a3e8b5c0d7")
    transcript = (
        f"{GUEST_NAME}: The panels passed the ninety-minute char test, but the glue line at "
        "the edge delaminated after sixty.\n"
        f"{HOST_NAME}: Then we hold the sign-off until the second lab report, and I'll tell "
        "the architect on Thursday."
    )
    _quietly(
        "prompt log",
        lambda: client.prompts.log(
            path="Acme Meet/Meeting summary",
            prompt={
                "model": "gpt-4o-mini",
                "temperature": 0.2,
                "template": [
                    {"role": "system", "content": "Summarise the meeting {{topic}} in 3 bullets."}
                ],
            },
            messages=[{"role": "user", "content": transcript}],
            inputs={"topic": TOPIC, "meeting_id": MEETING_ID},
            output=(
                "- Panels passed the 90-minute char test; edge glue line delaminated at 60.\n"
                "- Fire rating sign-off is on hold until the second lab report.\n"
                f"- {HOST_NAME} will brief the architect on Thursday."
            ),
            prompt_tokens=412,
            output_tokens=61,
            provider_latency=1.84,
            finish_reason="stop",
            user=HOST_EMAIL,
            source="desktop-client",
            metadata={"meeting_id": MEETING_ID, "client_version": "5.17.3", "locale": "en-GB"},
            start_time=dt.datetime(2026, 12, 7, 15, 53, 2, tzinfo=dt.UTC),
            end_time=dt.datetime(2026, 12, 7, 15, 53, 4, tzinfo=dt.UTC),
        ),
    )
    _quietly(
        "feedback",
        lambda: client.evaluators.log(
            parent_id="log_h19c0r19Yb5Tq2Wm8Kd",
            path="Acme Meet/User feedback",
            judgment="bad",
            user=HOST_EMAIL,
            output="The summary misses that Aino owes us the second lab report.",
        ),
    )
    _quietly(
        "follow-up draft",
        lambda: client.prompts.log(
            path="Acme Meet/Follow-up e-mail",
            messages=[
                {
                    "role": "user",
                    "content": f"Draft a follow-up to {GUEST_NAME} <{GUEST_EMAIL}> about {TOPIC}.",
                }
            ],
            output=(
                f"Hi {GUEST_NAME.split()[0]}, thanks for walking us through the char test. "
                "Could you send the second lab report by Wednesday? Best, Alice"
            ),
            prompt_tokens=96,
            output_tokens=38,
            user=HOST_EMAIL,
            metadata={"meeting_id": MEETING_ID},
        ),
    )


def run_whereby() -> None:
    """whereby-api (Whereby embedded video rooms): the meeting backend creates the room of the
    scheduled meeting, reads it back when the guest opens the link, and deletes it after the
    meeting ended (README usage: WherebyClient(api_key).create_meeting, get_meeting,
    delete_meeting)."""
    from whereby_api import WherebyClient

    client = WherebyClient("eyJh19c0r19.wherebyKeyQm7Xp2Lk9")
    _quietly(
        "create",
        lambda: client.create_meeting(
            start_date=dt.datetime(2026, 12, 7, 15, 0),
            end_date=dt.datetime(2026, 12, 7, 16, 0),
            is_locked=True,
            room_name_prefix="cross-laminated-timber-fire-rating",
            room_mode="group",
            fields=["hostRoomUrl"],
        ),
    )
    _quietly("get", lambda: client.get_meeting("81h19c0r19"))
    _quietly("delete", lambda: client.delete_meeting("81h19c0r19"))


def run_fireflies() -> None:
    """fireflies-sdk (Fireflies.ai meeting notes, GraphQL API): the corpus user's backend sends
    the notetaker bot to her meeting's link, fetches the transcript with its sentences and
    speakers afterwards, and deletes it on her request (README usage:
    FirefliesAPI(api_key).join_meeting, get_transcript_text, delete_transcript)."""
    from fireflies_sdk.api import FirefliesAPI

    client = FirefliesAPI(api_key="ff_h19c0r19c3b8e1a6d4f9")
    _quietly(
        "join",
        lambda: client.join_meeting(
            duration=60,
            name="Acme Meet Notetaker",
            url=f"https://meet.acme-example.com/j/{MEETING_ID}?pwd=h19Tf6Rk2",
        ),
    )
    _quietly("transcript", lambda: client.get_transcript_text("01JH19C0R19TRANSCRIPT7Q"))
    _quietly("delete", lambda: client.delete_transcript("01JH19C0R19TRANSCRIPT7Q"))


def run_calendly() -> None:
    """calendly (Calendly scheduling, v1 API): the meeting product's calendar integration reads
    the connected Calendly account and its event types, subscribes a webhook for invitees booking
    and cancelling (which then become meetings), and removes the webhook of an older install
    (README usage: Calendly(api_key).about, event_types, create_webhook, remove_webhook)."""
    from calendly import Calendly

    client = Calendly("cal_h19c0r19Vn4Rt8Pw2Hs6")
    _quietly("about", client.about)
    _quietly("event types", client.event_types)
    _quietly(
        "webhook",
        lambda: client.create_webhook(
            f"https://meet.acme-example.com/hooks/calendly/{HOST_USERNAME}",
            ["created", "canceled"],
        ),
    )
    _quietly("remove webhook", lambda: client.remove_webhook(418207))


def run_planhat() -> None:
    """planhat (Planhat customer success platform): after the meeting the account manager's
    backend logs it on the customer's timeline as a conversation with her notes, and reads the
    customer's contacts and the companies of a renewal segment (README usage:
    Planhat(API_URL_EU, tenant_id, api_token).post_conversations, get_contacts, get_companies)."""
    from planhat import API_URL_EU, Planhat

    client = Planhat(API_URL_EU, "h19c0r19-tenant", "ph_h19c0r19Gm5Zx1Qc7Lr3")
    _quietly(
        "conversation",
        lambda: client.post_conversations(
            title="Meeting",
            description=f"{TOPIC} (meeting {MEETING_ID}) with {GUEST_NAME}",
            company_id="5f9h19c0r19a7e2b4c6d8e0f",
            user_id="60ah19c0r19b3d5f7a9c1e2",
            tag="fire-rating",
            conversation=(
                f"{GUEST_NAME} confirmed the panels passed the char test but the edge glue line "
                "delaminated; sign-off waits for the second lab report. She asked for the "
                f"recording, sent to {GUEST_EMAIL}."
            ),
        ),
    )
    _quietly("contacts", lambda: client.get_contacts(company_id="5f9h19c0r19a7e2b4c6d8e0f"))
    _quietly("companies", lambda: client.get_companies(segment_id="renewals-q1"))


SCENARIOS: dict[str, Callable[[], None]] = {
    "humanloop-py": run_humanloop,
    "whereby-py": run_whereby,
    "fireflies-py": run_fireflies,
    "calendly-py": run_calendly,
    "planhat-py": run_planhat,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
