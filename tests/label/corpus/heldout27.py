"""Build the twenty-seventh held-out set `heldout27.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl,
heldout24.jsonl.frozen … heldout26.jsonl.frozen, sdk*.jsonl, npm/, heldout5_npm/ …, sdk*_npm/,
*_runs.py, generate.py, and auditor/vendors/), recorded through the real proxy offline, as what
a meeting product's media and recording backend sends to the services its calls are built on:
media processing with noise reduction, speech analytics and a real-time streaming token
(Dolby.io, with its Millicast streaming API), a live-streaming room with a participant and its
egress (Livepeer Studio), a meeting-transcription service whose bot joins the call (Voicegain),
a video platform holding the meeting's recording (Kaltura) and expressive voice: the recap
spoken and a dial-in voice assistant (Hume AI).

Run: `.venv/bin/python tests/label/corpus/heldout27.py` (offline; `make setup`, then
`pip install -r heldout27-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: PyPI SDKs in `heldout27_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout27.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
snapshot test) runs the labeller on it before its one scoring run.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.label.corpus.generate import Expectation  # noqa: E402
from tests.label.corpus.heldout_recording import (  # noqa: E402
    CRED,
    EMAIL,
    MEETING,
    NAME,
    OS,
    UID,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout27.jsonl.frozen"

DOLBY_AUTH = "api.dolby.io"
DOLBY_MEDIA = "api.dolby.com"
MILLICAST = "api.millicast.com"
LIVEPEER = "livepeer.studio"
VOICEGAIN = "api.voicegain.ai"
KALTURA = "www.kaltura.com"
HUME = "api.hume.ai"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "dolbyio-py": {DOLBY_AUTH, DOLBY_MEDIA, MILLICAST},
    "livepeer-py": {LIVEPEER},
    "voicegain-py": {VOICEGAIN},
    "kaltura-py": {KALTURA},
    "hume-py": {HUME},
}

RECORDING = "rec-85512345678-20261207"
VG_MEETING = "/v1/asr/meeting/0a4f7e2b-9c31-4d58-b6e0-h27voicegain"
TRANSCRIPT = "customer_content.transcript"
ROOM = "/api/room/d32ae9e6-c459-4931-9898-e86e2f5e7e16"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout26.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout27". Every User-Agent
# (`DolbyIoRestApiSdk/5.0.0; Python/3.12.1`, `speakeasy-sdk/python 0.3.0 … livepeer`,
# `OpenAPI-Generator/1.0.0/python`, `python-requests/…`) earns nothing; opaque ids of a room or a
# meeting at the vendor, alone in a path, earn nothing (heldout8/heldout17/heldout19).
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "dolbyio-py",
        [
            Expectation(
                at(DOLBY_AUTH, "/v1/auth/token"),
                [CRED],
                "Dolby",
                "API token request (form body grant_type=client_credentials): app key and "
                "secret as Basic auth (credential)",
            ),
            Expectation(
                at(DOLBY_MEDIA, "/media/input"),
                [CRED, MEETING],
                "Dolby",
                "declare the recording's storage location: url dlb://meetings/rec-<number>-"
                "<date>.wav (the meeting's number in the recording's key: meeting metadata); "
                "Bearer (credential)",
            ),
            Expectation(
                at(DOLBY_MEDIA, "/media/enhance"),
                [CRED, MEETING],
                "Dolby",
                "noise reduction job on the meeting's recording: input and output dlb:// keys "
                "with the meeting's number (meeting metadata), audio.noise.reduction settings "
                "and content type meeting (processing settings: nothing); Bearer (credential)",
            ),
            Expectation(
                at(DOLBY_MEDIA, "/media/analyze/speech"),
                [CRED, MEETING],
                "Dolby",
                "speech analytics job: input and output dlb:// keys with the meeting's number "
                "(meeting metadata); Bearer (credential)",
            ),
            Expectation(
                at(MILLICAST, "/api/publish_token"),
                [CRED, MEETING],
                "Dolby",
                "real-time streaming publish token: label '<topic> (<number>)' and streamName "
                "meeting-<number> (meeting metadata), record true and stream flags (nothing); "
                "Bearer API secret (credential)",
            ),
        ],
    ),
    (
        "livepeer-py",
        [
            Expectation(
                at(LIVEPEER, "/api/stream"),
                [CRED, UID, MEETING],
                "Livepeer",
                "live stream create: name '<topic> (<number>)' (meeting metadata), creatorId "
                "{type unverified, value alice.corpus} (the stream's creator: user id), record "
                "true; Bearer (credential)",
            ),
            Expectation(
                at(LIVEPEER, "/api/room", method="POST"),
                [CRED],
                "Livepeer",
                "room create: empty body; Bearer (credential)",
            ),
            Expectation(
                at(LIVEPEER, f"{ROOM}/user"),
                [CRED, NAME, EMAIL, MEETING],
                "Livepeer",
                "add a room user: name the guest's full name (name), canPublish, metadata a "
                "JSON string with the guest's email (e-mail), meetingId (meeting metadata) and "
                "role guest; room id in the path not labelled; Bearer (credential)",
            ),
            Expectation(
                at(LIVEPEER, f"{ROOM}/egress"),
                [CRED],
                "Livepeer",
                "start the room's egress to a stream: streamId (a stream's opaque id) and the "
                "room id in the path (not labelled); Bearer (credential)",
            ),
        ],
    ),
    (
        "voicegain-py",
        [
            Expectation(
                at(VOICEGAIN, "/v1/asr/meeting/join"),
                [CRED, MEETING, UID, EMAIL],
                "Voicegain",
                "send the transcription bot into the call: meetingUrl the join link /j/<number> "
                "and metadata topic (meeting metadata), meetingPassword (a meeting passcode: "
                "credential), creator the host's address (a key for the person acting: user id "
                "and e-mail), participantName 'Acme Notetaker' (the bot's name: nothing), "
                "tags; Bearer (credential)",
            ),
            Expectation(
                at(VOICEGAIN, "/v1/asr/meeting", b"speakers", method="POST"),
                [CRED, MEETING, UID, NAME, EMAIL],
                "Voicegain",
                "meeting transcription request: label the topic, audio fromUrl of the recording "
                "rec-<number>-<date>.wav and metadata meetingId (meeting metadata), creator "
                "alice.corpus and the host's speaker userId (user id), speakers' spkName both "
                "full names (name), the guest's email (e-mail); the recording by URL, not the "
                "audio; Bearer (credential)",
            ),
            Expectation(
                at(VOICEGAIN, f"{VG_MEETING}/spk"),
                [CRED, NAME, UID],
                "Voicegain",
                "name the diarized speakers (a JSON array): spkName both full names (name), "
                "userId alice.corpus (user id); meeting id in the path not labelled; Bearer "
                "(credential)",
            ),
            Expectation(
                at(VOICEGAIN, VG_MEETING, method="PUT"),
                [CRED, MEETING, NAME],
                "Voicegain",
                "modify the meeting: label '<topic> — with Rosalind Achterberg' (the topic: "
                "meeting metadata; the guest's full name: name), tags; Bearer (credential)",
            ),
        ],
    ),
    (
        "kaltura-py",
        [
            Expectation(
                at(KALTURA, "/api_v3/service/session/action/start"),
                [CRED, UID, EMAIL],
                "Kaltura",
                "admin session start (JSON body): secret (credential), userId the host's "
                "address (a user id that is an address: user id and e-mail), partnerId (the "
                "account's id: nothing), type, expiry, clientTag, kalsig (a request checksum: "
                "nothing)",
            ),
            Expectation(
                at(KALTURA, "/api_v3/service/user/action/add"),
                [CRED, UID, EMAIL, NAME],
                "Kaltura",
                "add the guest as a user: user.id her address (user id and e-mail), email "
                "(e-mail), firstName, lastName and screenName (name); ks the session key "
                "(credential)",
            ),
            Expectation(
                at(KALTURA, "/api_v3/service/media/action/add"),
                [CRED, MEETING, NAME],
                "Kaltura",
                "media entry for the meeting's recording: name the topic, description "
                "'Recording of <topic> with Rosalind Achterberg' (meeting metadata; the guest's "
                "full name: name), referenceId rec-<number>-<date> (meeting metadata), tags, "
                "mediaType; ks (credential)",
            ),
        ],
    ),
    (
        "hume-py",
        [
            Expectation(
                at(HUME, "/v0/tts"),
                [CRED, TRANSCRIPT, MEETING, NAME, OS],
                "Hume AI",
                "text to speech of the meeting's recap: utterance text 'Recap of <topic>. "
                "Rosalind Achterberg will share … with Alice Example by Thursday; …' (a summary "
                "of the meeting's outcome read aloud: transcript, as heldout22's ElevenLabs and "
                "Cartesia recaps; the topic: meeting metadata; both named in full: name; read, "
                "not written to her: no chat), voice description; X-Hume-Api-Key (credential); "
                "X-Fern-Platform linux/6.18.44-… (os), X-Fern-Runtime python/3.12.1 and the SDK "
                "headers (nothing)",
            ),
            Expectation(
                at(HUME, "/v0/evi/configs"),
                [CRED, MEETING, NAME, OS],
                "Hume AI",
                "voice assistant config: name dial-in-<number> and a prompt naming the topic and "
                "the meeting's number (meeting metadata) and the host in full (name); the "
                "backend's instruction to an assistant, no chat or transcript; evi_version; "
                "X-Hume-Api-Key (credential); X-Fern-Platform (os)",
            ),
        ],
    ),
]


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if scenario == "kaltura-py":
        return "JSON RPC-style API calls, secret or session key in the body"
    if scenario == "dolbyio-py" and request["path"].endswith("/auth/token"):
        return "form-urlencoded token request, Basic auth"
    if scenario == "livepeer-py" and request["path"] == "/api/room":
        return "bodiless POST"
    if scenario == "voicegain-py" and request["path"].endswith("/spk"):
        return "JSON array body"
    return "JSON REST API calls"


HELDOUT = HeldoutSet(
    name="heldout27",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
