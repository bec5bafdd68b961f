"""PyPI SDKs of the eleventh held-out set (heldout11.py): workspace, issue-tracker, task, database
and file-storage APIs, each making the calls a meeting backend would make after a meeting, to its
vendor's real host. Run one as a program: `python heldout11_runs.py SCENARIO`; heldout11.py starts
it through the auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor
launch` gives a program, so nothing leaves the machine.
"""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

USER_ID = "usr_3Hf8Wq20"
MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Quarterly roadmap review"
PARTICIPANTS = 6
# Another participant, invited by the corpus user.
GUEST_NAME = "Lukas Brandt"
GUEST_EMAIL = "lukas.brandt@meetcorp-example.com"
GUEST_PHONE = "+49 151 5550 1847"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_notion() -> None:
    """notion-client (Notion API): the meeting notes as a page in the team's meetings database,
    a comment on it, and a search for the meeting's page (README usage: Client(auth=…),
    pages.create, comments.create, search)."""
    from notion_client import Client

    notion = Client(auth="secret_C0rpus11NotionIntegrationTok3nAb7Cd9Ef")
    database = "1a2b3c4d-c0r1-4p11-9e8d-0a1b2c3d4e5f"
    _quietly(
        "pages.create",
        lambda: notion.pages.create(
            parent={"database_id": database},
            properties={
                "Name": {"title": [{"text": {"content": f"{TOPIC} ({MEETING_ID})"}}]},
                "Date": {
                    "date": {"start": "2026-12-10T10:00:00+01:00", "time_zone": "Europe/Berlin"}
                },
                "Attendees": {
                    "rich_text": [{"text": {"content": f"{CORPUS_VALUES['name']}, {GUEST_NAME}"}}]
                },
                "Host": {"email": CORPUS_VALUES["email"]},
            },
            children=[
                {
                    "object": "block",
                    "type": "paragraph",
                    "paragraph": {
                        "rich_text": [
                            {
                                "text": {
                                    "content": (
                                        "Decisions: ship offline mode in Q1; Lukas to revise "
                                        "the pricing page."
                                    )
                                }
                            }
                        ]
                    },
                }
            ],
        ),
    )
    _quietly(
        "comments.create",
        lambda: notion.comments.create(
            parent={"page_id": "7d8e9f0a-c0r1-4p11-8d7c-6b5a4f3e2d1c"},
            rich_text=[{"text": {"content": "Lukas: I missed the last ten minutes, any changes?"}}],
        ),
    )
    _quietly(
        "blocks.children.append",
        lambda: notion.blocks.children.append(
            block_id="7d8e9f0a-c0r1-4p11-8d7c-6b5a4f3e2d1c",
            children=[
                {
                    "object": "block",
                    "type": "to_do",
                    "to_do": {
                        "rich_text": [
                            {"text": {"content": f"{GUEST_NAME}: revise the pricing page"}}
                        ],
                        "checked": False,
                    },
                }
            ],
        ),
    )
    _quietly(
        "search",
        lambda: notion.search(
            query=f"{TOPIC} {MEETING_ID}", filter={"property": "object", "value": "page"}
        ),
    )


