"""PyPI SDKs of the eighteenth held-out set (heldout18.py): the customer-feedback (NPS) SDK a
meeting product embeds (Delighted), its usage metering (Amberflo) and a speech-to-text API that
transcribes the meeting's recording (Gladia), each making the calls a meeting backend would make
around a meeting, to its vendor's real host. Run one as a program:
`python heldout18_runs.py SCENARIO`; heldout18.py starts it through the auditor's proxy
(`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a program, so
nothing leaves the machine.
"""

from __future__ import annotations

import io
import struct
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Desalination membrane fouling quarterly review"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Thandiwe Mokoena"
GUEST_EMAIL = "thandiwe.mokoena@karoo-water-example.co.za"
GUEST_PHONE = "+27825550164"
GUEST_USERNAME = "thandiwe.mokoena"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_delighted() -> None:
    """delighted (Delighted NPS and customer feedback, by Qualtrics): after a meeting ends the
    meeting backend schedules an NPS survey e-mail to the corpus user with the meeting's
    properties, records the score and comment she gave in the client's own survey prompt, and
    cancels her pending survey requests when she answered in-app (README usage:
    delighted.api_key, Person.create, SurveyResponse.create, SurveyRequest.delete_pending)."""
    import delighted

    delighted.api_key = "dlt_h18c0r18Xq7Vb2Nm5Lk8Jh3Gf6Ds9"
    _quietly(
        "person",
        lambda: delighted.Person.create(
            email=HOST_EMAIL,
            name=HOST_NAME,
            delay=3600,
            properties={
                "customer_id": HOST_USERNAME,
                "plan": "Business",
                "meeting_id": MEETING_ID,
                "meeting_topic": TOPIC,
                "participants": 2,
                "locale": "en-GB",
                "question_product_name": "Acme Meet",
            },
        ),
    )
    _quietly(
        "survey response",
        lambda: delighted.SurveyResponse.create(
            person="pers-h18c0r18-4412",
            score=6,
            comment=(
                "Screen sharing froze twice while Thandiwe was walking us through the "
                "membrane pressure charts, we had to switch to her phone."
            ),
            person_properties={"meeting_id": MEETING_ID, "client_version": "5.17.3"},
        ),
    )
    _quietly(
        "delete pending",
        lambda: delighted.SurveyRequest.delete_pending(person_email=HOST_EMAIL),
    )


def run_amberflo() -> None:
    """amberflo-metering-python (Amberflo usage metering and billing): the meeting backend keeps
    the corpus user's organisation as a metered customer, meters the minutes of recorded and
    transcribed meeting time per meeting, and queries the month's usage (README usage:
    CustomerApiClient.add, create_ingest_client(...).meter + flush, UsageApiClient.get)."""
    from metering.customer import CustomerApiClient, create_customer_payload
    from metering.ingest import create_ingest_client
    from metering.usage import (
        AggregationType,
        Take,
        TimeGroupingInterval,
        TimeRange,
        UsageApiClient,
        create_usage_query,
    )

    api_key = "amb_h18c0r18-7f2e-4b9a-a1c3-5d8e6f0b2c47"
    customer_id = "acme-meet-org-alice-example"
    customers = CustomerApiClient(api_key)
    _quietly(
        "customer",
        lambda: customers.add(
            create_customer_payload(
                customer_id=customer_id,
                customer_email=HOST_EMAIL,
                customer_name=HOST_NAME,
                traits={"plan": "Business", "seats": "40", "region": "eu-west-1"},
            )
        ),
    )
    ingest = create_ingest_client(api_key=api_key, send_interval_in_secs=0.5, retries=0)
    now = int(time.time() * 1000)
    ingest.meter(
        meter_api_name="recorded-meeting-minutes",
        meter_value=47,
        meter_time_in_millis=now,
        customer_id=customer_id,
        dimensions={"meeting_id": MEETING_ID, "host": HOST_USERNAME, "region": "eu-west-1"},
    )
    ingest.meter(
        meter_api_name="transcription-minutes",
        meter_value=47,
        meter_time_in_millis=now,
        customer_id=customer_id,
        dimensions={"meeting_id": MEETING_ID, "language": "en"},
    )
    ingest.flush()
    ingest.shutdown()
    usage = UsageApiClient(api_key)
    _quietly(
        "usage",
        lambda: usage.get(
            create_usage_query(
                meter_api_name="recorded-meeting-minutes",
                aggregation=AggregationType.SUM,
                time_grouping_interval=TimeGroupingInterval.DAY,
                time_range=TimeRange(int(time.time()) - 60 * 60 * 24 * 30),
                group_by=["customerId"],
                usage_filter={"customerId": [customer_id]},
                take=Take(limit=10, is_ascending=False),
            )
        ),
    )


def _meeting_recording() -> bytes:
    """A short silent 16 kHz mono WAV: the meeting's audio the client uploads."""
    samples = b"\x00\x00" * 16000
    header = b"RIFF" + struct.pack("<I", 36 + len(samples)) + b"WAVEfmt "
    header += struct.pack("<IHHIIHH", 16, 1, 1, 16000, 32000, 2, 16)
    return header + b"data" + struct.pack("<I", len(samples)) + samples


def run_gladia() -> None:
    """gladiaio-sdk (Gladia speech-to-text): the meeting backend uploads the meeting's
    recording, starts a pre-recorded transcription with diarization, the participants' names
    as custom vocabulary and the meeting in its metadata, and opens a live transcription session
    for the next meeting (GladiaClient(api_key), pre_recorded_v2().upload_file,
    pre_recorded_v2().create, live_v2().start_session)."""
    from gladiaio_sdk import GladiaClient

    client = GladiaClient(api_key="gl_h18c0r18-3c6f-4e1b-9a27-d5b8e0f4a9c1")
    prerecorded = client.pre_recorded_v2()
    recording = io.BytesIO(_meeting_recording())
    recording.name = f"meeting-{MEETING_ID}-recording.wav"
    _quietly("upload", lambda: prerecorded.upload_file(recording))
    _quietly(
        "create",
        lambda: prerecorded.create(
            {
                "audio_url": "https://api.gladia.io/file/6c1e2f4a-h18c-4d7b-9e3a-0f5b8c2d1e47",
                "diarization": True,
                "diarization_config": {"number_of_speakers": 2},
                "custom_vocabulary": True,
                "custom_vocabulary_config": {
                    "vocabulary": [GUEST_NAME, "reverse osmosis", "permeate flux"],
                },
                "summarization": True,
                "callback": True,
                "callback_config": {
                    "url": f"https://meet.acme-meet.example/hooks/gladia/{MEETING_ID}",
                },
                "custom_metadata": {
                    "meeting_id": MEETING_ID,
                    "topic": TOPIC,
                    "host": HOST_EMAIL,
                },
            }
        ),
    )
    _quietly(
        "live",
        lambda: client.live_v2().start_session(
            {
                "encoding": "wav/pcm",
                "sample_rate": 16000,
                "bit_depth": 16,
                "channels": 1,
                "language_config": {"languages": ["en"], "code_switching": False},
                "custom_metadata": {"meeting_id": MEETING_ID, "participant": GUEST_EMAIL},
                "messages_config": {"receive_partial_transcripts": True},
            }
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "delighted-py": run_delighted,
    "amberflo-py": run_amberflo,
    "gladia-py": run_gladia,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
