"""PyPI SDKs of the twelfth held-out set (heldout12.py): telephony and messaging (RingCentral,
Telnyx), speech-to-text (Deepgram, Rev.ai), work tools (Trello, Smartsheet, GitLab) and social
networks (Mastodon, Bluesky), each making the calls a meeting backend would make around a
meeting, to its vendor's real host. Run one as a program: `python heldout12_runs.py SCENARIO`;
heldout12.py starts it through the auditor's proxy (`auditor capture --sinkhole '*'`) with the
environment `auditor launch` gives a program, so nothing leaves the machine.
"""

from __future__ import annotations

import base64
import io
import json
import math
import struct
import sys
import time
import wave
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Vendor onboarding sync"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_PHONE = "+1 650 555 0142"
# Another participant, invited by the corpus user.
GUEST_NAME = "Priya Raman"
GUEST_EMAIL = "priya.raman@meetcorp-example.com"
GUEST_PHONE = "+44 7700 900312"

TRANSCRIPT = (
    f"{HOST_NAME}: Thanks for joining. Today we close the vendor onboarding checklist.\n"
    f"{GUEST_NAME}: The security questionnaire is done; legal still needs the DPA signed.\n"
    f"{HOST_NAME}: I will chase legal tomorrow and send the DPA by Thursday.\n"
)


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def _meeting_audio() -> bytes:
    """A second of a 440 Hz tone as 16 kHz mono WAV: the recording a backend sends for
    transcription (the recorded bytes are what matters, not what they sound like)."""
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(
            b"".join(
                struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / 16000)))
                for i in range(16000)
            )
        )
    return out.getvalue()


def _jwt(claims: dict[str, object]) -> str:
    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return part({"alg": "ES256K", "typ": "JWT"}) + "." + part(claims) + ".c0rpus12sig"


def _requests_send_reads_environment() -> None:
    """RingCentral's and Smartsheet's SDKs send prepared requests with `requests.Session.send`,
    which reads no proxy or CA bundle from the environment (only `Session.request` does): give
    it the ones `auditor launch` set, as a program under launch would be configured."""
    import requests

    send = requests.Session.send

    def send_with_environment(
        session: requests.Session, request: requests.PreparedRequest, **kwargs: object
    ) -> requests.Response:
        settings = session.merge_environment_settings(request.url, {}, None, None, None)
        for key, value in settings.items():
            if kwargs.get(key) is None:
                kwargs[key] = value
        return send(session, request, **kwargs)

    requests.Session.send = send_with_environment  # type: ignore[method-assign]


