"""PyPI SDKs of the twentieth held-out set (heldout20.py): the LLM observability logger behind a
meeting product's AI summaries (Athina), a CRM the meeting is logged in (Attio), a meeting
intelligence service that recorded it (Avoma) and subscription billing that meters its usage
(Chargebee), each making the calls a meeting backend would make around a meeting, to its
vendor's real host. Run one as a program: `python heldout20_runs.py SCENARIO`; heldout20.py
starts it through the auditor's proxy (`auditor capture --sinkhole '*'`) with the environment
`auditor launch` gives a program, so nothing leaves the machine.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Geothermal brine reinjection permit review"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Leilani Kahananui"
GUEST_EMAIL = "leilani.kahananui@puna-geo-example.com"
GUEST_PHONE = "+18085550142"
GUEST_USERNAME = "leilani.kahananui"
START = dt.datetime(2026, 12, 3, 19, 0, tzinfo=dt.UTC)
END = START + dt.timedelta(minutes=45)


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_athina() -> None:
    """athina-logger (Athina LLM observability): the meeting backend logs the AI-summary inference
    it ran on the meeting's transcript (prompt, response, tokens, response time, the customer and
    user it ran for) and, later, the user's thumbs-down on that summary with her comment (README
    usage: AthinaApiKey.set_api_key, InferenceLogger.log_inference,
    UserFeedback.log_user_feedback)."""
    from athina_logger.api_key import AthinaApiKey
    from athina_logger.feedback.user_feedback import UserFeedback
    from athina_logger.inference_logger import InferenceLogger

    AthinaApiKey.set_api_key("ath_h20c0r20b7d1e5f9a3c6b0e4d8f2a")
    transcript = (
        f"{GUEST_NAME}: The reinjection pressure stayed under the permit limit all quarter, but "
        "the county wants the induced-seismicity log before renewing.\n"
        f"{HOST_NAME}: Then I'll send them the monitoring data by Friday and ask for a "
        "ninety-day extension."
    )
    InferenceLogger.log_inference(
        prompt=[
            {"role": "system", "content": f"Summarise the meeting '{TOPIC}' in three bullets."},
            {"role": "user", "content": transcript},
        ],
        response=(
            "- Reinjection pressure stayed within the permit limit this quarter.\n"
            "- The county needs the induced-seismicity log before renewal.\n"
            f"- {HOST_NAME} sends the monitoring data by Friday and asks for a 90-day extension."
        ),
        prompt_slug="meeting-summary",
        language_model_id="gpt-4o-mini",
        environment="production",
        external_reference_id=f"summary-{MEETING_ID}",
        customer_id="ws_acme_0142",
        customer_user_id=HOST_EMAIL,
        session_id=str(MEETING_ID),
        prompt_tokens=388,
        completion_tokens=57,
        total_tokens=445,
        response_time=1620,
        custom_attributes={"meeting_topic": TOPIC, "client": "desktop 5.18.0", "locale": "en-US"},
    )
    time.sleep(2)  # the logger sends from a thread of its own
    _quietly(
        "user feedback",
        lambda: UserFeedback.log_user_feedback(
            external_reference_id=f"summary-{MEETING_ID}",
            user_feedback=-1,
            user_feedback_comment="It left out that the county asked for the seismicity log.",
        ),
    )


def run_attio() -> None:
    """attio (Attio CRM, Speakeasy-generated client): the meeting backend upserts the guest as a
    person record matched on her e-mail, logs the meeting with its participants on the CRM, and
    attaches the meeting's notes and the follow-up task to her record (README usage:
    SDK(oauth2=...), records.put_v2_objects_object_records, meetings.post_v2_meetings,
    notes.post_v2_notes, tasks.post_v2_tasks)."""
    from attio import SDK

    with SDK(oauth2="attio_h20c0r20e1f5a9d3b7c2e6f0a4d8b") as sdk:
        _quietly(
            "person upsert",
            lambda: sdk.records.put_v2_objects_object_records(
                object="people",
                matching_attribute="email_addresses",
                data={
                    "values": {
                        "email_addresses": [GUEST_EMAIL],
                        "name": [
                            {
                                "first_name": "Leilani",
                                "last_name": "Kahananui",
                                "full_name": GUEST_NAME,
                            }
                        ],
                        "phone_numbers": [{"original_phone_number": GUEST_PHONE}],
                        "job_title": ["Permitting lead"],
                    }
                },
            ),
        )
        _quietly(
            "meeting",
            lambda: sdk.meetings.post_v2_meetings(
                data={
                    "title": TOPIC,
                    "description": f"Zoom meeting {MEETING_ID}, quarterly permit check-in.",
                    "start": {"datetime_": START, "timezone": "Pacific/Honolulu"},
                    "end": {"datetime_": END, "timezone": "Pacific/Honolulu"},
                    "is_all_day": False,
                    "participants": [
                        {
                            "is_organizer": True,
                            "status": "accepted",
                            "email_address": HOST_EMAIL,
                            "name": HOST_NAME,
                        },
                        {
                            "is_organizer": False,
                            "status": "accepted",
                            "email_address": GUEST_EMAIL,
                            "name": GUEST_NAME,
                        },
                    ],
                    "linked_records": [
                        {"object": "companies", "record_id": "0f3a7c21-5b9e-4d84-a6c2-8e1d4b7f2a90"}
                    ],
                }
            ),
        )
        _quietly(
            "note",
            lambda: sdk.notes.post_v2_notes(
                data={
                    "parent_object": "people",
                    "parent_record_id": "c81d4e2a-9f37-4b6a-b0e5-2d7a1f9c3e64",
                    "title": f"Notes: {TOPIC}",
                    "format_": "plaintext",
                    "content": (
                        f"{GUEST_NAME} confirmed reinjection pressure stayed under the permit "
                        "limit. The county wants the induced-seismicity log before renewing; "
                        f"{HOST_NAME} sends the monitoring data by Friday and asks for a "
                        "90-day extension."
                    ),
                }
            ),
        )
        _quietly(
            "task",
            lambda: sdk.tasks.post_v2_tasks(
                data={
                    "content": "Send the county the induced-seismicity monitoring data",
                    "format_": "plaintext",
                    "deadline_at": "2026-12-04T17:00:00.000000000Z",
                    "is_completed": False,
                    "linked_records": [
                        {
                            "target_object": "people",
                            "target_record_id": "c81d4e2a-9f37-4b6a-b0e5-2d7a1f9c3e64",
                        }
                    ],
                    "assignees": [{"workspace_member_email_address": HOST_EMAIL}],
                }
            ),
        )


def run_avoma() -> None:
    """avoma-client (Avoma meeting notes and conversation intelligence, community client): the
    meeting backend lists the week's recorded meetings, fetches the transcript of the one just
    held, and its AI insights (README usage: AvomaClient(api_key), meetings.list,
    transcriptions.get_by_meeting_id, meetings.get_insights)."""
    import aiohttp
    from avoma import AvomaClient

    meeting_uuid = "3c9e1f7a-4b2d-4e8a-9f60-a20d5b7c1e34"

    async def calls() -> None:
        key = "avm_h20c0r20d4a8e2f6b1c5d9a3e7f0"
        # Scenario plumbing: the same session the client makes for itself (its Bearer header),
        # with trust_env so aiohttp reads the proxy `auditor launch` sets.
        session = aiohttp.ClientSession(headers={"Authorization": f"Bearer {key}"}, trust_env=True)
        client = AvomaClient(key, session=session)
        week_ago = END - dt.timedelta(days=7)

        async def quietly(what: str, call: Any) -> None:
            try:
                await call
            except Exception as err:
                print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)

        await quietly(
            "meetings",
            client.meetings.list(from_date=week_ago.isoformat(), to_date=END.isoformat()),
        )
        await quietly("transcript", client.transcriptions.get_by_meeting_id(meeting_uuid))
        await quietly("insights", client.meetings.get_insights(meeting_uuid))
        await client.close()

    asyncio.run(calls())


def run_chargebee() -> None:
    """chargebee (Chargebee subscription billing): the meeting backend creates the workspace's
    billing customer, records the transcription minutes the meeting used against the metered
    add-on of its subscription, and lists the subscription's usages for the invoice preview
    (README usage: Chargebee(api_key, site), Customer.create, Usage.create, Usage.list)."""
    from chargebee import Chargebee

    # Scenario plumbing: the client pins its own CA bundle; point it at the one `auditor launch`
    # sets, as a deployment behind a TLS-inspecting proxy does.
    Chargebee.ca_cert_path = os.environ["SSL_CERT_FILE"]
    cb = Chargebee(api_key="live_h20c0r20f2b6e0a4d8c3f7b1e5a9", site="acme-meet")
    _quietly(
        "customer",
        lambda: cb.Customer.create(
            {
                "id": "ws_acme_0142",
                "first_name": HOST_NAME.split()[0],
                "last_name": HOST_NAME.split()[1],
                "email": HOST_EMAIL,
                "company": "Acme Meet workspace",
                "locale": "en-US",
                "meta_data": {"owner": HOST_USERNAME, "plan": "Business"},
            }
        ),
    )
    _quietly(
        "usage",
        lambda: cb.Usage.create(
            "sub_ws_acme_0142",
            {
                "item_price_id": "transcription-minutes-USD-monthly",
                "quantity": "45",
                "usage_date": int(END.timestamp()),
                "note": f"meeting {MEETING_ID} transcribed",
            },
        ),
    )
    _quietly(
        "usages",
        lambda: cb.Usage.list({"subscription_id[is]": "sub_ws_acme_0142", "limit": 10}),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "athina-py": run_athina,
    "attio-py": run_attio,
    "avoma-py": run_avoma,
    "chargebee-py": run_chargebee,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
