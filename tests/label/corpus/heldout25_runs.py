"""PyPI SDKs of the twenty-fifth held-out set (heldout25.py): where a meeting's artefacts go
after the call: the webhooks a meeting backend sends its customers when a recording is ready
(Svix), to its vendor's real host. Run one as a program: `python heldout25_runs.py SCENARIO`; heldout25.py
starts it through the auditor's proxy (`auditor capture --sinkhole '*'`) with the environment
`auditor launch` gives a program, so nothing leaves the machine.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Kiwifruit packhouse export certification review"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Rangi Parata"
GUEST_EMAIL = "rangi.parata@kaimai-orchards-example.com"
WORKSPACE = "ws_acme_0142"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_svix() -> None:
    """svix (Svix's own Python SDK, webhooks as a service): the meeting backend keeps one Svix
    application per customer workspace, registers the customer's endpoint for recording events,
    sends the 'recording.completed' webhook of the call and opens the customer's webhook portal
    (README usage: Svix(token), application.create, endpoint.create, message.create,
    authentication.app_portal_access). A token ending in '.eu' selects the EU region's host."""
    from svix.api import (
        ApplicationIn,
        AppPortalAccessIn,
        EndpointIn,
        MessageIn,
        Svix,
        SvixOptions,
    )

    svix = Svix("sk_h25Sv1xT0k3nQw8Er2Ty6Ui4Op0.eu", SvixOptions(retry_schedule=[]))
    app_id = "app_2qH25wXy8Kd3Lm0Nb7Vc4Rt1Zs"
    _quietly(
        "application",
        lambda: svix.application.create(
            ApplicationIn(
                name="Acme Meet workspace",
                uid=WORKSPACE,
                metadata={"admin": HOST_EMAIL, "plan": "business"},
            )
        ),
    )
    _quietly(
        "endpoint",
        lambda: svix.endpoint.create(
            app_id,
            EndpointIn(
                url="https://hooks.acme-meet-customer.example.com/recordings",
                description="Recording archive of the compliance team",
                event_types=["recording.completed", "transcript.ready"],
            ),
        ),
    )
    _quietly(
        "message",
        lambda: svix.message.create(
            app_id,
            MessageIn(
                event_type="recording.completed",
                event_id=f"evt_rec_{MEETING_ID}",
                payload={
                    "type": "recording.completed",
                    "meeting": {
                        "id": MEETING_ID,
                        "topic": TOPIC,
                        "start_time": "2026-12-10T21:00:00Z",
                        "duration_minutes": 38,
                        "host": {"name": HOST_NAME, "email": HOST_EMAIL},
                        "participants": [
                            {"name": HOST_NAME, "email": HOST_EMAIL},
                            {"name": GUEST_NAME, "email": GUEST_EMAIL},
                        ],
                    },
                    "recording": {
                        "download_url": f"https://files.acme-meet.example.com/rec/{MEETING_ID}.mp4",
                        "file_size": 412337152,
                        "format": "mp4",
                    },
                },
            ),
        ),
    )
    _quietly(
        "portal",
        lambda: svix.authentication.app_portal_access(
            app_id, AppPortalAccessIn(read_only=True, expiry=3600)
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "svix-py": run_svix,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