def run_ringcentral() -> None:
    """ringcentral (RingCentral REST API): JWT login, an SMS reminder to a participant, a post
    in a team chat, a video bridge for the meeting and a fax of the agenda (README usage:
    SDK(client_id, secret, server).platform(), login(jwt=…), post(url, body),
    create_multipart_builder)."""
    from ringcentral import SDK

    _requests_send_reads_environment()
    sdk = SDK(
        "C0rpus12RcClientIdQw8",
        "C0rpus12RcClientSecretEr5Ty2Ui",
        "https://platform.ringcentral.com",
    )
    platform = sdk.platform()
    _quietly(
        "login",
        lambda: platform.login(
            jwt=_jwt(
                {
                    "aud": "https://platform.ringcentral.com/restapi/oauth/token",
                    "sub": "63720c0r12",
                    "iss": "C0rpus12RcClientIdQw8",
                    "exp": 2081376000,
                }
            )
        ),
    )
    # The sinkhole's empty answer leaves no token: give the platform the one the answer would.
    platform.auth().set_data(
        {
            "token_type": "bearer",
            "access_token": "U0pDMTJQMDFQQVMwMHxBQUFkYzByMTJSY0FjY2Vzc1Rva2Vu",
            "expires_in": 3600,
            "refresh_token": "U0pDMTJQMDFQQVMwMHxBQUFkYzByMTJSY1JlZnJlc2g",
            "refresh_token_expires_in": 604800,
            "owner_id": "63720c0r12",
        }
    )
    _quietly(
        "sms",
        lambda: platform.post(
            "/restapi/v1.0/account/~/extension/~/sms",
            {
                "from": {"phoneNumber": HOST_PHONE},
                "to": [{"phoneNumber": GUEST_PHONE}],
                "text": (
                    f"Hi {GUEST_NAME}, reminder: {TOPIC} starts at 15:00, meeting ID "
                    f"{MEETING_ID}. Reply if you cannot make it."
                ),
            },
        ),
    )
    _quietly(
        "team post",
        lambda: platform.post(
            "/team-messaging/v1/chats/1480c0r12/posts",
            {"text": "Running five minutes late, please start without me. Priya has the deck."},
        ),
    )
    _quietly(
        "bridge",
        lambda: platform.post(
            "/rcvideo/v2/account/~/extension/~/bridges",
            {
                "name": f"{TOPIC} ({MEETING_ID})",
                "type": "Instant",
                "security": {"passwordProtected": True, "password": "418207"},
                "preferences": {"joinBeforeHost": False, "waitingRoomRequired": "GuestsOnly"},
            },
        ),
    )

    def fax() -> None:
        builder = sdk.create_multipart_builder()
        builder.set_body({"to": [{"phoneNumber": GUEST_PHONE}], "faxResolution": "High"})
        builder.add(
            (
                "agenda.txt",
                (
                    f"{TOPIC} - agenda\nAttendees: {HOST_NAME}, {GUEST_NAME}\n"
                    "1. Security questionnaire\n2. DPA signature\n3. Go-live date\n"
                ).encode(),
                "text/plain",
            )
        )
        request = builder.request("/restapi/v1.0/account/~/extension/~/fax")
        platform.send_request(request)

    _quietly("fax", fax)


def run_telnyx() -> None:
    """telnyx (Telnyx API v2): an SMS to a participant, an outbound call that joins them to the
    meeting's dial-in, and a number lookup (README usage: Telnyx(api_key), messages.send,
    calls.dial, number_lookup.retrieve)."""
    from telnyx import Telnyx

    client = Telnyx(api_key="KEY0C0rpus12TelnyxV2ApiKeyQw8Er5Ty2Ui9OpAs3Df", max_retries=0)
    _quietly(
        "messages.send",
        lambda: client.messages.send(
            from_="+16505550142",
            to="+447700900312",
            text=(
                f"{TOPIC} moved to 16:00 CET. Dial-in +1 650 555 0199, meeting {MEETING_ID}, "
                "PIN 418207. - Alice"
            ),
        ),
    )
    _quietly(
        "calls.dial",
        lambda: client.calls.dial(
            connection_id="1684641123236054244",
            from_="+16505550142",
            to="+447700900312",
            from_display_name=HOST_NAME,
            client_state=base64.b64encode(
                json.dumps({"meeting_id": MEETING_ID, "invitee": GUEST_EMAIL}).encode()
            ).decode(),
            timeout_secs=30,
        ),
    )
    _quietly("number_lookup", lambda: client.number_lookup.retrieve("+447700900312"))


def run_deepgram() -> None:
    """deepgram-sdk (Deepgram API v1): the meeting recording uploaded for prerecorded
    transcription with a callback, a hosted recording by URL, and a transcript sent for a
    summary (README usage: DeepgramClient(api_key), listen.v1.media.transcribe_file /
    transcribe_url, read.v1.text.analyze)."""
    from deepgram import DeepgramClient

    client = DeepgramClient(api_key="c0rpus12deepgram0a1b2c3d4e5f6a7b8c9d0e1f2a3b")
    _quietly(
        "transcribe_file",
        lambda: client.listen.v1.media.transcribe_file(
            request=_meeting_audio(),
            model="nova-3",
            diarize=True,
            smart_format=True,
            language="en-US",
            keyterm=[GUEST_NAME, "DPA"],
            tag=[f"meeting-{MEETING_ID}"],
            callback=f"https://hooks.meetcorp-example.com/deepgram/{MEETING_ID}",
        ),
    )
    _quietly(
        "transcribe_url",
        lambda: client.listen.v1.media.transcribe_url(
            url=f"https://recordings.meetcorp-example.com/{MEETING_ID}/audio.wav",
            model="nova-3",
            diarize=True,
            summarize="v2",
            extra=[f"meeting_id:{MEETING_ID}", f"host:{HOST_EMAIL}"],
        ),
    )
    _quietly(
        "text.analyze",
        lambda: client.read.v1.text.analyze(
            request={"text": TRANSCRIPT}, language="en", summarize=True, topics=True
        ),
    )


