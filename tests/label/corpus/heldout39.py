"""Build the thirty-ninth held-out set `heldout39.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk*.jsonl,
the *_npm/ directories, *_runs.py, generate.py, and auditor/vendors/), recorded through the real
proxy offline, from the project and task trackers a meeting product pushes a call's action items
to: tasks and stories with assignee, due date and the meeting link, a comment quoting what was
said, a module or epic for the meeting's follow-ups, the outside participant invited to the
project, the meeting's time logged, searches for her earlier items (Taiga, Plane, Shortcut,
YouTrack).

Run: `.venv/bin/python tests/label/corpus/heldout39.py` (offline; `make setup`, then
`npm ci` in `heldout39_npm/` and `pip install -r heldout39-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout39_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout39_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout39.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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

OUT = HERE / "heldout39.jsonl.frozen"

TAIGA = "api.taiga.io"
PLANE = "api.plane.so"
SHORTCUT = "api.app.shortcut.com"
YOUTRACK = "acme-meet.youtrack.cloud"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "taiga-py": {TAIGA},
    "plane-py": {PLANE},
    "shortcut-node": {SHORTCUT},
    "youtrack-node": {YOUTRACK},
}

TAIGA_PROJECT = "1486207"
TAIGA_TASK = "9917402"
PLANE_ITEMS = "/api/v1/workspaces/acme-meet/projects/4b1d7f2e-0390-4c8a-9e61-5a2f8c0d7b14"
PLANE_ITEM = f"{PLANE_ITEMS}/work-items/e7a30c52-81d4-4b9f-a6c2-3f05d1b8e947"
SHORTCUT_STORY = "4821"
YOUTRACK_ISSUE = "GRID-142"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout21.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout39".
TAIGA_HEADERS = (
    "Authorization Bearer (credential); x-lazy-pagination (nothing); User-Agent "
    "python-requests earns nothing"
)
PLANE_HEADERS = "Authorization Bearer (credential); User-Agent python-requests earns nothing"
SHORTCUT_HEADERS = "Shortcut-Token (credential); User-Agent axios earns nothing"
YOUTRACK_HEADERS = (
    "Authorization Bearer perm: token (credential); the `fields` query string names the fields "
    "the answer should carry (field names, no values: nothing); User-Agent axios earns nothing"
)
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "taiga-py",
        [
            Expectation(
                at(TAIGA, "/api/v1/userstories", method="POST"),
                [CRED, MEETING, NAME, UID],
                "Taiga",
                "user story create: subject naming the guest in full (name), description "
                "'Action item from \"<topic>\" (meeting <number>, <join link>)' (meeting "
                "metadata; the body of a work item: no chat) with 'Owner: <host's full name>' "
                "(name), assigned_to a numeric member id (the person assigned: user id), "
                "due_date, tags, project id (nothing); " + TAIGA_HEADERS,
            ),
            Expectation(
                at(TAIGA, "/api/v1/tasks", b'"subject"', method="POST"),
                [CRED, MEETING, NAME, UID],
                "Taiga",
                "task create: subject naming the guest by her given name 'Yewande' (a person's "
                "name: name), description 'Agreed in meeting <number>: <join link>' (meeting "
                "metadata; no chat), assigned_to (user id), user_story, status, project ids "
                "and due_date (nothing); " + TAIGA_HEADERS,
            ),
            Expectation(
                at(TAIGA, "/api/v1/memberships", method="POST"),
                [CRED, EMAIL, NAME, MEETING],
                "Taiga",
                "membership (the guest invited to the project): email the guest's address "
                "(e-mail; under a key that only describes her: no user id), "
                "invitation_extra_text 'From <host's full name>: <topic>' (name; the meeting's "
                "topic: meeting metadata; a line the backend composes, not a message a person "
                "wrote: no chat), role and project ids (nothing); " + TAIGA_HEADERS,
            ),
            Expectation(
                at(TAIGA, f"/api/v1/tasks/{TAIGA_TASK}", method="PUT"),
                [CRED, CHAT, NAME, PHONE],
                "Taiga",
                "comment on the task (python-taiga's add_comment: a PUT with comment and "
                "version): quoting what the guest said on the call, written to the team (a "
                "comment on a work item: chat), naming her in full (name) with her phone "
                "number (phone); no topic or number (no meeting metadata); " + TAIGA_HEADERS,
            ),
            Expectation(
                at(TAIGA, "/api/v1/search", method="GET"),
                [CRED, NAME],
                "Taiga",
                "search: query string text=<guest's full name> (name), project id (nothing); "
                + TAIGA_HEADERS,
            ),
        ],
    ),
    (
        "plane-py",
        [
            Expectation(
                at(PLANE, "/auth/o/token/", method="POST"),
                [CRED],
                "Plane",
                "OAuth client-credentials token request: client_id and client_secret in the "
                "JSON body (credential), grant_type, scope; no Authorization header; "
                "User-Agent python-requests earns nothing",
            ),
            Expectation(
                at(PLANE, f"{PLANE_ITEMS}/modules/", method="POST"),
                [CRED, MEETING, NAME, UID],
                "Plane",
                "module (a project's group of work items) for the meeting's follow-ups: name "
                "'Follow-ups: <topic>' and description 'Action items from meeting <number> with "
                "<guest's full name>' (meeting metadata, name), lead and members member UUIDs "
                "(the person leading and the members: user id), target_date; workspace slug "
                "and project UUID in the path (nothing); " + PLANE_HEADERS,
            ),
            Expectation(
                at(PLANE, f"{PLANE_ITEMS}/work-items/", b'"assignees"', method="POST"),
                [CRED, MEETING, NAME, EMAIL, UID],
                "Plane",
                "work item create: description_html with the join link carrying the meeting "
                "number (meeting metadata), the guest's given name (name) and address "
                "(e-mail) (the body of a work item: no chat), assignees [member UUID] (user "
                "id), external_id mtg-<number>-ai-2 (the action item's reference, naming the "
                "meeting: meeting metadata; no user id), name, priority, target_date, "
                "external_source; " + PLANE_HEADERS,
            ),
            Expectation(
                at(PLANE, f"{PLANE_ITEM}/comments/", method="POST"),
                [CRED, CHAT, NAME],
                "Plane",
                "work item comment: comment_html quoting what the host said on the call (a "
                "comment on a work item: chat) naming host and guest in full (name); access "
                "INTERNAL; no topic or number (no meeting metadata); " + PLANE_HEADERS,
            ),
            Expectation(
                at(PLANE, f"{PLANE_ITEM}/links/", method="POST"),
                [CRED, MEETING],
                "Plane",
                "work item link: url the meeting's join link with its number and title "
                "'Recording: <topic>' (meeting metadata); " + PLANE_HEADERS,
            ),
        ],
    ),
    (
        "shortcut-node",
        [
            Expectation(
                at(SHORTCUT, "/api/v3/epics", method="POST"),
                [CRED, MEETING, NAME, UID],
                "Shortcut",
                "epic create: name 'Follow-ups: <topic>', description 'Action items from "
                "meeting <number> with <guest's full name> (<join link>)' (meeting metadata, "
                "name; the body of a work item: no chat), owner_ids [member UUID] (the "
                "owners: user id), deadline; " + SHORTCUT_HEADERS,
            ),
            Expectation(
                at(SHORTCUT, "/api/v3/stories", b'"story_type"', method="POST"),
                [CRED, MEETING, NAME, UID],
                "Shortcut",
                "story create: name naming the guest in full (name), description and "
                "external_links with the join link carrying the meeting number (meeting "
                "metadata; no chat), owner_ids (user id), deadline, story_type, epic, "
                "workflow state and label (nothing); " + SHORTCUT_HEADERS,
            ),
            Expectation(
                at(SHORTCUT, f"/api/v3/stories/{SHORTCUT_STORY}/tasks", method="POST"),
                [CRED, NAME, PHONE, UID],
                "Shortcut",
                "task (a checklist item on the story): description 'Call <guest's given name> "
                "on <her phone>' (name, phone; a record of the work, not a message: no chat), "
                "owner_ids (user id); story id in the path (nothing); " + SHORTCUT_HEADERS,
            ),
            Expectation(
                at(SHORTCUT, f"/api/v3/stories/{SHORTCUT_STORY}/comments", method="POST"),
                [CRED, CHAT, NAME],
                "Shortcut",
                "story comment: text quoting the guest on the call and what the host agreed "
                "(a comment on a work item: chat), naming both in full (name); no topic or "
                "number (no meeting metadata); " + SHORTCUT_HEADERS,
            ),
            Expectation(
                at(SHORTCUT, "/api/v3/search/stories", method="GET"),
                [CRED, NAME],
                "Shortcut",
                'story search: query string query="<guest\'s full name>" (name), page_size; '
                + SHORTCUT_HEADERS,
            ),
        ],
    ),
    (
        "youtrack-node",
        [
            Expectation(
                at(YOUTRACK, "/api/issues", b'"summary"', method="POST"),
                [CRED, MEETING, NAME],
                "JetBrains",
                "issue create: summary naming the guest in full (name), description 'Action "
                'item from "<topic>" (meeting <number>, <join link>)\' (meeting metadata; the '
                "body of an issue: no chat) with 'Owner: <host's full name>' (name, a name in "
                "text: no user id), project id 0-7 (nothing); " + YOUTRACK_HEADERS,
            ),
            Expectation(
                at(YOUTRACK, f"/api/issues/{YOUTRACK_ISSUE}/comments", method="POST"),
                [CRED, CHAT, NAME, EMAIL],
                "JetBrains",
                "issue comment: text quoting the guest on the call, written to the team (a "
                "comment on a work item: chat), naming her by her given name (name) with her "
                "address (e-mail); no topic or number (no meeting metadata); " + YOUTRACK_HEADERS,
            ),
            Expectation(
                at(YOUTRACK, f"/api/issues/{YOUTRACK_ISSUE}/timeTracking/workItems", method="POST"),
                [CRED, MEETING],
                "JetBrains",
                "work item (time logged on the issue): text 'Meeting <number>: <topic>' with "
                "date and duration 47 minutes (the meeting's schedule: meeting metadata; time "
                "the user tracked for her work, not usage of the meeting product: no product "
                "usage, as heldout21's ClickUp time entry); " + YOUTRACK_HEADERS,
            ),
            Expectation(
                at(YOUTRACK, "/api/issues", method="GET"),
                [CRED, NAME],
                "JetBrains",
                'issue search: query string query="<guest\'s full name>" #Unresolved (name); '
                + YOUTRACK_HEADERS,
            ),
        ],
    ),
]


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if request["method"] == "GET":
        return "Query-string API calls (GET searches)"
    if request["path"].startswith("/auth/o/token"):
        return "OAuth token request (JSON body)"
    if scenario == "youtrack-node":
        return "JSON REST API calls + field-selection query string"
    return "JSON REST API calls"


HELDOUT = HeldoutSet(
    name="heldout39",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
