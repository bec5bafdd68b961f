"""PyPI SDKs of the thirty-ninth held-out set (heldout39.py): the project and task trackers a
meeting product pushes a call's action items to (Taiga, Plane), each making the calls a meeting
backend would make after the call, to its vendor's real host. Run one as a program: `python
heldout39_runs.py SCENARIO`; heldout39.py starts it through the auditor's proxy (`auditor
capture --sinkhole '*'`) with the environment `auditor launch` gives a program, so nothing
leaves the machine.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Microgrid inverter firmware rollout review"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
MEETING_LINK = f"https://meet.acme-meet.example/j/{MEETING_ID}"
# The outside participant of the meeting, invited by the corpus user.
GUEST_NAME = "Yewande Oyelaran"
GUEST_FIRST = "Yewande"
GUEST_EMAIL = "yewande.oyelaran@ijebu-microgrid-example.com"
GUEST_PHONE = "+234 809 418 2736"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_taiga() -> None:
    """python-taiga (a community client of Taiga's public API, an agile project tracker): after
    the meeting the product's backend files its action item as a user story and a task assigned
    to the user with a due date and the meeting link, invites the outside participant to the
    project, quotes what was said as a comment and searches the project for earlier items
    (README usage: TaigaAPI(token=...), user_stories.create, tasks.create, memberships, add_comment,
    search)."""
    from taiga import TaigaAPI
    from taiga.models.models import Memberships, Task

    api = TaigaAPI(host="https://api.taiga.io", token="h39t41g4bearer7c0e2a9f51d3")
    project_id = 1486207
    user_id = 702318
    _quietly(
        "user story",
        lambda: api.user_stories.create(
            project_id,
            f"Firmware 4.2 rollout plan for {GUEST_NAME}'s pilot sites",
            description=(
                f'Action item from "{TOPIC}" (meeting {MEETING_ID}, {MEETING_LINK}). Owner: '
                f"{HOST_NAME}."
            ),
            assigned_to=user_id,
            due_date="2026-12-18",
            tags=["meeting-follow-up"],
        ),
    )
    _quietly(
        "task",
        lambda: api.tasks.create(
            project_id,
            f"Send the inverter rollback procedure to {GUEST_FIRST}",
            4190233,
            user_story=5530871,
            assigned_to=user_id,
            due_date="2026-12-15",
            description=f"Agreed in meeting {MEETING_ID}: {MEETING_LINK}",
        ),
    )
    _quietly(
        "membership",
        lambda: Memberships(api.raw_request).create(
            project_id, GUEST_EMAIL, 3301457, invitation_extra_text=f"From {HOST_NAME}: {TOPIC}"
        ),
    )
    task = Task(api.raw_request, id=9917402, version=1)
    _quietly(
        "comment",
        lambda: task.add_comment(
            f'{GUEST_NAME} said on the call: "We can only flash two sites a night, and I need '
            f'a rollback window before 6 am." Reach her on {GUEST_PHONE}.'
        ),
    )
    _quietly("search", lambda: api.search(project_id, text=GUEST_NAME))


def run_plane() -> None:
    """plane-sdk (Plane's own Python SDK, an open-source project tracker on its hosted cloud):
    the backend's app gets a token with its client credentials, creates a module for the
    meeting's follow-ups, a work item per action item with assignee, target date and the
    meeting link, a comment quoting the call and the link itself (README usage: OAuthClient,
    PlaneClient(base_url, access_token), modules.create, work_items.create, comments.create,
    links.create)."""
    from plane.client import OAuthClient, PlaneClient
    from plane.models.modules import CreateModule
    from plane.models.work_items import (
        CreateWorkItem,
        CreateWorkItemComment,
        CreateWorkItemLink,
    )

    oauth = OAuthClient(
        base_url="https://api.plane.so",
        client_id="h39pl4necl13nt0b7d2e",
        client_secret="h39pl4nes3cr3t9a4f1c6e8b2d",
    )
    _quietly("token", lambda: oauth.get_client_credentials_token())
    plane = PlaneClient(base_url="https://api.plane.so", access_token="h39pl4ne4cc3ss5e8d1a7c0f")
    ws = "acme-meet"
    project = "4b1d7f2e-0390-4c8a-9e61-5a2f8c0d7b14"
    member = "9c2e4a71-5d08-4f3b-8a16-0e7b3d9f2c45"
    item = "e7a30c52-81d4-4b9f-a6c2-3f05d1b8e947"
    _quietly(
        "module",
        lambda: plane.modules.create(
            ws,
            project,
            CreateModule(
                name=f"Follow-ups: {TOPIC}",
                description=f"Action items from meeting {MEETING_ID} with {GUEST_NAME}",
                target_date="2026-12-18",
                lead=member,
                members=[member],
            ),
        ),
    )
    _quietly(
        "work item",
        lambda: plane.work_items.create(
            ws,
            project,
            CreateWorkItem(
                name="Confirm night flashing window with the pilot sites",
                description_html=(
                    f"<p>From {MEETING_LINK}: {GUEST_FIRST} ({GUEST_EMAIL}) needs two sites a "
                    "night, rollback before 06:00.</p>"
                ),
                assignees=[member],
                priority="high",
                target_date="2026-12-15",
                external_source="acme-meet",
                external_id=f"mtg-{MEETING_ID}-ai-2",
            ),
        ),
    )
    _quietly(
        "comment",
        lambda: plane.work_items.comments.create(
            ws,
            project,
            item,
            CreateWorkItemComment(
                comment_html=(
                    f"<p>{HOST_NAME} on the call: I will send {GUEST_NAME} the signed firmware "
                    "hashes before Friday.</p>"
                ),
                access="INTERNAL",
            ),
        ),
    )
    _quietly(
        "link",
        lambda: plane.work_items.links.create(
            ws, project, item, CreateWorkItemLink(url=MEETING_LINK, title=f"Recording: {TOPIC}")
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "taiga-py": run_taiga,
    "plane-py": run_plane,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
