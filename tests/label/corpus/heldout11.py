"""Build the eleventh held-out set `heldout11.jsonl.frozen` (issue 15): real programs absent from
the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk7/sdk9.jsonl,
npm/, heldout5_npm/ … heldout10_npm/, sdk7_npm/, sdk9_npm/, *_runs.py, generate.py), recorded
through the real proxy offline: workspace and project tools a meeting backend files its notes and
action items into (Notion, Jira, Asana, Todoist, Airtable, Linear), file storage (Box) and a
real-user-monitoring SDK in the browser (OpenObserve).

Run: `.venv/bin/python tests/label/corpus/heldout11.py` (offline; `make setup`, then
`npm ci` in `heldout11_npm/` and `pip install -r heldout11-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout11_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios; a browser page in headless Chromium) and PyPI SDKs in `heldout11_runs.py`, each
sending to its vendor's real host, answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout11.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    COARSE,
    CRED,
    DIAG,
    DID,
    EMAIL,
    HW,
    LOCALE,
    MEETING,
    NAME,
    NETWORK,
    OS,
    PERF,
    PHONE,
    SID,
    UID,
    USAGE,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout11.jsonl.frozen"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "notion-py": {"api.notion.com"},
    "jira-py": {"meetcorp.atlassian.net"},
    "asana-py": {"app.asana.com"},
    "todoist-py": {"api.todoist.com"},
    "airtable-py": {"api.airtable.com"},
    "box-py": {"api.box.com", "upload.box.com"},
    "linear-node": {"api.linear.app"},
    "openobserve-browser": {"api.openobserve.ai"},
}

# Categories of the taxonomy the shared recorder has no constant for.
FILES = "customer_content.files"
TRANSCRIPT = "customer_content.transcript"

AIRTABLE_TABLE = "/v0/appC0rpus11Base01/Attendance"
OO_RUM = "/rum/v1/meetcorp/rum"
OO_LOGS = "/rum/v1/meetcorp/logs"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout10.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions" (the settled
# user-agent convention and which ids name a person); the judgement calls new to this set are in
# the README's "Sources of heldout11".
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "notion-py",
        [
            Expectation(
                at("api.notion.com", "/v1/pages"),
                [CRED, MEETING, NAME, EMAIL, LOCALE],
                "Notion",
                "create a page in the meetings database: title '<topic> (<meeting id>)', date "
                "with time_zone Europe/Berlin, Attendees rich text 'Alice Example, Lukas Brandt', "
                "Host property {email: <e-mail>} (an e-mail under a key that describes it), a "
                "paragraph of decisions; Bearer integration token",
            ),
            Expectation(
                at("api.notion.com", "/v1/comments"),
                [CRED, CHAT],
                "Notion",
                "comment on a page (page id): 'Lukas: I missed the last ten minutes, any "
                "changes?' (written to colleagues; a first name alone is not labelled a name); "
                "Bearer",
            ),
            Expectation(
                at("api.notion.com", "/v1/blocks/", method="PATCH"),
                [CRED, NAME],
                "Notion",
                "append a to-do block to the page: 'Lukas Brandt: revise the pricing page' (an "
                "action item; no meeting id or topic in the request); Bearer",
            ),
            Expectation(
                at("api.notion.com", "/v1/search"),
                [CRED, MEETING],
                "Notion",
                "search query '<topic> <meeting id>' for pages; Bearer",
            ),
        ],
    ),
    (
        "jira-py",
        [
            Expectation(
                at("meetcorp.atlassian.net", "/rest/api/2/issue", b'"summary"'),
                [CRED, MEETING, NAME, EMAIL, PHONE, UID],
                "Atlassian",
                "create issue: summary with topic and meeting id, description naming Alice "
                "Example and Lukas Brandt with his e-mail and phone, assignee {accountId} (a "
                "person's account id); Basic auth '<e-mail>:<API token>'",
            ),
            Expectation(
                at("meetcorp.atlassian.net", "/rest/api/2/issue/MEET-142/comment"),
                [CRED, CHAT, OS, HW, NETWORK],
                "Atlassian",
                "comment on MEET-142: 'Recording of the meeting shows the audio froze for Lukas "
                "at 10:24; he was on Android 14, Pixel 8, mobile data.' (a person's words to "
                "colleagues naming OS, phone model and connection type); Basic auth",
            ),
            Expectation(
                at("meetcorp.atlassian.net", "/rest/api/2/issue/MEET-142/worklog"),
                [CRED, MEETING],
                "Atlassian",
                "worklog: timeSpent 45m, comment '<topic> (meeting <id>)'; Basic auth",
            ),
            Expectation(
                at("meetcorp.atlassian.net", "/rest/api/2/issue/MEET-142/attachments"),
                [CRED, MEETING, NAME, FILES],
                "Atlassian",
                "multipart attachment minutes.txt (octet-stream part): '<topic> - minutes', "
                "'Present: Alice Example, Lukas Brandt', a decision; Basic auth",
            ),
            Expectation(
                at("meetcorp.atlassian.net", "/rest/api/2/user/search", method="GET"),
                [CRED, EMAIL],
                "Atlassian",
                "user search with query=<guest e-mail> (a search string, not an id); Basic auth",
            ),
        ],
    ),
    (
        "asana-py",
        [
            Expectation(
                at("app.asana.com", "/api/1.0/tasks", b'"notes"'),
                [CRED, OS, MEETING, NAME, PHONE, UID, EMAIL],
                "Asana",
                "create task: name with the topic, notes 'From meeting <id>: Lukas Brandt asked "
                "… Call him on +49 …', assignee and followers given as e-mails (Asana's account "
                "reference for a person: user ids and e-mails), workspace gid, due_on; "
                "X-Asana-Client-Lib 'language=Python&version=5.4.0&language_version=3.12.1&"
                "os=Linux&os_version=6.18.44-…' (an SDK platform header naming OS and runtime); "
                "Bearer PAT",
            ),
            Expectation(
                at("app.asana.com", "/api/1.0/tasks/1205000000000142/addFollowers"),
                [CRED, OS, UID, EMAIL],
                "Asana",
                "add followers: followers [<guest e-mail>] (a person's account by e-mail); "
                "X-Asana-Client-Lib; Bearer",
            ),
            Expectation(
                at("app.asana.com", "/api/1.0/tasks/1205000000000142/stories"),
                [CRED, OS, CHAT],
                "Asana",
                "story (comment) on the task: 'Alice: done, I shared the deck in the meeting "
                "chat.' (a first name alone is not labelled); X-Asana-Client-Lib; Bearer",
            ),
        ],
    ),
    (
        "todoist-py",
        [
            Expectation(
                at("api.todoist.com", "/api/v1/tasks"),
                [CRED, MEETING, NAME, LOCALE],
                "Doist",
                "add task: content 'Prepare slides for <topic>', description 'Meeting <id> with "
                "Lukas Brandt; dial-in pin 604417' (a meeting passcode: credential), due_string, "
                "due_lang en (a language), labels, priority; Bearer; X-Request-Id not labelled",
            ),
            Expectation(
                at("api.todoist.com", "/api/v1/projects"),
                [CRED, MEETING],
                "Doist",
                "add project: name '<topic> follow-ups'; Bearer",
            ),
            Expectation(
                at("api.todoist.com", "/api/v1/comments"),
                [CRED, CHAT],
                "Doist",
                "comment on a task: 'Lukas asked to move the demo before the pricing section.' "
                "(a first name alone is not labelled); task id; Bearer",
            ),
        ],
    ),
    (
        "airtable-py",
        [
            Expectation(
                at("api.airtable.com", AIRTABLE_TABLE, b'"City"', method="POST"),
                [CRED, MEETING, NAME, EMAIL, OS, HW, NETWORK, COARSE],
                "Airtable",
                "create an Attendance record: Meeting '<topic> (<id>)', Name, Email, Joined, "
                "Minutes 47, Device 'Android 14 / Pixel 8', Network cellular, City 'Berlin, DE'; "
                "Bearer PAT",
            ),
            Expectation(
                at("api.airtable.com", AIRTABLE_TABLE, b'"records"', method="POST"),
                [CRED, MEETING, NAME],
                "Airtable",
                "batch create: two participants of meeting <id>, Alice Example (host) and Mei "
                "Tanaka (guest), with Role; Bearer",
            ),
            Expectation(
                at("api.airtable.com", AIRTABLE_TABLE + "/rec", method="PATCH"),
                [CRED, MEETING],
                "Airtable",
                "update an Attendance record (record id in path): Minutes 52, Left <time> (a "
                "participant's attendance duration); Bearer",
            ),
            Expectation(
                at("api.airtable.com", AIRTABLE_TABLE, method="GET"),
                [CRED, EMAIL],
                "Airtable",
                "list records with filterByFormula \"{Email} = '<guest e-mail>'\" (an e-mail "
                "inside a formula in the query string), maxRecords; Bearer",
            ),
        ],
    ),
    (
        "box-py",
        [
            Expectation(
                at("api.box.com", "/2.0/folders"),
                [CRED, OS, MEETING],
                "Box",
                "create folder '<topic> <meeting id>' under the root; X-Box-UA 'agent=box-python-"
                "generated-sdk/1.17.0; env=python/3.12.1' (an SDK platform header naming the "
                "runtime version); Bearer developer token",
            ),
            Expectation(
                at("upload.box.com", "/api/2.0/files/content"),
                [CRED, OS, NAME, TRANSCRIPT],
                "Box",
                "multipart upload: attributes part (JSON: name transcript.srt, parent id) and the "
                "file part, an SRT transcript whose cues are 'Alice Example: …' and 'Lukas "
                "Brandt: …' (no meeting id or topic); X-Box-UA; Bearer",
            ),
            Expectation(
                at("api.box.com", "/2.0/comments"),
                [CRED, OS, CHAT, NAME],
                "Box",
                "comment on a file: 'Lukas Brandt, please check the timestamps around the "
                "pricing part.' (to a colleague); X-Box-UA; Bearer",
            ),
            Expectation(
                at("api.box.com", "/2.0/collaborations"),
                [CRED, OS, UID, EMAIL],
                "Box",
                "create collaboration on the folder: accessible_by {type: user, login: <guest "
                "e-mail>} (the account's login: user id and e-mail), role editor; X-Box-UA; "
                "Bearer",
            ),
        ],
    ),
    (
        "linear-node",
        [
            Expectation(
                at("api.linear.app", "/graphql", b"issueCreate"),
                [CRED, MEETING, NAME, EMAIL],
                "Linear",
                "GraphQL mutation createIssue, variables.input: teamId, title 'Follow-up from "
                "<topic> (meeting <id>)', description 'Action item from Alice Example: send … to "
                "Lukas Brandt (<e-mail>) by Friday.', priority; Authorization: the bare lin_api_ "
                "key",
            ),
            Expectation(
                at("api.linear.app", "/graphql", b"commentCreate"),
                [CRED, CHAT, NAME, COARSE],
                "Linear",
                "GraphQL mutation createComment: issueId, body 'Lukas Brandt: I'll take this, "
                "dialling in from Berlin tomorrow.' (a person's words naming his city); API key",
            ),
            Expectation(
                at("api.linear.app", "/graphql", b"query users"),
                [CRED, EMAIL],
                "Linear",
                "GraphQL query users with filter {email: {eq: <guest e-mail>}} (a lookup, not "
                "an id); the selection set names fields (email, name, timezone …) without "
                "values: no label; API key",
            ),
        ],
    ),
    (
        "openobserve-browser",
        [
            Expectation(
                at("api.openobserve.ai", OO_RUM, b"meeting_joined"),
                [CRED, USAGE, DIAG, PERF, MEETING, UID, NAME, EMAIL, DID, SID, NETWORK, LOCALE],
                "OpenObserve",
                "RUM batch (NDJSON declared text/plain): custom action meeting_joined with "
                "context meeting_id/topic/participants, a custom error 'media connection failed "
                "…' with stack, long task, resource and view timings; usr id/name/email and "
                "anonymous_id (a browser-kept id: device id), session/view/tab ids, "
                "connectivity effective_type 4g, device locale en-US and time_zone; viewport "
                "left out of hardware (heldout3); client token in the query (o2-api-key)",
            ),
            Expectation(
                at("api.openobserve.ai", OO_RUM),
                [CRED, USAGE, DIAG, PERF, MEETING, UID, NAME, EMAIL, DID, SID, NETWORK, LOCALE],
                "OpenObserve",
                "later RUM batches: long tasks, view updates",
                followups=True,
            ),
            Expectation(
                at("api.openobserve.ai", OO_LOGS),
                [CRED, DIAG, MEETING, UID, NAME, EMAIL, DID, SID, NETWORK],
                "OpenObserve",
                "browser log record (JSON declared text/plain): message 'joined meeting <id>', "
                "status info, meeting_id, network wifi, usr id/name/email/anonymous_id, "
                "session_id, view/tab ids (a log record is diagnostics even when it says "
                "'joined meeting'); client token in the query",
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "notion-py": "JSON REST API calls",
    "jira-py": "JSON REST API calls",
    "asana-py": "JSON REST API calls + SDK platform header",
    "todoist-py": "JSON REST API calls",
    "airtable-py": "JSON REST API calls",
    "box-py": "JSON REST API calls + SDK platform header",
    "linear-node": "GraphQL operations (JSON variables)",
    "openobserve-browser": "RUM events and log records, JSON/NDJSON declared text/plain",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if not request.get("body_b64"):
        return "headers, path and query only"
    content_type = dict((k.lower(), v) for k, v in request["headers"]).get("content-type", "")
    if "multipart/form-data" in content_type:
        return "multipart file upload"
    return FORMAT_CLASSES[scenario]


HELDOUT = HeldoutSet(
    name="heldout11",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