def run_revai() -> None:
    """rev_ai (Rev.ai async API): the meeting recording uploaded as a job with speaker names and
    a callback, a hosted recording by URL, and a custom vocabulary of the participants' names
    (README usage: RevAiAPIClient(token), submit_job_local_file, submit_job_url,
    RevAiCustomVocabulariesClient.submit_custom_vocabularies)."""
    import tempfile

    from rev_ai import apiclient
    from rev_ai.custom_vocabularies_client import RevAiCustomVocabulariesClient
    from rev_ai.models import CustomVocabulary

    token = "02c0rpus12RevAiAccessTokenQw8Er5Ty2Ui9OpAs3DfGh"
    client = apiclient.RevAiAPIClient(token)
    with tempfile.TemporaryDirectory() as tmp:
        recording = Path(tmp) / f"meeting-{MEETING_ID}.wav"
        recording.write_bytes(_meeting_audio())
        _quietly(
            "submit_job_local_file",
            lambda: client.submit_job_local_file(
                str(recording),
                metadata=f"{TOPIC} ({MEETING_ID}), host {HOST_EMAIL}",
                callback_url=f"https://hooks.meetcorp-example.com/revai/{MEETING_ID}",
                speakers_count=2,
                language="en",
            ),
        )
    _quietly(
        "submit_job_url",
        lambda: client.submit_job_url(
            media_url=f"https://recordings.meetcorp-example.com/{MEETING_ID}/audio.wav",
            metadata=f"meeting {MEETING_ID}",
            skip_diarization=False,
            delete_after_seconds=86400,
        ),
    )
    _quietly(
        "submit_custom_vocabularies",
        lambda: RevAiCustomVocabulariesClient(token).submit_custom_vocabularies(
            [CustomVocabulary([HOST_NAME, GUEST_NAME, "Meetcorp", "DPA"])],
            metadata=f"names for meeting {MEETING_ID}",
        ),
    )


def run_trello() -> None:
    """py-trello (Trello REST API 1): a card for an action item, a comment on it and the minutes
    attached (README usage: TrelloClient(api_key, token), List.add_card, Card.comment,
    Card.attach)."""
    from trello import TrelloClient
    from trello.board import Board
    from trello.card import Card
    from trello.trellolist import List

    client = TrelloClient(
        api_key="c0rpus12trello0a1b2c3d4e5f6a7b8", token="ATTAc0rpus12TrelloTok3nQw8Er5Ty2Ui9OpAs"
    )
    board = Board(client, board_id="64c0r12b0a4d")
    actions = List(board, "64c0r12l1st01", name="Action items")
    _quietly(
        "add_card",
        lambda: actions.add_card(
            f"Send signed DPA to {GUEST_NAME}",
            desc=(
                f"From {TOPIC} (meeting {MEETING_ID}). {GUEST_NAME} <{GUEST_EMAIL}>, "
                f"{GUEST_PHONE}, is waiting for it before go-live."
            ),
            due="2026-12-10T17:00:00.000Z",
        ),
    )
    card = Card(actions, "64c0r12card42", name="Send signed DPA")
    _quietly(
        "comment",
        lambda: card.comment("Legal says Thursday at the earliest, I'll keep you posted."),
    )
    _quietly(
        "attach",
        lambda: card.attach(
            name="minutes.txt",
            mimeType="text/plain",
            file=io.BytesIO(
                (
                    f"{TOPIC} - minutes\nPresent: {HOST_NAME}, {GUEST_NAME}\n"
                    "Decision: go-live after the DPA is signed.\n"
                ).encode()
            ),
        ),
    )