def run_jira() -> None:
    """jira (Jira Cloud REST API v2): an issue for a meeting's action item assigned to a person,
    a comment on it, and a user search by e-mail (README usage: JIRA(server, basic_auth),
    create_issue, add_comment, search_users)."""
    from jira import JIRA

    client = JIRA(
        server="https://meetcorp.atlassian.net",
        basic_auth=(CORPUS_VALUES["email"], "ATATT3xC0rpus11JiraApiTok3nQw8Er5Ty"),
        get_server_info=False,
        max_retries=0,
    )
    _quietly(
        "create_issue",
        lambda: client.create_issue(
            fields={
                "project": {"key": "MEET"},
                "summary": f"Revise pricing page (from {TOPIC}, meeting {MEETING_ID})",
                "description": (
                    f"Raised by {CORPUS_VALUES['name']} in the roadmap review with "
                    f"{GUEST_NAME} ({GUEST_EMAIL}, {GUEST_PHONE})."
                ),
                "issuetype": {"name": "Task"},
                "assignee": {"accountId": "5f0c0rpus11a1b2c3d4e5f6a7"},
                "labels": ["meeting-followup"],
            }
        ),
    )
    _quietly(
        "add_comment",
        lambda: client.add_comment(
            "MEET-142",
            "Recording of the meeting shows the audio froze for Lukas at 10:24; "
            "he was on Android 14, Pixel 8, mobile data.",
        ),
    )
    _quietly(
        "add_worklog",
        lambda: client.add_worklog(
            "MEET-142", timeSpent="45m", comment=f"{TOPIC} (meeting {MEETING_ID})"
        ),
    )
    minutes = (
        f"{TOPIC} - minutes\nPresent: {CORPUS_VALUES['name']}, {GUEST_NAME}\n"
        "1. Offline mode ships in Q1.\n"
    ).encode()
    _quietly(
        "add_attachment",
        lambda: client.add_attachment("MEET-142", io.BytesIO(minutes), filename="minutes.txt"),
    )
    _quietly("search_users", lambda: client.search_users(query=GUEST_EMAIL))


def run_asana() -> None:
    """asana (Asana API v5 client): a task for a meeting's action item with an assignee and a
    follower, and a story (comment) on it (README usage: Configuration.access_token, TasksApi,
    StoriesApi). The generated client reads no proxy from the environment: the scenario gives
    it the proxy and CA `auditor launch` set, as a program under launch would be configured."""
    import asana

    configuration = asana.Configuration()
    configuration.access_token = "2/1205c0rpus11/1205Asana:C0rpus11PatTok3nXy7Zq2"
    configuration.proxy = os.environ.get("HTTPS_PROXY")
    configuration.ssl_ca_cert = os.environ.get("SSL_CERT_FILE")
    configuration.retries = 0
    client = asana.ApiClient(configuration)
    tasks = asana.TasksApi(client)
    _quietly(
        "create_task",
        lambda: tasks.create_task(
            {
                "data": {
                    "name": f"Send revised roadmap ({TOPIC})",
                    "notes": (
                        f"From meeting {MEETING_ID}: {GUEST_NAME} asked for the Q1 dates. "
                        "Call him on +49 151 5550 1847 if anything slips."
                    ),
                    "assignee": GUEST_EMAIL,
                    "followers": [CORPUS_VALUES["email"]],
                    "due_on": "2026-12-12",
                    "workspace": "1205000000000011",
                }
            },
            {},
        ),
    )
    _quietly(
        "add_followers_for_task",
        lambda: tasks.add_followers_for_task(
            {"data": {"followers": [GUEST_EMAIL]}}, "1205000000000142", {}
        ),
    )
    stories = asana.StoriesApi(client)
    _quietly(
        "create_story_for_task",
        lambda: stories.create_story_for_task(
            {"data": {"text": "Alice: done, I shared the deck in the meeting chat."}},
            "1205000000000142",
            {},
        ),
    )


def run_todoist() -> None:
    """todoist-api-python (Todoist REST API): a task from the meeting with a due date and a
    comment on it (README usage: TodoistAPI(token), add_task, add_comment)."""
    from todoist_api_python.api import TodoistAPI

    api = TodoistAPI("0c0rpus11a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d")
    _quietly(
        "add_task",
        lambda: api.add_task(
            content=f"Prepare slides for {TOPIC}",
            description=f"Meeting {MEETING_ID} with {GUEST_NAME}; dial-in pin 604417",
            due_string="tomorrow at 9:30",
            due_lang="en",
            priority=4,
            labels=["meetings"],
        ),
    )
    _quietly("add_project", lambda: api.add_project(name=f"{TOPIC} follow-ups"))
    _quietly(
        "add_comment",
        lambda: api.add_comment(
            content="Lukas asked to move the demo before the pricing section.",
            task_id="8123c0r11",
        ),
    )


