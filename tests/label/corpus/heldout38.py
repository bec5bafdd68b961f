"""Build the thirty-eighth held-out set `heldout38.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl,
heldout*.jsonl.frozen, sdk*.jsonl, npm/, heldout5_npm/ …, sdk*_npm/, *_runs.py, generate.py, and
auditor/vendors/), recorded through the real proxy offline, as what a meeting product's backend
sends to the video, voice and messaging platforms (CPaaS) its meetings are built on: a video
room, a participant's join token, a phone participant dialled in, the call recorded and
transcribed live and a post-meeting text (SignalWire); a phone participant dialled in, the
call's recording paused and transcribed and a post-meeting text (Bandwidth); a meeting room,
the guest joined, an in-meeting chat message and overlay and a recording webhook (eyeson); the
guest as a user, the meeting's conference, his number's call history and a text (Voximplant).

Run: `.venv/bin/python tests/label/corpus/heldout38.py` (offline; `make setup`, then
`pip install -r heldout38-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: PyPI SDKs in `heldout38_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout38.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    CHAT,
    CRED,
    EMAIL,
    MEETING,
    NAME,
    PHONE,
    UID,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout38.jsonl.frozen"

SIGNALWIRE = "acme-meet.signalwire.com"
BW_VOICE = "voice.bandwidth.com"
BW_MESSAGING = "messaging.bandwidth.com"
EYESON = "api.eyeson.team"
VOXIMPLANT = "api.voximplant.com"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "signalwire-py": {SIGNALWIRE},
    "bandwidth-py": {BW_VOICE, BW_MESSAGING},
    "eyeson-py": {EYESON},
    "voximplant-py": {VOXIMPLANT},
}

CALLS = "/api/calling/calls"
BW_CALL = "/api/v2/accounts/9901438/calls/c-h38bw9e1-4d7a-4b2c-8f11-bandwidth38"
EYESON_ROOM = "/rooms/h38AccessKeyRt5Yu8Io2Pa"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout27.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout38". Every User-Agent
# (`signalwire-python/3.7.5`, `OpenAPI-Generator/23.3.1/python`, `python-requests/…`) earns
# nothing; a call's or recording's opaque id at the vendor (in a path or under `id`) earns nothing
# (heldout8); the service's own dial-in number (`from`) is no one's phone, the guest's is.
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "signalwire-py",
        [
            Expectation(
                at(SIGNALWIRE, "/api/video/rooms"),
                [CRED, MEETING, NAME, EMAIL],
                "SignalWire",
                "video room create: name meeting-<number>, display_name '<topic> (<number>)' "
                "(meeting metadata), description 'Hosted by Alice Example <address>' (the host's "
                "full name: name; her address: e-mail), max_members, quality, record_on_start "
                "(settings: nothing); Basic project id and API token (credential)",
            ),
            Expectation(
                at(SIGNALWIRE, "/api/video/room_tokens"),
                [CRED, MEETING, NAME],
                "SignalWire",
                "mint the guest's room join token: room_name meeting-<number> and "
                "room_display_name the topic (meeting metadata), user_name the guest's full name "
                "(name), permissions and join_audio_muted (nothing); Basic (credential)",
            ),
            Expectation(
                at(SIGNALWIRE, CALLS, b'"dial"'),
                [CRED, PHONE, MEETING],
                "SignalWire",
                "dial the guest's phone into the meeting: to the guest's number (phone), from "
                "and caller_id the service's dial-in number (a service's number), url the "
                "backend's join webhook with ?meeting=<number> (meeting metadata); Basic "
                "(credential)",
            ),
            Expectation(
                at(SIGNALWIRE, CALLS, b"calling.record"),
                [CRED, MEETING],
                "SignalWire",
                "start recording the dial-in call: audio format settings (nothing), status_url "
                "/recordings/<number> (a webhook URL naming the meeting number: meeting "
                "metadata), id the call's opaque id (not labelled); Basic (credential)",
            ),
            Expectation(
                at(SIGNALWIRE, CALLS, b"calling.live_transcribe"),
                [CRED, MEETING],
                "SignalWire",
                "start live transcription of the call: lang, direction (nothing), webhook "
                "/transcripts/<number> (meeting metadata), the call's id (not labelled); no "
                "transcript text is sent; Basic (credential)",
            ),
            Expectation(
                at(SIGNALWIRE, "/api/messaging/messages"),
                [CRED, PHONE, MEETING],
                "SignalWire",
                "post-meeting SMS to the guest: to the guest's number (phone), from the dial-in "
                "number, body 'Hi Tobias, thanks for joining '<topic>' … /j/<number>/recap. "
                "Alice' (the topic and the join link: meeting metadata; first names alone: no "
                "name; a backend's notification: no chat); Basic (credential)",
            ),
        ],
    ),
    (
        "bandwidth-py",
        [
            Expectation(
                at(BW_VOICE, "/api/v2/accounts/9901438/calls", b'"answerUrl"', method="POST"),
                [CRED, PHONE, MEETING, EMAIL],
                "Bandwidth",
                "dial the guest's phone in: to the guest's number (phone), from the dial-in "
                "number, displayName 'Acme Meet' (a brand), answerUrl ?meeting=<number> "
                "(meeting metadata), tag 'meeting=<number>;guest=<the guest's address>' "
                "(meeting metadata, e-mail), applicationId and timeouts (nothing); Basic "
                "(credential)",
            ),
            Expectation(
                at(BW_VOICE, f"{BW_CALL}/recording", method="PUT"),
                [CRED],
                "Bandwidth",
                "pause the call's recording: state paused; account and call ids in the path "
                "(not labelled); Basic (credential)",
            ),
            Expectation(
                at(BW_VOICE, f"{BW_CALL}/recordings/"),
                [CRED, MEETING],
                "Bandwidth",
                "request the recording's transcription: callbackUrl /transcripts/<number> and "
                "tag '<topic> (<number>)' (meeting metadata), detectLanguage; recording and "
                "call ids in the path (not labelled); Basic (credential)",
            ),
            Expectation(
                at(BW_MESSAGING, "/api/v2/users/9901438/messages"),
                [CRED, PHONE, MEETING],
                "Bandwidth",
                "post-meeting SMS to the guest: to [the guest's number] (phone), from the "
                "dial-in number, text '<topic>: thanks Tobias. Action: … to Alice by Friday. "
                "Recap: …/j/<number>/recap' and tag recap-<number> (meeting metadata; first "
                "names alone: no name; a backend's notification: no chat); Basic (credential)",
            ),
        ],
    ),
    (
        "eyeson-py",
        [
            Expectation(
                at(EYESON, "/rooms?"),
                [CRED, NAME, UID, EMAIL, MEETING],
                "eyeson",
                "room create (all in the query string, empty body): user[name] the host's full "
                "name (name), user[id] the host's address (a user id that is an address: user "
                "id and e-mail), id meeting-<number> and name the topic (meeting metadata), "
                "layout and custom_fields options (nothing); Authorization the bare API key "
                "(credential)",
            ),
            Expectation(
                at(EYESON, "/guests/"),
                [CRED, NAME],
                "eyeson",
                "join the guest: the room's guest token in the path (it alone authorises the "
                "join: credential), ?name= the guest's full name (name)",
            ),
            Expectation(
                at(EYESON, f"{EYESON_ROOM}/messages"),
                [CRED, CHAT, NAME],
                "eyeson",
                "in-meeting chat to everyone: type=chat, content 'Tobias Lindqvist has joined "
                "by phone from Tromsø; we start with pen 4 calibration.' (a chat message: chat; "
                "the guest's full name: name; a city in free text: no location); the room's "
                "access key in the path (it alone authorises the call: credential)",
            ),
            Expectation(
                at(EYESON, f"{EYESON_ROOM}/layers"),
                [CRED, MEETING, NAME],
                "eyeson",
                "text overlay on the meeting's video: insert[title] the topic (meeting "
                "metadata), insert[content] 'Guest: Tobias Lindqvist, Nordkapp Aquaculture' "
                "(name; a caption, not a message: no chat); the room's access key in the path "
                "(credential)",
            ),
            Expectation(
                at(EYESON, "/webhooks"),
                [CRED, MEETING],
                "eyeson",
                "register the recording webhook: url /eyeson/<number> (a webhook URL naming the "
                "meeting number: meeting metadata), types recording_update; Authorization the "
                "API key (credential)",
            ),
        ],
    ),
    (
        "voximplant-py",
        [
            Expectation(
                at(VOXIMPLANT, "/platform_api", b"cmd=AddUser"),
                [CRED, UID, NAME, EMAIL, MEETING],
                "Voximplant",
                "add the guest as a user of the meeting application (form body, cmd=AddUser): "
                "user_name tobias.lindqvist (user id), user_display_name his full name (name), "
                "user_password (credential), user_custom_data a JSON string with his email "
                "(e-mail) and the meeting number (meeting metadata), application_name the "
                "app's host name (nothing); Bearer an RS256 JWT the SDK signs (credential)",
            ),
            Expectation(
                at(VOXIMPLANT, "/platform_api", b"cmd=StartConference"),
                [CRED, MEETING, PHONE, NAME],
                "Voximplant",
                "start the meeting's conference: conference_name meeting-<number> and "
                "script_custom_data topic (meeting metadata), dial the guest's number (phone), "
                "host the host's full name (name), rule_name and record (nothing); Bearer JWT "
                "(credential)",
            ),
            Expectation(
                at(VOXIMPLANT, "/platform_api", b"cmd=GetCallHistory"),
                [CRED, PHONE],
                "Voximplant",
                "the call history of the guest's number for the quality report: remote_number "
                "the guest's number (phone), from_date/to_date, with_records, count (nothing); "
                "Bearer JWT (credential)",
            ),
            Expectation(
                at(VOXIMPLANT, "/platform_api", b"cmd=SendSmsMessage"),
                [CRED, PHONE, MEETING],
                "Voximplant",
                "post-meeting SMS: destination the guest's number without '+' (phone), source "
                "the dial-in number, sms_body 'Recording of <topic> is ready: …/j/<number>/"
                "recap' (meeting metadata; a backend's notification: no chat); Bearer JWT "
                "(credential)",
            ),
        ],
    ),
]


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    if scenario == "voximplant-py":
        return "form-urlencoded command (cmd=…), RS256 JWT Bearer"
    if scenario == "eyeson-py":
        return "query-string parameters on an empty POST, key in the path or header"
    if scenario == "signalwire-py" and flow["request"]["path"] == CALLS:
        return "JSON command envelope (command + params), Basic auth"
    return "JSON REST API calls, Basic auth"


HELDOUT = HeldoutSet(
    name="heldout38",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