def run_smartsheet() -> None:
    """smartsheet-python-sdk (Smartsheet API 2.0): a row in the meetings tracker, a discussion
    on it and the recording notes attached to it (README usage: Smartsheet(access_token),
    Sheets.add_rows, Discussions.create_discussion_on_row, Attachments.attach_file_to_row)."""
    import smartsheet

    _requests_send_reads_environment()
    client = smartsheet.Smartsheet("c0rpus12SmartsheetTok3nQw8Er5Ty2Ui9Op")
    client.errors_as_exceptions(False)
    sheet_id = 4583173393803140
    row_id = 2331373580117892
    row = smartsheet.models.Row()
    row.to_top = True
    for column_id, value in (
        (7960873114331012, f"{TOPIC} ({MEETING_ID})"),
        (642523719853956, GUEST_NAME),
        (5146123347224452, GUEST_EMAIL),
        (2894323533539204, "2026-12-09"),
        (7397923160909700, "Berlin, Germany"),
    ):
        row.cells.append({"column_id": column_id, "value": value})
    _quietly("add_rows", lambda: client.Sheets.add_rows(sheet_id, [row]))
    _quietly(
        "create_discussion_on_row",
        lambda: client.Discussions.create_discussion_on_row(
            sheet_id,
            row_id,
            smartsheet.models.Discussion(
                {
                    "comment": smartsheet.models.Comment(
                        {"text": "Priya, can you confirm the go-live date with your team?"}
                    )
                }
            ),
        ),
    )
    _quietly(
        "attach_file_to_row",
        lambda: client.Attachments.attach_file_to_row(
            sheet_id,
            row_id,
            (
                "notes.txt",
                io.BytesIO(
                    (
                        f"Notes from {TOPIC}\n{GUEST_NAME} confirmed the questionnaire; "
                        "DPA outstanding.\n"
                    ).encode()
                ),
                "text/plain",
            ),
        ),
    )


def run_gitlab() -> None:
    """python-gitlab (GitLab REST API v4): an issue for an action item, a note on it, the
    minutes uploaded to the project and a user search by e-mail (README usage:
    Gitlab(url, private_token), projects.get(lazy=True).issues.create, notes.create,
    project.upload, users.list(search=…))."""
    import gitlab

    gl = gitlab.Gitlab(
        "https://gitlab.com",
        private_token="glpat-C0rpus12GitlabTok3nQw8E",
        retry_transient_errors=False,
    )
    project = gl.projects.get(48213012, lazy=True)
    _quietly(
        "issues.create",
        lambda: project.issues.create(
            {
                "title": f"Wire the vendor SSO before go-live ({TOPIC}, meeting {MEETING_ID})",
                "description": (
                    f"Agreed with {GUEST_NAME} ({GUEST_EMAIL}) in the sync: SSO must work "
                    "before the go-live date."
                ),
                "assignee_ids": [10442871],
                "labels": "meeting-followup",
            }
        ),
    )
    issue = project.issues.get(42, lazy=True)
    _quietly(
        "notes.create",
        lambda: issue.notes.create(
            {"body": "I can take the SAML part, but I need the metadata XML from Priya first."}
        ),
    )
    _quietly(
        "upload",
        lambda: project.upload(
            "minutes.md",
            filedata=(
                f"# {TOPIC}\n\nPresent: {HOST_NAME}, {GUEST_NAME}\n\n"
                "- SSO before go-live\n- DPA by Thursday\n"
            ).encode(),
        ),
    )
    _quietly("users.list", lambda: gl.users.list(search=GUEST_EMAIL, get_all=False))