def run_airtable() -> None:
    """pyairtable (Airtable Web API): attendance records of a meeting written to a base, then a
    filtered read (README usage: Api(token).table(base, table).create, batch_create, all)."""
    from pyairtable import Api

    api = Api("patC0rpus11Airtable.0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f")
    table = api.table("appC0rpus11Base01", "Attendance")
    _quietly(
        "create",
        lambda: table.create(
            {
                "Meeting": f"{TOPIC} ({MEETING_ID})",
                "Name": GUEST_NAME,
                "Email": GUEST_EMAIL,
                "Joined": "2026-12-10T09:01:12Z",
                "Minutes": 47,
                "Device": "Android 14 / Pixel 8",
                "Network": "cellular",
                "City": "Berlin, DE",
            }
        ),
    )
    _quietly(
        "batch_create",
        lambda: table.batch_create(
            [
                {"Meeting": str(MEETING_ID), "Name": CORPUS_VALUES["name"], "Role": "host"},
                {"Meeting": str(MEETING_ID), "Name": "Mei Tanaka", "Role": "guest"},
            ]
        ),
    )
    _quietly(
        "update",
        lambda: table.update("recC0rpus11Lb01", {"Minutes": 52, "Left": "2026-12-10T09:53:40Z"}),
    )
    _quietly(
        "all",
        lambda: table.all(formula=f"{{Email}} = '{GUEST_EMAIL}'", max_records=10),
    )


def run_box() -> None:
    """box-sdk-gen (Box Platform API): a folder for the meeting, the recording's transcript
    uploaded into it, a collaborator invited by e-mail (README usage: BoxClient(
    BoxDeveloperTokenAuth(token)), folders.create_folder, uploads.upload_file,
    user_collaborations.create_collaboration)."""
    import io

    from box_sdk_gen import (
        BoxClient,
        BoxDeveloperTokenAuth,
        CreateCollaborationAccessibleBy,
        CreateCollaborationAccessibleByTypeField,
        CreateCollaborationItem,
        CreateCollaborationItemTypeField,
        CreateCollaborationRole,
        CreateCommentItem,
        CreateCommentItemTypeField,
        CreateFolderParent,
        UploadFileAttributes,
        UploadFileAttributesParentField,
    )

    client = BoxClient(BoxDeveloperTokenAuth(token="C0rpus11BoxDevTok3nQw8Er5Ty2Ui9OpAs"))
    _quietly(
        "create_folder",
        lambda: client.folders.create_folder(f"{TOPIC} {MEETING_ID}", CreateFolderParent(id="0")),
    )
    transcript = (
        b"1\n00:00:01,000 --> 00:00:04,000\nAlice Example: Welcome everyone to the roadmap "
        b"review.\n\n2\n00:00:04,500 --> 00:00:08,000\nLukas Brandt: Can we start with "
        b"offline mode?\n"
    )
    _quietly(
        "upload_file",
        lambda: client.uploads.upload_file(
            UploadFileAttributes(
                name="transcript.srt", parent=UploadFileAttributesParentField(id="2391c0r11")
            ),
            io.BytesIO(transcript),
        ),
    )
    _quietly(
        "create_comment",
        lambda: client.comments.create_comment(
            "Lukas Brandt, please check the timestamps around the pricing part.",
            CreateCommentItem(id="1408c0r11", type=CreateCommentItemTypeField.FILE),
        ),
    )
    _quietly(
        "create_collaboration",
        lambda: client.user_collaborations.create_collaboration(
            CreateCollaborationItem(type=CreateCollaborationItemTypeField.FOLDER, id="2391c0r11"),
            CreateCollaborationAccessibleBy(
                type=CreateCollaborationAccessibleByTypeField.USER, login=GUEST_EMAIL
            ),
            CreateCollaborationRole.EDITOR,
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "notion-py": run_notion,
    "jira-py": run_jira,
    "asana-py": run_asana,
    "todoist-py": run_todoist,
    "airtable-py": run_airtable,
    "box-py": run_box,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
