"""PyPI SDKs of the twenty-fourth held-out set (heldout24.py): an LLM provider the meeting
assistant summarises and searches meetings with (Cohere), a speech-synthesis API that reads the
summary aloud (Cartesia), and two identity platforms that sign up and log in the meeting client's
users (Stytch, Clerk), each making the calls a meeting client's backend would make, to its
vendor's real host. Run one as a program: `python heldout24_runs.py SCENARIO`; heldout24.py starts
it through the auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor
launch` gives a program, so nothing leaves the machine.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Sediment survey debrief for berth 1742"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Ilse Vandenberghe"
GUEST_FIRST, GUEST_LAST = GUEST_NAME.split()
GUEST_EMAIL = "ilse.vandenberghe@scheldt-dredging-example.com"
GUEST_PHONE = "+32475218603"
TRANSCRIPT = (
    f"[00:00] {HOST_NAME}: Thanks for joining, {GUEST_FIRST}. Let's go through the soundings.\n"
    f"[00:41] {GUEST_NAME}: The north end of berth 1742 is 40 cm shallower than in March; we "
    "need a maintenance dredge before the January draft restriction.\n"
    f"[02:15] {HOST_NAME}: Can you send the cross-sections to me by Friday?\n"
    f"[02:22] {GUEST_NAME}: Yes, and I will copy the harbour master."
)


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        result = call()
        if hasattr(result, "__next__"):
            for _ in result:  # a streamed answer is sent when iterated
                pass
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_cohere() -> None:
    """cohere (Cohere's official Python SDK): the meeting assistant writes the summary of the
    meeting from its transcript, embeds the transcript's lines for search over past meetings and
    reranks them for a user's question (README usage: cohere.ClientV2(api_key), chat, embed,
    rerank)."""
    import cohere

    co = cohere.ClientV2(api_key="h24c0h3r3k3y5b8e1d7a0f2c9", timeout=5)
    _quietly(
        "chat",
        lambda: co.chat(
            model="command-a-03-2025",
            messages=[
                {
                    "role": "system",
                    "content": "Summarise the meeting: decisions, action items with owners.",
                },
                {
                    "role": "user",
                    "content": f'Meeting {MEETING_ID} "{TOPIC}" hosted by {HOST_EMAIL}.\n'
                    + TRANSCRIPT,
                },
            ],
            temperature=0.2,
            request_options={"max_retries": 0},
        ),
    )
    lines = TRANSCRIPT.splitlines()
    _quietly(
        "embed",
        lambda: co.embed(
            model="embed-v4.0",
            input_type="search_document",
            texts=lines,
            embedding_types=["float"],
            request_options={"max_retries": 0},
        ),
    )
    _quietly(
        "rerank",
        lambda: co.rerank(
            model="rerank-v3.5",
            query="When are the cross-sections due?",
            documents=lines,
            top_n=2,
            request_options={"max_retries": 0},
        ),
    )


def run_cartesia() -> None:
    """cartesia (Cartesia's official Python SDK, text to speech): the meeting client reads the
    meeting's summary aloud to a user who joined by phone (README usage: Cartesia(api_key),
    tts.bytes with a model, voice id and output format)."""
    from cartesia import Cartesia

    client = Cartesia(api_key="h24c4rt3s14sk_9f2e7d1c0b3a", max_retries=0)
    _quietly(
        "tts",
        lambda: client.tts.bytes(
            model_id="sonic-2",
            transcript=(
                f"Summary of {TOPIC}. {GUEST_NAME} will send the cross-sections to "
                f"{HOST_NAME} by Friday; a maintenance dredge is needed before January."
            ),
            voice={"mode": "id", "id": "a0e99841-438c-4a64-b679-ae501e7d6091"},
            language="en",
            output_format={"container": "wav", "encoding": "pcm_s16le", "sample_rate": 16000},
        ),
    )


def run_stytch() -> None:
    """stytch (Stytch's official Python client, passwordless auth): when the corpus user invites a
    new participant, the meeting backend creates her account, e-mails her a sign-up magic link and
    texts her a one-time passcode for the phone dial-in (README usage: stytch.Client(project_id,
    secret), users.create, magic_links.email.login_or_create, otps.sms.send)."""
    import stytch

    client = stytch.Client(
        project_id="project-test-3f1c9e2a-0142-4d7b-9e61-2c5b8d0f4a17",
        secret="secret-test-h24St7tchS3cr3tQx9Lm2Rb8Tz",
    )
    _quietly(
        "user",
        lambda: client.users.create(
            email=GUEST_EMAIL,
            name={"first_name": GUEST_FIRST, "last_name": GUEST_LAST},
            phone_number=GUEST_PHONE,
            create_user_as_pending=True,
            trusted_metadata={"invited_by": HOST_USERNAME, "meeting_id": MEETING_ID},
        ),
    )
    _quietly(
        "magic link",
        lambda: client.magic_links.email.login_or_create(
            email=GUEST_EMAIL,
            login_magic_link_url="https://meet.example.com/auth/callback",
            signup_magic_link_url="https://meet.example.com/auth/callback",
            signup_expiration_minutes=1440,
        ),
    )
    _quietly(
        "otp",
        lambda: client.otps.sms.send(phone_number=GUEST_PHONE, expiration_minutes=5, locale="en"),
    )


def run_clerk() -> None:
    """clerk-backend-api (Clerk's official Python SDK, user management): the meeting product's
    backend provisions the corpus user's account with her profile, invites the guest to the
    workspace and records the user's meeting preferences in her metadata (README usage:
    Clerk(bearer_auth), users.create, invitations.create, users.update_metadata)."""
    from clerk_backend_api import Clerk

    with Clerk(bearer_auth="sk_test_h24Cl3rkB4ck3ndK3y7Qm2Xv9") as clerk:
        _quietly(
            "user",
            lambda: clerk.users.create(
                external_id=HOST_USERNAME,
                first_name=HOST_NAME.split()[0],
                last_name=HOST_NAME.split()[1],
                email_address=[HOST_EMAIL],
                username=HOST_USERNAME.replace(".", "_"),
                locale="en-GB",
                skip_password_requirement=True,
                public_metadata={"plan": "business"},
            ),
        )
        _quietly(
            "invitation",
            lambda: clerk.invitations.create(
                request={
                    "email_address": GUEST_EMAIL,
                    "public_metadata": {
                        "invited_by": HOST_EMAIL,
                        "first_meeting": MEETING_ID,
                        "full_name": GUEST_NAME,
                    },
                    "redirect_url": f"https://meet.example.com/j/{MEETING_ID}",
                    "expires_in_days": 7,
                }
            ),
        )
        _quietly(
            "metadata",
            lambda: clerk.users.update_metadata(
                user_id="user_2q8Xh4TzK7mLw3RbN9vYc1PdF0a",
                private_metadata={
                    "default_meeting_topic": TOPIC,
                    "auto_transcribe": True,
                    "last_meeting_id": MEETING_ID,
                },
            ),
        )


SCENARIOS: dict[str, Callable[[], None]] = {
    "cohere-py": run_cohere,
    "cartesia-py": run_cartesia,
    "stytch-py": run_stytch,
    "clerk-py": run_clerk,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