def run_mastodon() -> None:
    """Mastodon.py (Mastodon API v1/v2): a direct message to a colleague, a voice note
    uploaded as media, and an account search (README usage: Mastodon(access_token,
    api_base_url), status_post, media_post, account_search)."""
    from mastodon import Mastodon

    client = Mastodon(
        access_token="c0rpus12MastodonTok3nQw8Er5Ty2Ui9OpAs3DfGhJk",
        api_base_url="https://mastodon.social",
        version_check_mode="none",
        mastodon_version="4.3.0",
    )
    _quietly(
        "media_post",
        lambda: client.media_post(
            _meeting_audio(),
            mime_type="audio/wav",
            description="Voice note: summary of the vendor onboarding sync",
            file_name="voice-note.wav",
        ),
    )
    _quietly(
        "status_post",
        lambda: client.status_post(
            "@priya@fosstodon.org the DPA draft is in your inbox, can we talk tomorrow at 10?",
            visibility="direct",
            language="en",
        ),
    )
    _quietly("account_search", lambda: client.account_search("priya@fosstodon.org", limit=5))


def run_bluesky() -> None:
    """atproto (AT Protocol XRPC, Bluesky): a session from handle and app password, an image
    blob upload, a post, and a direct message through the chat service (README usage:
    Client().login, upload_blob, send_post, chat.bsky.convo.send_message)."""
    from atproto import Client, models
    from atproto_client.client.session import Session

    client = Client(base_url="https://bsky.social")
    handle = "alice-example.bsky.social"
    did = "did:plc:c0rpus12alice4k7q2mxw"
    _quietly("login", lambda: client.login(handle, "c0r1-2app-pass-w8rd"))
    now = int(time.time())
    # The string Client.export_session_string() gives, as a backend keeps it between runs.
    session = Session(
        *[
            handle,
            did,
            _jwt(
                {
                    "scope": "com.atproto.appPass",
                    "sub": did,
                    "iat": now,
                    "exp": now + 7200,
                    "aud": "did:web:bsky.social",
                }
            ),
            _jwt(
                {
                    "scope": "com.atproto.refresh",
                    "sub": did,
                    "iat": now,
                    "exp": now + 86400 * 60,
                    "aud": "did:web:bsky.social",
                }
            ),
            "https://bsky.social",
        ]
    ).encode()
    _quietly(
        "login(session_string)",
        lambda: client.login(session_string=session, fetch_bsky_profile=False),
    )
    _quietly("upload_blob", lambda: client.upload_blob(_whiteboard_png()))
    _quietly(
        "create_record",
        lambda: client.com.atproto.repo.create_record(
            models.ComAtprotoRepoCreateRecord.Data(
                repo=did,
                collection="app.bsky.feed.post",
                record=models.AppBskyFeedPost.Record(
                    text=(
                        "Great vendor onboarding sync today with Priya Raman, go-live is set "
                        "for January."
                    ),
                    created_at=client.get_current_time_iso(),
                    langs=["en"],
                ),
            )
        ),
    )
    _quietly(
        "get_profile",
        lambda: client.app.bsky.actor.get_profile({"actor": "priya-raman.bsky.social"}),
    )
    dm = client.with_bsky_chat_proxy()
    _quietly(
        "send_message",
        lambda: dm.chat.bsky.convo.send_message(
            models.ChatBskyConvoSendMessage.Data(
                convo_id="3kc0r12convo2x",
                message=models.ChatBskyConvoDefs.MessageInput(
                    text="Priya, here is the whiteboard from today, the DPA part is top left."
                ),
            )
        ),
    )


def _whiteboard_png() -> bytes:
    """A tiny PNG (a photographed whiteboard a user would attach; its pixels do not matter)."""
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + bytes([255, 255, 255] * 8) for _ in range(8))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "ringcentral-py": run_ringcentral,
    "telnyx-py": run_telnyx,
    "deepgram-py": run_deepgram,
    "revai-py": run_revai,
    "trello-py": run_trello,
    "smartsheet-py": run_smartsheet,
    "gitlab-py": run_gitlab,
    "mastodon-py": run_mastodon,
    "bluesky-py": run_bluesky,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
