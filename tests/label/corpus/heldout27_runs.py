"""PyPI SDKs of the twenty-seventh held-out set (heldout27.py): what a meeting product's media
and recording backend sends to the services its calls are built on: media processing with noise
reduction and speech analytics plus a real-time streaming token (Dolby.io), a live-streaming room
with a participant and its recording egress (Livepeer Studio), and a meeting-transcription and
speech-analytics service whose bot joins the call (Voicegain), a video platform for the
recording (Kaltura) and expressive voice (Hume AI), each to its vendor's real host.
Run one as a program: `python heldout27_runs.py SCENARIO`; heldout27.py starts it through the
auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a
program, so nothing leaves the machine.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Refrigerated container fleet telemetry review"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Rosalind Achterberg"
GUEST_EMAIL = "rosalind.achterberg@harbourline-freight-example.co.uk"
GUEST_PHONE = "+447700900431"
RECORDING = f"rec-{MEETING_ID}-20261207"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


async def _aquietly(what: str, call: Awaitable[object]) -> None:
    try:
        await call
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_dolbyio() -> None:
    """dolbyio-rest-apis (Dolby.io's own Python wrapper of its REST APIs): the meeting backend
    gets a Media API token, declares where the meeting's recording goes, starts noise reduction
    (Enhance) and speech analytics on it, and makes a real-time streaming publish token for the
    meeting's live broadcast (README usage: media.authentication.get_api_token, media.io
    .get_upload_url, media.enhance.start, media.analyze_speech.start, streaming.publish_token
    .create)."""
    from dolbyio_rest_apis.core import http_context
    from dolbyio_rest_apis.media import analyze_speech, authentication, enhance, io
    from dolbyio_rest_apis.streaming import publish_token
    from dolbyio_rest_apis.streaming.models.publish_token import (
        CreatePublishToken,
        TokenStreamName,
    )

    # Scenario plumbing: the wrapper's aiohttp client ignores the proxy `auditor launch` sets
    # and trusts only certifi's roots; let it read the proxy and the capture's CA.
    http_context.RetryClient = functools.partial(http_context.RetryClient, trust_env=True)
    http_context.certifi.where = lambda: os.environ["SSL_CERT_FILE"]
    token = "eyJh27DolbyMediaJwtQw8Er2Ty6Ui.h27payload.h27signature"

    async def run() -> None:
        await _aquietly(
            "token", authentication.get_api_token("h27DolbyAppKey0417==", "h27DolbyS3cret==")
        )
        await _aquietly("input", io.get_upload_url(token, f"dlb://meetings/{RECORDING}.wav"))
        job = {
            "input": f"dlb://meetings/{RECORDING}.wav",
            "output": f"dlb://meetings/{RECORDING}-enhanced.wav",
            "audio": {"noise": {"reduction": {"enable": True, "amount": "high"}}},
            "content": {"type": "meeting"},
        }
        await _aquietly("enhance", enhance.start(token, json.dumps(job)))
        speech = {
            "input": f"dlb://meetings/{RECORDING}.wav",
            "output": f"dlb://meetings/{RECORDING}-speech.json",
        }
        await _aquietly("speech", analyze_speech.start(token, json.dumps(speech)))
        create = CreatePublishToken(f"{TOPIC} ({MEETING_ID})")
        create.streams = [TokenStreamName(f"meeting-{MEETING_ID}")]
        create.record = True
        await _aquietly("publish", publish_token.create("h27RtsApiS3cretZx9Cv", create))

    asyncio.run(run())


def run_livepeer() -> None:
    """livepeer (Livepeer Studio's own Python SDK): the meeting backend creates a live stream
    for the meeting's broadcast with recording on, a real-time room, adds the guest to the room
    as a participant, and starts the room's egress to the stream (README usage:
    Livepeer(api_key), stream.create, room.create, room.create_user, room.start_egress)."""
    from livepeer import Livepeer

    lp = Livepeer(api_key="h27LivepeerKey-8f3a1c2e-4b5d")
    _quietly(
        "stream",
        lambda: lp.stream.create(
            request={
                "name": f"{TOPIC} ({MEETING_ID})",
                "record": True,
                "creator_id": {"type": "unverified", "value": HOST_USERNAME},
            }
        ),
    )
    _quietly("room", lambda: lp.room.create())
    room = "d32ae9e6-c459-4931-9898-e86e2f5e7e16"
    metadata = json.dumps({"email": GUEST_EMAIL, "meetingId": MEETING_ID, "role": "guest"})
    _quietly(
        "user",
        lambda: lp.room.create_user(
            id=room,
            room_user_payload={"name": GUEST_NAME, "can_publish": True, "metadata": metadata},
        ),
    )
    _quietly(
        "egress",
        lambda: lp.room.start_egress(
            id=room, room_egress_payload={"stream_id": "aac12556-4d65-4d34-9fb6-d1f0985eb0a9"}
        ),
    )


def run_voicegain() -> None:
    """voicegain-speech (Voicegain's own Python SDK): the meeting backend sends Voicegain's
    bot to join the call and transcribe it, submits the recording for transcription with the
    participants, names the diarized speakers, and relabels the meeting (README usage:
    Configuration.access_token, MeetingApi.asr_meeting_join_post, .asr_meeting_post,
    .meeting_spk_put, .asr_meeting_put)."""
    import voicegain_speech

    config = voicegain_speech.Configuration()
    config.access_token = "eyJh27VoicegainJwt.h27Ctx0417.h27Sig"
    # Scenario plumbing: the generated client reads no proxy from the environment.
    config.proxy = os.environ.get("HTTPS_PROXY") or os.environ.get("https_proxy")
    config.ssl_ca_cert = os.environ.get("SSL_CERT_FILE")
    api = voicegain_speech.MeetingApi(voicegain_speech.ApiClient(config))
    join_url = f"https://meet.acme-meet.example.com/j/{MEETING_ID}"
    recording_url = f"https://files.acme-meet.example.com/recordings/{RECORDING}.wav"
    _quietly(
        "join",
        lambda: api.asr_meeting_join_post(
            meeting_join_request={
                "meetingUrl": join_url,
                "meetingPlatform": "ZOOM",
                "meetingPassword": "h27Pw731",
                "participantName": "Acme Notetaker",
                "creator": HOST_EMAIL,
                "immediateTranscribe": True,
                "metadata": [{"name": "topic", "value": TOPIC}],
                "tags": ["fleet", "guest-call"],
            }
        ),
    )
    _quietly(
        "transcribe",
        lambda: api.asr_meeting_post(
            transcribe_meeting_request={
                "label": TOPIC,
                "audio": [{"source": {"fromUrl": {"url": recording_url}}}],
                "creator": HOST_USERNAME,
                "speakers": [
                    {"spkName": HOST_NAME, "userId": HOST_USERNAME},
                    {"spkName": GUEST_NAME, "email": GUEST_EMAIL},
                ],
                "nonSpeakingParticipants": [{"name": "Ops Dashboard"}],
                "metadata": [{"name": "meetingId", "value": MEETING_ID}],
            }
        ),
    )
    meeting = "0a4f7e2b-9c31-4d58-b6e0-h27voicegain"
    _quietly(
        "speakers",
        lambda: api.meeting_spk_put(
            meeting,
            named_speaker=[
                {"spk": 1, "spkName": HOST_NAME, "userId": HOST_USERNAME},
                {"spk": 2, "spkName": GUEST_NAME},
            ],
        ),
    )
    _quietly(
        "modify",
        lambda: api.asr_meeting_put(
            meeting,
            modifiable_meeting_data={"label": f"{TOPIC} — with {GUEST_NAME}", "tags": ["fleet"]},
        ),
    )


def run_kaltura() -> None:
    """KalturaApiClient (Kaltura's own Python client, video platform for meeting recordings):
    the meeting backend opens an admin session, adds the guest as a user of the partner
    account and creates the media entry for the meeting's recording (README usage:
    KalturaClient(KalturaConfiguration()), session.start, setKs, user.add, media.add)."""
    from KalturaClient import KalturaClient, KalturaConfiguration
    from KalturaClient.Plugins.Core import (
        KalturaMediaEntry,
        KalturaMediaType,
        KalturaSessionType,
        KalturaUser,
    )

    client = KalturaClient(KalturaConfiguration())
    partner = 2704417
    _quietly(
        "session",
        lambda: client.session.start(
            "h27KalturaAdminS3cret9f2e", HOST_EMAIL, KalturaSessionType.ADMIN, partner
        ),
    )
    client.setKs("djJ8MjcwNDQxN3xh27KalturaKsQw8Er2Ty6Ui")
    guest = KalturaUser(
        id=GUEST_EMAIL,
        email=GUEST_EMAIL,
        firstName="Rosalind",
        lastName="Achterberg",
        screenName=GUEST_NAME,
    )
    _quietly("user", lambda: client.user.add(guest))
    entry = KalturaMediaEntry(
        name=TOPIC,
        description=f"Recording of {TOPIC} with {GUEST_NAME}",
        tags="meeting,recording,fleet",
        referenceId=RECORDING,
        mediaType=KalturaMediaType.VIDEO,
    )
    _quietly("entry", lambda: client.media.add(entry))


def run_hume() -> None:
    """hume (Hume AI's own Python SDK, expressive voice): the meeting backend has the
    meeting's recap spoken for the guest who missed its end, and configures the voice assistant
    that answers in the meeting's dial-in (README usage: HumeClient(api_key), tts
    .synthesize_json with utterances, empathic_voice.configs.create_config)."""
    from hume import HumeClient
    from hume.empathic_voice import PostedConfigPrompt
    from hume.tts import PostedUtterance

    client = HumeClient(api_key="h27HumeApiKeyQw8Er2Ty6Ui0417")
    recap = (
        f"Recap of {TOPIC}. {GUEST_NAME} will share the reefer alarm logs with {HOST_NAME} "
        "by Thursday; the sensor firmware rollout waits for her sign-off."
    )
    _quietly(
        "tts",
        lambda: client.tts.synthesize_json(
            utterances=[PostedUtterance(text=recap, description="calm, clear meeting assistant")]
        ),
    )
    prompt = (
        f"You are the dial-in assistant of the meeting '{TOPIC}' (meeting {MEETING_ID}) hosted "
        f"by {HOST_NAME}. Greet callers and tell them the host will admit them."
    )
    _quietly(
        "config",
        lambda: client.empathic_voice.configs.create_config(
            evi_version="3",
            name=f"dial-in-{MEETING_ID}",
            prompt=PostedConfigPrompt(text=prompt),
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "hume-py": run_hume,
    "kaltura-py": run_kaltura,
    "dolbyio-py": run_dolbyio,
    "livepeer-py": run_livepeer,
    "voicegain-py": run_voicegain,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
