"""PyPI SDKs of the twenty-first held-out set (heldout21.py): the feedback board a meeting
product collects its users' feature requests on (Canny) and the usage-based billing that meters
its meetings (m3ter), each making the calls a meeting backend would make, to its vendor's real
host. Run one as a program: `python heldout21_runs.py SCENARIO`; heldout21.py starts it through
the auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor launch`
gives a program, so nothing leaves the machine.
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
TOPIC = "Cashmere cooperative traceability audit"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Bolormaa Tserendorj"
GUEST_EMAIL = "bolormaa.tserendorj@khangai-fibre-example.com"
START = dt.datetime(2026, 12, 10, 12, 0, tzinfo=dt.UTC)
END = START + dt.timedelta(minutes=47)


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_canny() -> None:
    """canny-sdk (a community client of Canny's public API, a product-feedback board): after a
    meeting the product's backend files the user's in-app feature request on the feedback board:
    it identifies the user, creates the post, adds her vote and a comment with her follow-up
    (README usage: CannyClient(api_key, read_only=False), users.create_or_update, posts.create,
    votes.create, comments.create)."""
    from canny import CannyClient

    canny = CannyClient(api_key="h21c4nnyk3y0a7f2d9e1b5c8", read_only=False)
    _quietly(
        "user",
        lambda: canny.users.create_or_update(
            email=HOST_EMAIL,
            name=HOST_NAME,
            user_id=HOST_USERNAME,
            companies=[{"id": "ws_acme_0142", "name": "Acme Meet workspace"}],
            custom_fields={"plan": "business", "client": "desktop 5.19.2"},
        ),
    )
    _quietly(
        "post",
        lambda: canny.posts.create(
            author_id="6751c2f0a8e41b0142d3e9f7",
            board_id="64f0a2c1b7d3e90142a5c8d1",
            title="Let guests download the recording for 7 days",
            details=(
                f"In my meeting with {GUEST_NAME} ({TOPIC}) she could not open the recording "
                "the next morning because guest links expire after 24 hours. External auditors "
                "need at least a week."
            ),
            custom_fields={"meeting_id": str(MEETING_ID)},
        ),
    )
    _quietly(
        "vote",
        lambda: canny.votes.create(
            post_id="6751c3a4d2b80142e7f1a0c9", voter_id="6751c2f0a8e41b0142d3e9f7"
        ),
    )
    _quietly(
        "comment",
        lambda: canny.comments.create(
            author_id="6751c2f0a8e41b0142d3e9f7",
            post_id="6751c3a4d2b80142e7f1a0c9",
            value="Same again today: the guest had to ask me to re-share the file by e-mail.",
        ),
    )


def run_m3ter() -> None:
    """m3ter (usage-based billing): the meeting backend registers the customer workspace as a
    billing account with its admin's contact, then submits the meeting's usage measurements
    (minutes, participants, transcription) to the meters it bills on (README usage:
    M3ter(token, org_id), accounts.create, usage.submit)."""
    from m3ter import M3ter

    org_id = "a3f1c9e2-0142-4d7b-9e61-2c5b8d0f4a17"
    client = M3ter(
        token="h21m3terbearer0b7c2e9f4a1d6",
        org_id=org_id,
        api_key="h21m3terkey01",
        api_secret="h21m3tersecret01",
        max_retries=0,
    )
    _quietly(
        "account",
        lambda: client.accounts.create(
            code="ws_acme_0142",
            name="Acme Meet workspace",
            email_address=HOST_EMAIL,
            currency="USD",
            custom_fields={"owner": HOST_USERNAME},
        ),
    )
    _quietly(
        "usage",
        lambda: client.usage.submit(
            measurements=[
                {
                    "account": "ws_acme_0142",
                    "meter": "meeting_minutes",
                    "ts": END,
                    "uid": f"mtg-{MEETING_ID}-minutes",
                    "measure": {"minutes": 47, "participants": 2},
                    "who": {"host": HOST_EMAIL},
                    "what": {"meeting_id": str(MEETING_ID), "feature": "cloud-recording"},
                    "where": {"region": "ap-east-1"},
                },
                {
                    "account": "ws_acme_0142",
                    "meter": "transcription_minutes",
                    "ts": END,
                    "measure": {"minutes": 47},
                    "what": {"meeting_id": str(MEETING_ID), "language": "en"},
                },
            ]
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "canny-py": run_canny,
    "m3ter-py": run_m3ter,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
